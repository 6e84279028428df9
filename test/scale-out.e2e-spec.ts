import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadConfig } from '../src/core/config/app-config';
import { PrismaService } from '../src/core/database/prisma.service';
import { Metrics } from '../src/core/metrics/metrics';
import { signedHeaders } from '../src/signing/sign';
import { refusedWithin, sleep } from './support/faults';
import { insertUser, loginAs } from './support/fixtures';
import { AppCredentials, HttpClient, randomNonce } from './support/http-client';
import { awayFromWindowEnd, expectLimited } from './support/limits';
import { assertBuilt, runBuilt, ServingProcess, startServing } from './support/server-process';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { TEST_REDIS_URL } from './support/test-redis';

const PASSWORD = 'Tr0ub4dor&3-horse';
/** How soon a change made through one process must be seen by another. */
const DEADLINE_MS = 100;
/** Signed requests one app may make per window, across the three processes. */
const APP_LIMIT = 9;
const WINDOW_SECONDS = 60;

/** The sweeps every serving process registers; the PostgreSQL stores' own ones only without Redis. */
const SWEEPS = [
  'expired-captchas',
  'expired-captcha-solutions',
  'expired-qq-states',
  'expired-qq-tickets',
  'expired-verification-links',
  'expired-reset-codes',
  ...(TEST_REDIS_URL ? [] : ['expired-nonces', 'ended-rate-limit-windows']),
];

interface JobRun {
  job: string;
  period: number;
  pid: number;
}

const fail = (message: string): never => {
  throw new Error(message);
};

/** The runs a process's log reports: the periods it claimed, whether the job then did its work or failed. */
function jobRuns(server: ServingProcess): JobRun[] {
  return server
    .output()
    .split('\n')
    .filter((line) => /"msg":"periodic job (ran|failed|not claimed: database unusable)"/.test(line))
    .map((line) => JSON.parse(line) as JobRun & { msg: string })
    .filter((run) => run.msg !== 'periodic job not claimed: database unusable' || fail(`a claim failed: ${JSON.stringify(run)}`));
}

/**
 * Three built servers on loopback, sharing one PostgreSQL (and Redis, when TEST_REDIS_URL is set),
 * as replicas behind a balancer are: what one of them learns or counts, the others hold to.
 */
