import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { signedHeaders } from '../src/signing/sign';
import { randomNonce } from './support/http-client';
import { assertBuilt, runBuilt, runProcess } from './support/server-process';
import { freePort } from './support/test-app';

/** Only root has PostgreSQL run as another user ("postgres"), who may be shut out of a directory. */
const AS_ROOT = process.getuid?.() === 0;
const asRoot = AS_ROOT ? it : it.skip;

/**
 * The README's `npm start` path, end to end: the built server with no DATABASE_URL starts its own
 * PostgreSQL under DATA_DIR, migrates, serves, and on SIGTERM finishes and stops that PostgreSQL.
 */
describe('the server process (embedded PostgreSQL)', () => {
  let dataDir: string;
  let port: number;
  const env = (): Record<string, string> => ({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  const postmasterPid = (): string => path.join(dataDir, 'postgres', 'cluster', 'postmaster.pid');

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-process-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    port = await freePort();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data directory, logs with request ids and no secrets, and stops cleanly', async () => {
    const server = runBuilt('main.js', env());
    await server.waitFor(/"msg":"listening on http/);
    expect(server.output()).toMatch(/applied migration 20261128000000_init/);
    expect(existsSync(postmasterPid())).toBe(true);

    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`, {
      headers: { authorization: 'Bearer 1c9a.super-secret-ukey', 'x-request-id': 'process-test-1' },
    });
    expect(res.status).toBe(200);
    await server.waitFor(/"id":"process-test-1".*request completed/);
    expect(server.output()).not.toContain('super-secret-ukey');

    // Commands run while the server runs join its PostgreSQL instead of starting a second one.
    const cli = runBuilt('cli/migrate.js', env());
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/database is up to date/);

    const create = runBuilt('cli/app-create.js', env(), ['--name', 'web']);
    expect(await create.exited).toBe(0);
    const appId = /^app_id: (app_[0-9a-f]{16})$/m.exec(create.output())![1];
    const appKey = /^app_key: (\S{43})$/m.exec(create.output())![1];
    const request = { method: 'GET', url: '/api/v1/apps/me', timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
    const me = await fetch(`http://127.0.0.1:${port}${request.url}`, { headers: signedHeaders({ id: appId, key: appKey }, request) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { name: string } }).data.name).toBe('web');
    expect(server.output()).not.toContain(appKey);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    expect(existsSync(postmasterPid())).toBe(false);
  });

  it('creates an app with the server stopped, starting and stopping PostgreSQL itself', async () => {
    const create = runBuilt('cli/app-create.js', env(), ['--name', 'offline']);
    expect(await create.exited).toBe(0);
    expect(create.output()).toMatch(/^app_id: app_[0-9a-f]{16}$/m);
    expect(existsSync(postmasterPid())).toBe(false);
  });

  it('reuses the data on the second start and applies nothing again', async () => {
    const server = runBuilt('main.js', env());
    await server.waitFor(/"msg":"listening on http/);
    expect(server.output()).not.toMatch(/applied migration/);
    expect(readdirSync(path.join(dataDir, 'postgres'))).toEqual(expect.arrayContaining(['cluster', 'state.json']));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  asRoot(
    `says what to do when, as root, the data directory is closed to the postgres user${AS_ROOT ? '' : ' (skipped: not running as root)'}`,
    async () => {
      const closed = mkdtempSync(path.join(os.tmpdir(), 'platform-closed-'));
      try {
        const server = runBuilt('main.js', { ...env(), DATA_DIR: path.join(closed, 'data') });
        expect(await server.exited).toBe(1);
        expect(server.output()).toContain(`cannot enter ${closed}. Run "chmod o+x ${closed}"`);
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    },
  );

  /** Whether a process of that id still runs. */
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  // `npm start` builds in `prestart`, then its shell execs node: the signal npm forwards reaches
  // the server, which stops serving and stops its PostgreSQL, and npm exits with it.
  it.each(['SIGTERM', 'SIGINT'] as const)('`npm start` then %s to the npm process stops the server and its PostgreSQL', async (signal) => {
    const npm = runProcess('npm', ['start'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...env(), HOME: process.env.HOME ?? os.homedir(), ENV_FILE: '' },
    });
    const listening = await npm.waitFor(/"msg":"listening on http/, 120_000);
    const serverPid = Number(/"pid":(\d+)/.exec(listening)![1]);
    expect(serverPid).not.toBe(npm.child.pid);
    expect(existsSync(postmasterPid())).toBe(true);

    npm.child.kill(signal);
    expect(await npm.exited).toBe(0);
    expect(npm.output()).toMatch(new RegExp(`"signal":"${signal}".*shutting down`));
    expect(npm.output()).toMatch(/"msg":"stopped"/);
    expect(alive(serverPid)).toBe(false);
    expect(existsSync(postmasterPid())).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health/live`)).rejects.toThrow();
  });

  it('refuses a bad configuration with one line per problem', async () => {
    const server = runBuilt('main.js', { ...env(), PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Invalid configuration:');
    expect(server.output()).toMatch(/^ {2}PORT: /m);
    expect(server.output()).toMatch(/^ {2}DATABASE_URL: must be a postgresql:\/\/ URL$/m);
  });
});
