import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { migrate } from '../../src/core/database/migrator';
import { freeze } from './frozen';
import { assertBuilt, RunningProcess, runNode } from './server-process';
import { withDatabase } from './test-database';

const SERVER = path.resolve(__dirname, 'own-postgres-server.js');

/**
 * A PostgreSQL server of the suite's own (embedded, under a temporary directory, on a port of its
 * own), so the suite can stop, freeze and restart it under load without touching the server
 * every other suite and CI use.
 */
export class OwnPostgres {
  private server?: RunningProcess;
  private serverUrl = '';

  private constructor(private readonly dir: string) {}

  static async start(): Promise<OwnPostgres> {
    assertBuilt();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'platform-own-pg-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    const own = new OwnPostgres(dir);
    await own.up();
    return own;
  }

  /** A new database on it, migrated; its URL. */
  async createDatabase(name: string): Promise<string> {
    const client = new Client({ connectionString: this.serverUrl });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`).finally(() => client.end());
    const url = withDatabase(this.serverUrl, name);
    await migrate(url);
    return url;
  }

  /** Starts it (again, after `stop`: on the same port, with the same data). */
  async up(): Promise<void> {
    const port = this.serverUrl ? [new URL(this.serverUrl).port] : [];
    const server = runNode(SERVER, {}, [this.dir, ...port]);
    const line = await server.waitFor(/^\{"url":/);
    this.serverUrl = (JSON.parse(line) as { url: string }).url;
    this.server = server;
  }

  /** Stops it as an operator restarting it would: a fast shutdown, every connection cut. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.child.kill('SIGTERM');
    await server.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.up();
  }

  /** SIGSTOP to the postmaster and its backends: connections stay open and nothing answers. Returns the thaw. */
  freeze(): () => void {
    const pid = Number(readFileSync(path.join(this.dir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return freeze(pid);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
