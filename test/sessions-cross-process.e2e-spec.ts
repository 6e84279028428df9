import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

import { SessionsService } from '../src/auth/sessions.service';
import { InvalidationBus, PostgresInvalidationBus, RedisInvalidationBus } from '../src/core/cache/invalidation-bus';
import { refusedWithin as refusedWithinDeadline, sleep } from './support/faults';
import { insertUser, loginAs } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-redis';
import { until } from './support/until';

const PASSWORD = 'Tr0ub4dor&3-horse';
/** How soon a change made through one process must be seen by the other. */
const DEADLINE_MS = 100;

/** Fails when a change made through one process is still not seen by the other this long after. */
const refusedWithin = (http: HttpClient, headers: Record<string, string>, since: number) =>
  refusedWithinDeadline(http, headers, since, DEADLINE_MS);

/** The channel the bus of a deployment speaks on (src/core/cache/invalidation-bus.ts). */
const CHANNEL = 'platform_invalidate';

describe(`sessions across two app processes (${TEST_REDIS_URL ? 'Redis' : 'PostgreSQL'} invalidation bus)`, () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Processes of one deployment share the database, their APP_SECRET_KEY (the sealed api keys), and
    // with Redis the key prefix (so the channel).
    const env = {
      BCRYPT_COST: '4',
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      APP_SECRET_KEY: randomBytes(32).toString('hex'),
    };
    first = await createTestApp({ env });
    second = await createTestApp({ env, databaseUrl: first.database.url });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const me = (t: TestApp, headers: Record<string, string>) => t.http.get('/api/v1/users/me', { headers });

  /** A fresh active user logged in on `first`, the session already read (and cached) by both processes. */
  async function sessionSeenByBoth(): Promise<{ user: { id: string; username: string }; headers: Record<string, string> }> {
    const user = await insertUser(first.prisma, { password: PASSWORD });
    const headers = await loginAs(first.http, user.username, PASSWORD);
    for (const t of [first, second]) {
      const response = await me(t, headers);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ code: 0, data: { uuid: user.id, username: user.username, status: 'ACTIVE' } });
    }
    return { user, headers };
  }

  /** Connections listening on the deployment's channel, as the server carrying the bus counts them. */
  async function listeners(): Promise<number> {
    if (!TEST_REDIS_URL) {
      const [row] = await first.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = ${`LISTEN ${CHANNEL}`}`;
      return row.n;
    }
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const [, count] = (await redis.pubsub('NUMSUB', `${first.config.REDIS_KEY_PREFIX}${CHANNEL}`)) as [string, number];
      return Number(count);
    } finally {
      await redis.quit();
    }
  }

  it(`has both processes listening on one ${TEST_REDIS_URL ? 'Redis' : 'PostgreSQL'} channel`, async () => {
    const buses = [first, second].map((t) => t.app.get(InvalidationBus));
    for (const bus of buses) expect(bus).toBeInstanceOf(TEST_REDIS_URL ? RedisInvalidationBus : PostgresInvalidationBus);
    await until(() => buses.every((bus) => bus.live));
    expect(await listeners()).toBe(2);
  });

  it('control: a change made behind the bus is not seen by a process holding the session (so the checks below measure the bus)', async () => {
    const { user, headers } = await sessionSeenByBoth();
    await second.prisma.session.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    await sleep(DEADLINE_MS * 2);
    expect((await me(second, headers)).body.code).toBe(0);
    // Once told through the bus, it refuses.
    const keys = (await first.prisma.session.findMany({ where: { userId: user.id } })).map((row) =>
      Buffer.from(row.keyHash).toString('hex'),
    );
    expect(keys).toHaveLength(1);
    const since = Date.now();
    await first.app.get(SessionsService).invalidate(keys);
    const { response } = await refusedWithin(second.http, headers, since);
    expect(response.body.code).toBe(1031);
  });

  it('refuses at the second process, within 100 ms, a session logged out at the first (1031)', async () => {
    const { user, headers } = await sessionSeenByBoth();
    const logout = await first.http.post('/api/v1/auth/logout', undefined, { headers });
    const since = Date.now();
    expect(logout.body).toMatchObject({ code: 0 });
    expect((await me(first, headers)).body.code).toBe(1031);

    const { response, afterMs } = await refusedWithin(second.http, headers, since);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(1031);
    expect(afterMs).toBeLessThanOrEqual(DEADLINE_MS);
    // And it stays refused.
    expect((await me(second, headers)).body.code).toBe(1031);
    expect((await second.prisma.session.findFirstOrThrow({ where: { userId: user.id } })).revokedAt).not.toBeNull();
  });

  it('refuses at the second process, within 100 ms, the session of a user banned and forgotten at the first (1036)', async () => {
    const { user, headers } = await sessionSeenByBoth();
    await first.prisma.user.update({ where: { id: user.id }, data: { status: 'BANNED' } });
    const since = Date.now();
    await first.app.get(SessionsService).forgetUser(user.id);

    const { response, afterMs } = await refusedWithin(second.http, headers, since);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 1036, data: { status: 'BANNED' } });
    expect(afterMs).toBeLessThanOrEqual(DEADLINE_MS);
    const atFirst = await me(first, headers);
    expect(atFirst.status).toBe(403);
    expect(atFirst.body).toMatchObject({ code: 1036, data: { status: 'BANNED' } });
  });

  it('refuses at the second process, within 100 ms, a session revoked by DELETE /auth/sessions/:id at the first; the caller keeps its own', async () => {
    const { user, headers: keeper } = await sessionSeenByBoth();
    const revoked = await loginAs(first.http, user.username, PASSWORD);
    for (const t of [first, second]) expect((await me(t, revoked)).body.code).toBe(0);

    const listed = await first.http.get('/api/v1/auth/sessions', { headers: keeper });
    expect(listed.body.code).toBe(0);
    expect(listed.body.data).toHaveLength(2);
    const target = listed.body.data.find((s: { current: boolean }) => !s.current);
    expect(target).toBeDefined();

    const deleted = await first.http.delete(`/api/v1/auth/sessions/${target.id}`, { headers: keeper });
    const since = Date.now();
    expect(deleted.body).toMatchObject({ code: 0 });

    const { response, afterMs } = await refusedWithin(second.http, revoked, since);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(1031);
    expect(afterMs).toBeLessThanOrEqual(DEADLINE_MS);
    expect((await me(first, revoked)).body.code).toBe(1031);

    // The caller's own session still works in both processes, and no longer lists the revoked one.
    for (const t of [first, second]) expect((await me(t, keeper)).body.code).toBe(0);
    const after = await second.http.get('/api/v1/auth/sessions', { headers: keeper });
    expect(after.body.data.map((s: { id: string }) => s.id)).not.toContain(target.id);
    // Revoking it again is refused (already ended).
    expect((await second.http.delete(`/api/v1/auth/sessions/${target.id}`, { headers: keeper })).body.code).toBe(1031);
  });

  it("refuses at the second process, within 100 ms, an end user's open-API session logged out at the first (99996)", async () => {
    const developer = await insertUser(first.prisma, { password: PASSWORD, group: 'developer', balanceCents: 100_000n });
    const headers = await loginAs(first.http, developer.username, PASSWORD);
    const app = (await first.http.post('/api/v1/developer/apps', { name: 'Game' }, { headers })).body.data;
    const spanId = (await first.http.post('/api/v1/developer/libraries', { name: 'Players' }, { headers })).body.data.spanId;
    expect((await first.http.post(`/api/v1/developer/apps/${app.apiId}/library`, { spanId }, { headers })).body.code).toBe(0);
    const credentials = { id: app.apiId, key: app.apiKey, idHeader: 'X-Api-Id' as const };
    const [atFirst, atSecond] = [first, second].map((t) => t.http.signedAs(credentials));
    const OPEN = '/api/v1/open/users';
    expect((await atFirst.post(`${OPEN}/register`, { username: 'player', password: PASSWORD })).body.code).toBe(0);
    const session = (await atFirst.post(`${OPEN}/login`, { account: 'player', password: PASSWORD })).body.data;
    const bearer = { authorization: `Bearer ${session.uuid}.${session.ukey}` };
    for (const client of [atFirst, atSecond]) expect((await client.get(`${OPEN}/me`, { headers: bearer })).body.code).toBe(0);

    expect((await atFirst.post(`${OPEN}/logout`, undefined, { headers: bearer })).body.code).toBe(0);
    const since = Date.now();
    const { response, afterMs } = await refusedWithinDeadline(atSecond, bearer, since, DEADLINE_MS, `${OPEN}/me`);
    expect(response.body.code).toBe(99996);
    expect(afterMs).toBeLessThanOrEqual(DEADLINE_MS);
  });
});
