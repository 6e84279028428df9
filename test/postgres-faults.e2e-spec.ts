import { Client } from 'pg';

import {
  expectBusWorks,
  expectLedgersMatchTotals,
  expectOnly,
  grant,
  me,
  Member,
  member,
  refusedWithin,
  servesAgain,
  sleep,
} from './support/faults';
import { Load, tally } from './support/load';
import { OwnPostgres } from './support/own-postgres';
import { createTestApp, TestApp } from './support/test-app';

const STATEMENT_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2000;
/**
 * Longest any answer may take while PostgreSQL is stopped or frozen: a transaction's statement
 * and its rollback may each wait out the statement timeout plus the client's second of grace,
 * after waiting for a connection. The freeze lasts longer, so a request left waiting for the
 * thaw (as all were, up to 15 s, before these bounds) cannot pass.
 */
const BOUND_MS = 2 * (STATEMENT_TIMEOUT_MS + 1000) + CONNECT_TIMEOUT_MS + 1000;
const FROZEN_MS = BOUND_MS + 1500;
const HEALTH_TOKEN = 'health-token-of-the-postgres-fault-suite';
/** How soon a logout at one instance must be refused at the other (as in sessions-cross-process). */
const NOTICE_MS = 100;
/** Only a success or the database's own code, 1007 with 503. */
const SERVED_OR_1007 = { 0: 200, 1007: 503 };

/**
 * PostgreSQL stopped, frozen and restarted under load: on a PostgreSQL of this suite's own (never
 * the shared one), under two app instances, as two processes of one deployment.
 */
