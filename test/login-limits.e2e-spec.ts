import { insertUser, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'Tr0ub4dor&3-horse';
const WRONG = 'not-the-password-1';
/** A day, so that a window boundary (which resets every count) is not crossed during a test. */
const WINDOW = 86_400;

/** Seconds until the current fixed window of WINDOW seconds ends, as the limiter computes it. */
const secondsLeftInWindow = (): number => {
  const now = Date.now() / 1000;
  return Math.ceil((Math.floor(now / WINDOW) + 1) * WINDOW - now);
};

/** Waits out the last few seconds of a window, so that a burst stays inside one. */
async function awayFromWindowEnd(): Promise<void> {
  const left = secondsLeftInWindow();
  if (left < 15) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

function expectFailed(response: TestResponse): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 1031 });
}

function expectLimited(response: TestResponse): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status: 429, code: 1075 });
  const retryAfter = response.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(WINDOW);
  // It is the time left in the current window, not some constant.
  expect(Math.abs(seconds - secondsLeftInWindow())).toBeLessThanOrEqual(3);
}

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
    expect(rows[0]).toMatchObject({ action: 'login.limited', ip: '127.0.0.1', details: { account: user.username.toLowerCase(), limit: 5 } });

    // The count lives in PostgreSQL, or in Redis when REDIS_URL is set (then nothing in the table).
    const counters = await t.prisma.rateLimitCounter.findMany({ where: { key: `login:account:${user.username.toLowerCase()}` } });
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
