import bcrypt from 'bcrypt';

import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import * as limits from './support/limits';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'Tr0ub4dor&3-horse';
const WRONG = 'not-the-password-1';
/** A day, so that a window boundary (which resets every count) is not crossed during a test. */
const WINDOW = 86_400;

const awayFromWindowEnd = (): Promise<void> => limits.awayFromWindowEnd(WINDOW);

function expectFailed(response: TestResponse): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 1031 });
}

const expectLimited = (response: TestResponse): void => limits.expectLimited(response, WINDOW);

describe('login limits per account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        BCRYPT_COST: '4',
        LOGIN_LIMIT_PER_ACCOUNT: '5',
        LOGIN_LIMIT_PER_IP: '100000',
        LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW),
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(awayFromWindowEnd);

  const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });
  const limitedRows = (account: string) =>
    t.prisma.auditEntry.findMany({ where: { action: 'login.limited', details: { path: ['account'], equals: account.toLowerCase() } } });

  it('answers 1031 to five wrong passwords and 1075 with Retry-After to the sixth, even with the right password; audits it once', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    for (let i = 0; i < 5; i += 1) expectFailed(await login(user.username, WRONG));

    const sixth = await login(user.username, PASSWORD);
    expectLimited(sixth);
    expect(sixth.body.data ?? null).toBeNull();
    expect(JSON.stringify(sixth.body)).not.toContain('ukey');
    expectLimited(await login(user.username, WRONG));
    expectLimited(await login(user.username, PASSWORD));

    // No session was issued, and the burst left exactly one audit row naming the account.
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const rows = await limitedRows(user.username);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'login.limited',
      ip: '127.0.0.1',
      targetType: 'user',
      targetId: user.id,
      details: { account: user.username.toLowerCase(), limit: 5 },
    });

    // The count lives in PostgreSQL, or in Redis when REDIS_URL is set (then nothing in the table),
    // under the account's id rather than the name typed.
    const counters = await t.prisma.rateLimitCounter.findMany({ where: { key: `login:account:${user.id}` } });
    if (t.config.REDIS_URL) expect(counters).toHaveLength(0);
    else expect(counters).toEqual([expect.objectContaining({ count: 8, window: BigInt(Math.floor(Date.now() / 1000 / WINDOW)) })]);
  });

  it('leaves another account alone while one is limited', async () => {
    const limited = await insertUser(t.prisma, { password: PASSWORD });
    const other = await insertUser(t.prisma, { password: PASSWORD });
    for (let i = 0; i < 6; i += 1) await login(limited.username, WRONG);
    expectLimited(await login(limited.username, PASSWORD));

    expectFailed(await login(other.username, WRONG));
    const ok = await login(other.username, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 0, data: { uuid: other.id } });
    expect(await limitedRows(other.username)).toHaveLength(0);
  });

  it('clears the count on a successful login: 4 wrong, 1 right, then 5 more wrong are 1031', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    for (let i = 0; i < 4; i += 1) expectFailed(await login(user.username, WRONG));
    const ok = await login(user.username, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 0, data: { uuid: user.id } });

    for (let i = 0; i < 5; i += 1) expectFailed(await login(user.username, WRONG));
    // The limit still holds after the fresh start.
    expectLimited(await login(user.username, PASSWORD));
    expect(await limitedRows(user.username)).toHaveLength(1);
  });

  it('lets exactly five of 20 parallel wrong logins through to the password check', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const responses = await Promise.all(Array.from({ length: 20 }, () => login(user.username, WRONG)));
    const codes = responses.map((r) => r.body.code);
    expect(codes.filter((c) => c === 1031)).toHaveLength(5);
    expect(codes.filter((c) => c === 1075)).toHaveLength(15);
    for (const response of responses) {
      if (response.body.code === 1075) expectLimited(response);
      else expectFailed(response);
    }
    expect(await limitedRows(user.username)).toHaveLength(1);
    expectLimited(await login(user.username, PASSWORD));
  });

  it('counts ALICE and alice (and the email in any case) as one account', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const upper = user.username.toUpperCase();
    expectFailed(await login(upper, WRONG));
    expectFailed(await login(user.username, WRONG));
    expectFailed(await login(` ${upper} `, WRONG));
    expectFailed(await login(upper, WRONG));
    expectFailed(await login(user.username, WRONG));
    expectLimited(await login(user.username, PASSWORD));
    expectLimited(await login(upper, PASSWORD));
    expect(await limitedRows(user.username)).toHaveLength(1);

    const byEmail = await insertUser(t.prisma, { password: PASSWORD });
    for (let i = 0; i < 5; i += 1) expectFailed(await login(i % 2 ? byEmail.email.toUpperCase() : byEmail.email, WRONG));
    expectLimited(await login(byEmail.email, PASSWORD));
  });

  it('counts the username and the email of one account as one budget, whichever is typed', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const names = [user.username, user.email, user.username.toUpperCase(), user.email.toUpperCase(), user.username];
    for (const name of names) expectFailed(await login(name, WRONG));
    // Neither name has a budget of its own left: the sixth attempt is refused by either.
    expectLimited(await login(user.email, PASSWORD));
    expectLimited(await login(user.username, PASSWORD));
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const rows = await t.prisma.auditEntry.findMany({ where: { action: 'login.limited', targetId: user.id } });
    expect(rows).toHaveLength(1);
  });

  it('gives a name that is no account a budget of its own, answered exactly like an account', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    for (const name of ['nobody_here_1', 'nobody-1@example.com']) {
      for (let i = 0; i < 5; i += 1) expectFailed(await login(name, WRONG));
      expectLimited(await login(name, WRONG));
    }
    for (let i = 0; i < 5; i += 1) await login(user.username, WRONG);
    const known = await login(user.username, WRONG);
    const unknown = await login('nobody_here_1', WRONG);
    expectLimited(known);
    expectLimited(unknown);
    // Alike but for the seconds left, which the detail states.
    expect({ ...known.body, requestId: undefined, detail: undefined }).toEqual({
      ...unknown.body,
      requestId: undefined,
      detail: undefined,
    });
    expect([known.body.detail, unknown.body.detail]).toEqual([
      expect.stringMatching(/^retry in \d+ s$/),
      expect.stringMatching(/^retry in \d+ s$/),
    ]);
  });

  it('folds a name one way: `İ` in a typed username is no other account (PostgreSQL lower() would make it `i`)', async () => {
    const { id } = await insertUser(t.prisma, { password: PASSWORD });
    const username = `mi${id.slice(0, 8)}`;
    await t.prisma.user.update({ where: { id }, data: { username } });
    const lookalike = `mİ${id.slice(0, 8)}`;
    // The control: the database itself folds the lookalike onto the username, so a lookup through lower() would find it.
    const [folded] = await t.prisma.$queryRaw<{ same: boolean }[]>`SELECT lower(${lookalike}) = lower(${username}) AS same`;
    expect(folded.same).toBe(true);

    expectFailed(await login(lookalike, PASSWORD));
    expect(await t.prisma.session.count({ where: { userId: id } })).toBe(0);
    // Its attempts are not the account's: five more on the real name still reach the password check.
    for (let i = 0; i < 4; i += 1) expectFailed(await login(lookalike, WRONG));
    for (let i = 0; i < 4; i += 1) expectFailed(await login(username.toUpperCase(), WRONG));
    const ok = await login(username, PASSWORD);
    expect(ok.body).toMatchObject({ code: 0, data: { uuid: id } });
  });
});