describe(`three app processes on one database (${TEST_REDIS_URL ? 'Redis' : 'PostgreSQL'} stores)`, () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let dataDir: string;
  let servers: ServingProcess[];
  let env: Record<string, string>;
  const [a, b, c] = [0, 1, 2].map((i) => (): ServingProcess => servers[i]);

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-scale-'));
    env = {
      DATABASE_URL: database.url,
      ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
      // Processes of one deployment share the key (sealed app keys) and, with Redis, the key prefix.
      APP_SECRET_KEY: randomBytes(32).toString('hex'),
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      BCRYPT_COST: '4',
      RATE_LIMIT_PER_APP: String(APP_LIMIT),
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      SWEEP_INTERVAL_SECONDS: '1',
      LOG_LEVEL: 'debug',
      DATA_DIR: dataDir,
    };
    prisma = new PrismaService(database.url, loadConfig({ NODE_ENV: 'test' }), new Metrics(false));
    servers = await Promise.all([0, 1, 2].map(() => startServing(env)));
  }, 240_000);
  afterAll(async () => {
    await Promise.all((servers ?? []).map((server) => server.stop()));
    await prisma?.onModuleDestroy();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A keyed app made the way an operator makes one (npm run app:create), against the shared database. */
  async function keyedApp(name: string): Promise<AppCredentials> {
    const create = runBuilt('cli/app-create.js', env, ['--name', name]);
    expect(await create.exited).toBe(0);
    return {
      id: /^app_id: (app_[0-9a-f]{16})$/m.exec(create.output())![1],
      key: /^app_key: (\S{43})$/m.exec(create.output())![1],
    };
  }

  const me = (http: HttpClient, headers: Record<string, string>) => http.get('/api/v1/users/me', { headers });

  it('refuses at C, within 100 ms, a session logged in at A and logged out at B (1031)', async () => {
    const user = await insertUser(prisma, { password: PASSWORD });
    const headers = await loginAs(a().http, user.username, PASSWORD);
    for (const server of servers) expect((await me(server.http, headers)).body).toMatchObject({ code: 0, data: { uuid: user.id } });

    const logout = await b().http.post('/api/v1/auth/logout', undefined, { headers });
    const since = Date.now();
    expect(logout.body).toMatchObject({ code: 0 });

    const { response, afterMs } = await refusedWithin(c().http, headers, since, DEADLINE_MS);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(1031);
    expect(afterMs).toBeLessThanOrEqual(DEADLINE_MS);
    expect((await me(a().http, headers)).body.code).toBe(1031);
  });

  it('refuses at B the replay of a signed request A accepted (1015)', async () => {
    const app = await keyedApp('replayed');
    const request = { method: 'GET', url: '/api/v1/apps/me', timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
    const headers = signedHeaders(app, request);

    const first = await a().http.get(request.url, { headers });
    expect(first.body).toMatchObject({ code: 0, data: { name: 'replayed' } });
    const replayed = await b().http.get(request.url, { headers });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe(1015);
    expect((await c().http.get(request.url, { headers })).body.code).toBe(1015);
  });

  it(`holds a limit of ${APP_LIMIT} signed requests per app across the three together`, async () => {
    const app = await keyedApp('limited');
    await awayFromWindowEnd(WINDOW_SECONDS);
    const answers = await Promise.all(
      Array.from({ length: APP_LIMIT * 2 }, (_, i) => servers[i % 3].http.signedAs(app).get('/api/v1/apps/me')),
    );
    const served = answers.filter((answer) => answer.body.code === 0);
    const refused = answers.filter((answer) => answer.body.code !== 0);
    expect(served).toHaveLength(APP_LIMIT);
    expect(refused).toHaveLength(APP_LIMIT);
    for (const answer of refused) expectLimited(answer, WINDOW_SECONDS);
  });

  it('runs each sweep once per period across the three, and the sweeps delete what expired', async () => {
    const longAgo = new Date(Date.now() - 3600_000);
    await prisma.captcha.create({ data: { answerHash: new Uint8Array(32).fill(7), expiresAt: longAgo } });
    if (!TEST_REDIS_URL) {
      await prisma.requestNonce.create({ data: { appId: 'web', nonce: 'swept-by-one', expiresAt: longAgo } });
      await prisma.rateLimitCounter.create({ data: { key: 'swept-by-one', window: 1n, count: 3, expiresAt: longAgo } });
    }
    await sleep(5_000);

    const runs = servers.flatMap(jobRuns);
    for (const job of SWEEPS) {
      const periods = runs.filter((run) => run.job === job).map((run) => run.period);
      // Never twice in a period, and in every period since the first (the servers started together).
      expect({ job, periods }).toEqual({ job, periods: [...new Set(periods)] });
      const sorted = [...periods].sort((x, y) => x - y);
      expect(sorted.length).toBeGreaterThanOrEqual(4);
      expect(sorted[sorted.length - 1] - sorted[0] + 1).toBe(sorted.length);
    }
    // Each period went to whichever process asked first: the work is not tied to one of them.
    expect(new Set(runs.map((run) => run.pid)).size).toBeGreaterThan(1);
    expect(await prisma.captcha.count({ where: { expiresAt: longAgo } })).toBe(0);
    if (!TEST_REDIS_URL) {
      expect(await prisma.requestNonce.count({ where: { nonce: 'swept-by-one' } })).toBe(0);
      expect(await prisma.rateLimitCounter.count({ where: { key: 'swept-by-one' } })).toBe(0);
    }
    const rows = await prisma.scheduledRun.findMany({ where: { job: { in: SWEEPS } } });
    expect(rows.map((row) => row.job).sort()).toEqual([...SWEEPS].sort());
  });
});
