import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { parseResponse } from './support/raw-http';
import { assertBuilt, runBuilt, RunningProcess } from './support/server-process';
import { freePort } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { until } from './support/until';

/** GET on a connection of its own, closed after the answer: its status. */
function statusOnNewConnection(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** The pids of the workers the primary reported listening, in order. */
const workersListening = (server: RunningProcess): number[] =>
  [...server.output().matchAll(/"worker":(\d+),"msg":"worker listening"/g)].map((match) => Number(match[1]));

/**
 * WORKERS=2 as `npm start` runs it, on the embedded PostgreSQL: the primary migrates and starts
 * PostgreSQL once, both workers serve the one port, a killed worker is replaced, and SIGTERM lets
 * every worker finish its requests before PostgreSQL stops.
 */
describe('WORKERS=2 (node:cluster)', () => {
  let dataDir: string;
  let port: number;
  let metricsPort: number;
  let server: RunningProcess;
  const base = (): string => `http://127.0.0.1:${port}`;
  const postmasterPid = (): string => path.join(dataDir, 'postgres', 'cluster', 'postmaster.pid');
  const env = (): Record<string, string> => ({
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    WORKERS: '2',
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
  });

  /** Sends `count` requests, each with its own id, and answers which process logged each one. */
  async function servedBy(count: number): Promise<number[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    // A connection of its own each (no keep-alive), so the primary deals them out over the workers.
    for (const id of ids) expect(await statusOnNewConnection(`${base()}/api/v1/health/live`, { 'x-request-id': id })).toBe(200);
    await until(() => ids.every((id) => server.output().includes(`"reqId":"${id}"`)));
    return ids.map((id) => Number(new RegExp(`"pid":(\\d+)[^\\n]*"reqId":"${id}"`).exec(server.output())![1]));
  }

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-workers-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    port = await freePort();
    metricsPort = await freePort();
    server = runBuilt('main.js', env());
    await server.waitFor(/"msg":"listening on http:\/\/127\.0\.0\.1:\d+ with 2 workers/, 150_000);
  }, 180_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates once, in the primary, and serves requests from both workers', async () => {
    const workers = workersListening(server);
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(server.child.pid);
    expect(server.output().match(/applied migration 20261128000000_init/g)).toHaveLength(1);
    expect(server.output()).toMatch(new RegExp(`"pid":${server.child.pid},"msg":"applied migration`));

    const pids = await servedBy(10);
    expect(new Set(pids)).toEqual(new Set(workers));
  });

  it("serves one scrape of the whole group on METRICS_PORT: both workers' requests added up, no worker label", async () => {
    const live = (text: string): number =>
      Number(/^platform_http_requests_total\{[^}]*route="\/api\/v1\/health\/live"[^}]*status="200"[^}]*\} (\d+)$/m.exec(text)?.[1] ?? 0);
    const scrape = async (): Promise<string> => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const before = live(await scrape());
    const pids = await servedBy(10);
    expect(new Set(pids).size).toBe(2);
    const text = await scrape();
    expect(live(text) - before).toBe(10);
    expect(text).not.toMatch(/worker="/);
  });

  it('replaces a worker that dies, and the new one serves', async () => {
    const [victim, survivor] = workersListening(server);
    process.kill(victim, 'SIGKILL');
    await server.waitFor(
      new RegExp(`"worker":${victim},"code":null,"signal":"SIGKILL","restartInMs":\\d+,"msg":"worker died; replacing it"`),
    );
    await until(() => workersListening(server).length === 3, 90_000);
    const replacement = workersListening(server)[2];
    expect([victim, survivor]).not.toContain(replacement);

    const pids = await servedBy(10);
    expect(new Set(pids)).toEqual(new Set([survivor, replacement]));
  }, 120_000);

  it('on SIGTERM finishes the request in flight in its worker, then stops every worker and PostgreSQL', async () => {
    const body = JSON.stringify({ account: 'nobody-here', password: 'not the password' });
    const [head, tail] = [body.slice(0, 10), body.slice(10)];
    // A login whose body is still arriving when the signal comes: its worker must wait for it.
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk) => (received = Buffer.concat([received, chunk])));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-Id: web\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${head}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    server.child.kill('SIGTERM');
    await server.waitFor(/"msg":"shutting down: workers finish their requests in flight"/);
    await until(() => (server.output().match(/"msg":"shutting down: finishing requests in flight"/g) ?? []).length === 2);
    // Draining, the port takes no new connection, but the request in flight gets its answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(tail);
    await closed;
    const answer = parseResponse(received);
    expect(answer?.status).toBe(401);
    expect(JSON.parse(answer!.body)).toMatchObject({ code: expect.any(Number) });

    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(new RegExp(`"pid":${server.child.pid},"msg":"stopped"`));
    expect(existsSync(postmasterPid())).toBe(false);
  }, 120_000);

  it('exits non-zero when its workers keep dying at start-up (their port is taken)', async () => {
    const database = await createTestDatabase();
    const squatter = net.createServer();
    const taken = await freePort();
    await new Promise<void>((resolve) => squatter.listen(taken, '127.0.0.1', resolve));
    try {
      const failing = runBuilt('main.js', { ...env(), PORT: String(taken), DATABASE_URL: database.url });
      expect(await failing.exited).toBe(1);
      expect(failing.output()).toMatch(/workers keep dying at start-up \(4 in a row\): giving up/);
      expect(failing.output()).toMatch(/"restartInMs":250,"msg":"worker died; replacing it"/);
      expect(failing.output()).not.toMatch(/"msg":"listening on/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
      await database.drop();
    }
  }, 180_000);
});