describe('password change limits: the login budget of the account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { BCRYPT_COST: '4', LOGIN_LIMIT_PER_ACCOUNT: '5', LOGIN_LIMIT_PER_IP: '100000', LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW) },
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(awayFromWindowEnd);

  const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });
  const change = (headers: Record<string, string>, currentPassword: string) =>
    t.http.post(
      '/api/v1/users/me/password',
      { currentPassword, password: 'N3w-secret-pass', passwordConfirm: 'N3w-secret-pass' },
      { headers },
    );
  const hashOf = async (id: string) => (await t.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash;

  it('refuses the sixth try with 1075 and Retry-After, even with the right password, and the login shares the count', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const session = await loginAs(t.http, user.username, PASSWORD);
    const before = await hashOf(user.id);
    for (let i = 0; i < 3; i += 1) expect((await change(session, WRONG)).body.code).toBe(1028);
    for (let i = 0; i < 2; i += 1) expectFailed(await login(user.email, WRONG));

    expectLimited(await change(session, PASSWORD));
    expectLimited(await login(user.username, PASSWORD));
    expect(await hashOf(user.id)).toBe(before);
    const rows = await t.prisma.auditEntry.findMany({ where: { action: 'login.limited', targetId: user.id } });
    expect(rows).toHaveLength(1);
  });

  it('lets exactly five of 20 parallel wrong tries reach the password check', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const session = await loginAs(t.http, user.username, PASSWORD);
    const responses = await Promise.all(Array.from({ length: 20 }, () => change(session, WRONG)));
    const codes = responses.map((r) => r.body.code);
    expect(codes.filter((c) => c === 1028)).toHaveLength(5);
    expect(codes.filter((c) => c === 1075)).toHaveLength(15);
    for (const response of responses) if (response.body.code === 1075) expectLimited(response);
    expectLimited(await change(session, PASSWORD));
    expect(await t.prisma.auditEntry.count({ where: { action: 'password.change', targetId: user.id } })).toBe(0);
  });

  it('clears the count when the current password was right', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const session = await loginAs(t.http, user.username, PASSWORD);
    for (let i = 0; i < 4; i += 1) expect((await change(session, WRONG)).body.code).toBe(1028);
    expect((await change(session, PASSWORD)).body.code).toBe(0);
    for (let i = 0; i < 5; i += 1) expectFailed(await login(user.username, WRONG));
    expectLimited(await login(user.username, 'N3w-secret-pass'));
  });
});