describe("PostgreSQL faults under load (a PostgreSQL of the suite's own)", () => {
  let pg: OwnPostgres;
  let first: TestApp;
  let second: TestApp;
  let admin: Member;
  let users: Member[];

  beforeAll(async () => {
    pg = await OwnPostgres.start();
    const url = await pg.createDatabase('faults');
    const env = {
      REDIS_URL: '', // the PostgreSQL stores and LISTEN/NOTIFY bus, whatever the run's Redis
      BCRYPT_COST: '4',
      DATABASE_POOL_SIZE: '4',
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      RATE_LIMIT_PER_IP: '1000000', // counted (in PostgreSQL) on every request, never reached
      HEALTH_TOKEN,
    };
    first = await createTestApp({ databaseUrl: url, env });
    second = await createTestApp({ databaseUrl: url, env });
    admin = await member(first, 'admin');
    users = [await member(first), await member(first), await member(first)];
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await pg?.destroy();
  });

  /** Reads and ledger writes through both instances, as many clients at once. */
  const traffic = (): Load =>
    new Load((worker, round) => {
      const t = (worker + round) % 2 === 0 ? first : second;
      const user = users[(worker + round) % users.length];
      return worker % 2 === 0 ? me(t.http, user) : grant(t.http, admin, user);
    }, 6);

  it('stopped: answers 1007 (503, enveloped) at once, readiness says 1007 and no more, and serves again once it is back', async () => {
    const load = traffic();
    await sleep(300);
    await pg.stop();
    const stoppedAt = load.soFar.length;
    await sleep(1500);

    const ready = await first.http.get('/api/v1/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 1007, data: { status: 'down' } });
    expect(Object.keys(ready.body.data)).toEqual(['status']);
    expect(ready.body.detail).toBeUndefined();
    const detailed = await first.http.get('/api/v1/health/ready', { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    expect(detailed.body.data.checks.database).toEqual({ status: 'down', via: 'postgres', code: 1007, message: 'unreachable' });

    await pg.up();
    for (const t of [first, second]) await servesAgain(() => me(t.http, users[0]));
    const answers = await load.stop();

    const during = answers.slice(stoppedAt);
    expect(tally(during)['503/1007']).toBeGreaterThan(0);
    expectOnly(answers, SERVED_OR_1007, BOUND_MS);
    expect((await first.http.get('/api/v1/health/ready')).status).toBe(200);
    await expectLedgersMatchTotals(first);
  });

  it('restarted: a logout at one instance is refused at the other at once, though the restart cut the bus between them', async () => {
    const who = await member(first);
    for (const t of [first, second]) expect((await me(t.http, who)).body.code).toBe(0);

    await pg.restart();
    // Both read the session again from the database the moment it is back, before the logout.
    for (const t of [second, first]) await servesAgain(() => me(t.http, who));
    const logout = await first.http.post('/api/v1/auth/logout', undefined, { headers: who.headers });
    const since = Date.now();
    expect(logout.body).toMatchObject({ code: 0 });
    const { response } = await refusedWithin(second.http, who.headers, since, NOTICE_MS);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(1031);

    // Listening again a second later: sessions held in memory again, revocations heard again.
    await sleep(2500);
    await expectBusWorks(first, second, NOTICE_MS);
  });

  it('the bus connection alone cut: a logout made before it listens again is refused at the other instance at once', async () => {
    const who = await member(first);
    for (const t of [first, second]) expect((await me(t.http, who)).body.code).toBe(0);

    // As a network blip would: only the LISTEN connections of both instances end, the pools stay.
    const control = new Client({ connectionString: first.database.url });
    await control.connect();
    try {
      const cut = await control.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN platform_invalidate'`,
      );
      expect(cut.rowCount).toBe(2);
    } finally {
      await control.end();
    }
    // Before they listen again (a second later), the other instance reads the session, then it ends.
    expect((await me(second.http, who)).body.code).toBe(0);
    const logout = await first.http.post('/api/v1/auth/logout', undefined, { headers: who.headers });
    const since = Date.now();
    expect(logout.body).toMatchObject({ code: 0 });
    expect((await refusedWithin(second.http, who.headers, since, NOTICE_MS)).response.body.code).toBe(1031);
    await sleep(2500);
    expect((await me(second.http, who)).body.code).toBe(1031);
    await expectBusWorks(first, second, NOTICE_MS);
  });

  it('frozen (SIGSTOP): answers 1007 within the statement and connection timeouts instead of hanging, and serves again once thawed', async () => {
    const load = traffic();
    await sleep(300);
    const thaw = pg.freeze();
    try {
      await sleep(FROZEN_MS);
      expect(load.soFar.filter((a) => a.code === 1007).length).toBeGreaterThan(0);
    } finally {
      thaw();
    }
    for (const t of [first, second]) await servesAgain(() => me(t.http, users[0]));
    const answers = await load.stop();

    // Answered within the bound though the freeze lasted longer: none was left waiting for the thaw.
    expectOnly(answers, SERVED_OR_1007, BOUND_MS);
    await expectLedgersMatchTotals(first);
  });

  it('a statement held up by a lock answers 1007 after the statement timeout, on the raw pool path and through Prisma alike', async () => {
    const locker = new Client({ connectionString: first.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      // GET /users/me reads the profile with PrismaService.hotQuery; the grant writes through Prisma.
      const [read, write] = await Promise.all([me(first.http, users[1]), grant(second.http, admin, users[1])]);
      const took = Date.now() - started;
      for (const answer of [read, write]) {
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ code: 1007, message: '数据库连接失败' });
      }
      expect(took).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
      expect(took).toBeLessThan(STATEMENT_TIMEOUT_MS + 1000);
      // PostgreSQL cancelled them itself: nothing of the app's still waits on the lock.
      const waiting = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await me(first.http, users[1])).body.code).toBe(0);
  });

  it('a lock wait bounded by DATABASE_LOCK_TIMEOUT_MS answers 1007 as soon as that passes', async () => {
    const quick = await createTestApp({
      databaseUrl: first.database.url,
      env: { REDIS_URL: '', DATABASE_STATEMENT_TIMEOUT_MS: '5000', DATABASE_LOCK_TIMEOUT_MS: '300' },
    });
    const locker = new Client({ connectionString: first.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const write = await grant(quick.http, admin, users[2]);
      expect(write.status).toBe(503);
      expect(write.body.code).toBe(1007);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
      await quick.close();
    }
  });
});