describe('login limits per IP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        BCRYPT_COST: '4',
        LOGIN_LIMIT_PER_ACCOUNT: '5',
        LOGIN_LIMIT_PER_IP: '10',
        LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW),
        // Behind a proxy (this test, on loopback) the client's address comes from X-Forwarded-For: each test is its own client.
        TRUST_PROXY: '127.0.0.1',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(awayFromWindowEnd);

  const login = (ip: string, account: string, password: string) =>
    t.http.post('/api/v1/auth/login', { account, password }, { headers: { ...WEB, 'x-forwarded-for': ip } });
  const limitedRows = (ip: string) => t.prisma.auditEntry.findMany({ where: { action: 'login.limited', ip } });

  it('lets ten attempts on ten accounts reach the password check and refuses the eleventh from that IP', async () => {
    const ip = '198.51.100.7';
    const users = await Promise.all(Array.from({ length: 11 }, () => insertUser(t.prisma, { password: PASSWORD })));
    for (const user of users.slice(0, 10)) expectFailed(await login(ip, user.username, WRONG));

    // The eleventh, on a fresh account with its right password, is refused by the IP's count.
    const eleventh = await login(ip, users[10].username, PASSWORD);
    expectLimited(eleventh);
    expect(await t.prisma.session.count({ where: { userId: users[10].id } })).toBe(0);
    expectLimited(await login(ip, users[0].username, PASSWORD));

    const rows = await limitedRows(ip);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'login.limited', ip, details: { ip, limit: 10 } });

    // Another client is not affected, even on the same accounts.
    const other = await login('203.0.113.9', users[10].username, PASSWORD);
    expect(other.body).toMatchObject({ code: 0, data: { uuid: users[10].id } });
  });

  it('does not clear the IP count on a successful login', async () => {
    const ip = '198.51.100.8';
    const users = await Promise.all(Array.from({ length: 11 }, () => insertUser(t.prisma, { password: PASSWORD })));
    for (const user of users.slice(0, 5)) expectFailed(await login(ip, user.username, WRONG));
    const ok = await login(ip, users[5].username, PASSWORD);
    expect(ok.body).toMatchObject({ code: 0, data: { uuid: users[5].id } });
    for (const user of users.slice(6, 10)) expectFailed(await login(ip, user.username, WRONG));
    // Ten attempts counted, the success among them: the eleventh is refused.
    expectLimited(await login(ip, users[10].username, PASSWORD));
    expect(await limitedRows(ip)).toHaveLength(1);
  });
});

describe('password checks queued past BCRYPT_MAX_WAIT_MS', () => {
  let t: TestApp;

  beforeAll(async () => {
    // One hashing thread and a wait of at most 1 ms: while it hashes, nothing may queue behind it.
    t = await createTestApp({
      env: { BCRYPT_COST: '10', BCRYPT_CONCURRENCY: '1', BCRYPT_MAX_WAIT_MS: '1', LOGIN_LIMIT_PER_ACCOUNT: '0', LOGIN_LIMIT_PER_IP: '0' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });

  it('answers 1075 with Retry-After at once instead of queueing a login behind a busy thread, and issues nothing for it', async () => {
    const user = await insertUser(t.prisma);
    // Cost 10: tens of milliseconds a compare, so the parallel logins overlap.
    await t.prisma.user.update({ where: { id: user.id }, data: { passwordHash: await bcrypt.hash(PASSWORD, 10) } });
    const responses = await Promise.all(Array.from({ length: 6 }, () => login(user.username, PASSWORD)));
    const admitted = responses.filter((response) => response.body.code === 0);
    const refused = responses.filter((response) => response.body.code === 1075);
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(admitted.length + refused.length).toBe(responses.length);
    for (const response of refused) {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(admitted.length);

    // Once the thread is free again, a login goes through.
    expect((await login(user.username, PASSWORD)).body).toMatchObject({ code: 0, data: { uuid: user.id } });
  });
});
