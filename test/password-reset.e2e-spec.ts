import { randomUUID } from 'node:crypto';

import bcrypt from 'bcrypt';

import { RESET_CODE_ATTEMPTS, RESET_CODES_LIVE } from '../src/accounts/password-reset.service';
import { sha256 } from '../src/core/crypto/tokens';
import { RateLimiter } from '../src/core/rate-limit/rate-limiter';
import { TEST_PASSWORD } from './support/accounts';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { awayFromWindowEnd, expectLimited } from './support/limits';
import { useMailedTestApp } from './support/mailed-test-app';
import { codeIn } from './support/smtp-sink';

const OLD_PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = 'C0rrect-h0rse-battery';
const WINDOW = RESET_CODE_ATTEMPTS.windowSeconds;

/** Another 6-digit code than `code`. */
const otherThan = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** What a client can compare of two answers: all but the request id. */
const seen = (response: TestResponse) => ({ status: response.status, body: { ...response.body, requestId: undefined } });

/**
 * The suite's requests all come from 127.0.0.1, and reset tries count against the IP's budget of
 * credential checks (LOGIN_LIMIT_PER_IP) too: it is raised so that only the account's budget acts.
 */
const ENV = { CAPTCHA_REQUIRED: 'false', LOGIN_LIMIT_PER_IP: '100000' };

describe('password reset with a mailed 6-digit code (real SMTP)', () => {
  const { t, sink } = useMailedTestApp(ENV);
  beforeEach(() => awayFromWindowEnd(WINDOW));

  const forgot = (email: string) => t.http.post('/api/v1/accounts/password/forgot', { email }, { headers: WEB });
  const reset = (email: string, code: string, password = NEW_PASSWORD, passwordConfirm = password) =>
    t.http.post('/api/v1/accounts/password/reset', { email, code, password, passwordConfirm }, { headers: WEB });
  const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });
  const me = (headers: Record<string, string>) => t.http.get('/api/v1/users/me', { headers });
  const passwordHashOf = async (id: string) => (await t.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash;
  const liveCodes = (userId: string) => t.prisma.passwordReset.findMany({ where: { userId, usedAt: null, expiresAt: { gt: new Date() } } });

  /** Waits until a code row of `userId` holds `code` (the row is written once its mail went out) and returns it. */
  async function rowOf(userId: string, code: string) {
    for (let tries = 0; tries < 100; tries += 1) {
      const rows = await t.prisma.passwordReset.findMany({ where: { userId } });
      const row = rows.find((r) => Buffer.from(r.codeHash).equals(sha256(`${r.id}:${code}`)));
      if (row) return row;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no code row for the mailed code of ${userId}`);
  }

  /** Asks for a code and returns it as mailed, once its row is written. */
  async function mailedCode(user: { id: string; email: string }): Promise<string> {
    const response = await forgot(user.email);
    expect(response.body).toMatchObject({ code: 0, data: null });
    const code = codeIn(await sink.next(user.email));
    await rowOf(user.id, code);
    return code;
  }

  it('mails a code that sets the password once and ends every session', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const first = await loginAs(t.http, user.username, OLD_PASSWORD);
    const second = await loginAs(t.http, user.email, OLD_PASSWORD);
    expect((await me(first)).body.code).toBe(0);
    expect((await me(second)).body.code).toBe(0);

    // The answer comes at once; the mail follows, in Chinese by default.
    const asked = await forgot(user.email);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ code: 0, data: null });
    const mail = await sink.next(user.email);
    expect(mail.subject).toBe('你的密码重置验证码');
    const code = codeIn(mail);
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.html).toContain(code);

    // Only a hash of the code is kept.
    const row = await rowOf(user.id, code);
    expect(Buffer.from(row.codeHash).includes(Buffer.from(code))).toBe(false);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    // An unknown address gets the very same answer, and no mail.
    const unknownEmail = 'nobody-here@example.com';
    const unknown = await forgot(unknownEmail);
    expect(seen(unknown)).toEqual(seen(asked));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.count(unknownEmail)).toBe(0);

    const wrong = await reset(user.email, otherThan(code));
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe(1034);
    const done = await reset(user.email, code);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ code: 0, data: null });
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    // ... once: the same code again changes nothing, and says no more than a wrong one.
    const reused = await reset(user.email, code, 'An0ther-passw0rd!');
    expect(seen(reused)).toEqual(seen(wrong));
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);

    // Every session of the account is over.
    const ended = await me(first);
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe(1031);
    expect((await me(second)).body.code).toBe(1031);
    expect(await t.prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);

    expect((await login(user.username, OLD_PASSWORD)).body.code).toBe(1031);
    const fresher = await login(user.username, NEW_PASSWORD);
    expect(fresher.body.code).toBe(0);
    const session = fresher.body.data;
    expect((await me({ ...WEB, authorization: `Bearer ${session.uuid}.${session.ukey}` })).body.data.username).toBe(user.username);

    const audit = await t.prisma.auditEntry.findMany({ where: { action: 'password.reset', targetId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, targetType: 'user' });
    expect(JSON.stringify(audit[0], (_, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(NEW_PASSWORD);
  });

  it('answers every code that does not work alike (1034), whether or not the address has an account', async () => {
    const withCode = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const code = await mailedCode(withCode);
    const wrong = await reset(withCode.email, otherThan(code));
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe(1034);

    const neverAsked = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const expired = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const expiredCode = await mailedCode(expired);
    await t.prisma.passwordReset.updateMany({ where: { userId: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(seen(await reset('nobody-at-all@example.com', '123456'))).toEqual(seen(wrong));
    expect(seen(await reset(neverAsked.email, '123456'))).toEqual(seen(wrong));
    expect(seen(await reset(expired.email, expiredCode))).toEqual(seen(wrong));
    for (const user of [withCode, neverAsked, expired]) {
      expect(await bcrypt.compare(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    }
  });

  it('counts tries per account across all its codes: the sixth is 1075, even with the right code, and new codes bring no new tries', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const first = await mailedCode(user);
    for (let i = 0; i < 3; i += 1) expect((await reset(user.email, otherThan(first))).body.code).toBe(1034);
    const second = await mailedCode(user);
    for (let i = 0; i < 2; i += 1) expect((await reset(user.email, otherThan(second))).body.code).toBe(1034);

    const limited = await reset(user.email, second);
    expectLimited(limited, WINDOW);
    expectLimited(await reset(user.email, first), WINDOW);
    expectLimited(await reset(user.email, await mailedCode(user)), WINDOW);
    expect(await bcrypt.compare(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    expect(await liveCodes(user.id)).toHaveLength(3);

    const rows = await t.prisma.auditEntry.findMany({ where: { action: 'reset.limited', targetId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      targetType: 'user',
      ip: '127.0.0.1',
      details: { account: user.email, limit: RESET_CODE_ATTEMPTS.perAccount },
    });

    // An unknown address has a budget of its own, and its refusal reads the same.
    const unknown = 'nobody-limited@example.com';
    for (let i = 0; i < RESET_CODE_ATTEMPTS.perAccount; i += 1) expect((await reset(unknown, '123456')).body.code).toBe(1034);
    const unknownLimited = await reset(unknown, '123456');
    expectLimited(unknownLimited, WINDOW);
    expect({ ...seen(unknownLimited).body, detail: undefined }).toEqual({ ...seen(limited).body, detail: undefined });
  });

  it('lets exactly five of 20 parallel tries reach the codes, and exactly one use of the right code set the password', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const code = await mailedCode(user);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => reset(user.email, code, `${NEW_PASSWORD}-${i}`)));
    const codes = responses.map((r) => r.body.code);
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.filter((c) => c === 1034)).toHaveLength(RESET_CODE_ATTEMPTS.perAccount - 1);
    expect(codes.filter((c) => c === 1075)).toHaveLength(20 - RESET_CODE_ATTEMPTS.perAccount);

    const winner = codes.indexOf(0);
    expect(await bcrypt.compare(`${NEW_PASSWORD}-${winner}`, await passwordHashOf(user.id))).toBe(true);
    expect(await t.prisma.auditEntry.count({ where: { action: 'password.reset', targetId: user.id } })).toBe(1);
    expect(await liveCodes(user.id)).toHaveLength(0);
  });

  it(`keeps the codes already mailed working when more are asked for, the newest ${RESET_CODES_LIVE} at once`, async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const codes: string[] = [];
    for (let i = 0; i <= RESET_CODES_LIVE; i += 1) codes.push(await mailedCode(user));
    expect(await liveCodes(user.id)).toHaveLength(RESET_CODES_LIVE);

    // The oldest ended when the fourth was mailed; the one mailed before the last two still works.
    expect((await rowOf(user.id, codes[0])).usedAt).not.toBeNull();
    expect((await reset(user.email, codes[1])).body.code).toBe(0);
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    // Setting the password ends every code.
    expect((await reset(user.email, codes[3], 'Th1rd-passw0rd!')).body.code).toBe(1034);
    expect(await liveCodes(user.id)).toHaveLength(0);
  });

  it(`keeps ${RESET_CODES_LIVE} codes live under 20 parallel requests, each of them one that was mailed`, async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    await Promise.all(Array.from({ length: 20 }, () => forgot(user.email)));
    const mails = await Promise.all(Array.from({ length: 20 }, () => sink.next(user.email)));
    const mailedCodes = mails.map(codeIn);
    await Promise.all(mailedCodes.map((code) => rowOf(user.id, code)));

    expect(await t.prisma.passwordReset.count({ where: { userId: user.id } })).toBe(20);
    const live = await liveCodes(user.id);
    expect(live).toHaveLength(RESET_CODES_LIVE);
    for (const row of live) expect(mailedCodes.some((code) => Buffer.from(row.codeHash).equals(sha256(`${row.id}:${code}`)))).toBe(true);
  });

  it('refuses passwords that differ (1027) and a too short one (1028) without spending the code or a try', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const code = await mailedCode(user);
    for (let i = 0; i < RESET_CODE_ATTEMPTS.perAccount; i += 1) {
      const differ = await reset(user.email, code, NEW_PASSWORD, `${NEW_PASSWORD}!`);
      expect(differ.status).toBe(400);
      expect(differ.body.code).toBe(1027);
      expect((await reset(user.email, code, 'Ab1!', 'Ab1!')).body.code).toBe(1028);
    }
    expect(await bcrypt.compare(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    expect((await reset(user.email, code)).body.code).toBe(0);
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
  });

  it('activates a pending account, since the code proves the mailbox', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD, status: 'PENDING' });
    const code = await mailedCode(user);
    expect((await reset(user.email, code)).body.code).toBe(0);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.status).toBe('ACTIVE');
    expect(row.emailVerifiedAt).not.toBeNull();
    expect((await login(user.email, NEW_PASSWORD)).body.code).toBe(0);
  });
});

describe('password reset and a status change racing it', () => {
  const { t } = useMailedTestApp(ENV);
  let admin: Record<string, string>;

  beforeAll(async () => {
    const root = await insertUser(t.prisma, { password: OLD_PASSWORD, group: 'admin' });
    admin = await loginAs(t.http, root.username, OLD_PASSWORD);
  });
  beforeEach(() => awayFromWindowEnd(WINDOW));

  const reset = (email: string, code: string) =>
    t.http.post(
      '/api/v1/accounts/password/reset',
      { email, code, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
      { headers: WEB },
    );
  const setStatus = (id: string, status: string) => t.http.patch(`/api/v1/admin/users/${id}`, { status }, { headers: admin });
  const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });
  const CODE = '246810';
  /** A live code of the user's, as a mail would have brought it. */
  async function codeFor(userId: string): Promise<void> {
    const id = randomUUID();
    await t.prisma.passwordReset.create({
      data: { id, userId, codeHash: sha256(`${id}:${CODE}`), expiresAt: new Date(Date.now() + 60_000) },
    });
  }

  it('never undoes a ban that lands while the reset of a pending account is under way: only PENDING becomes ACTIVE', async () => {
    const outcomes = new Set<number>();
    for (let round = 0; round < 12; round += 1) {
      const user = await insertUser(t.prisma, { password: OLD_PASSWORD, status: 'PENDING' });
      await codeFor(user.id);
      const [resetting, banned] = await Promise.all([
        reset(user.email, CODE),
        new Promise((resolve) => setTimeout(resolve, round % 4)).then(() => setStatus(user.id, 'BANNED')),
      ]);
      expect(banned.body.code).toBe(0);
      expect([0, 1034]).toContain(resetting.body.code);
      outcomes.add(resetting.body.code);
      const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      // The ban stands either way; the password and the verification moved only when the reset came first.
      expect(row.status).toBe('BANNED');
      const resetFirst = resetting.body.code === 0;
      expect(await bcrypt.compare(resetFirst ? NEW_PASSWORD : OLD_PASSWORD, row.passwordHash)).toBe(true);
      expect(row.emailVerifiedAt !== null).toBe(resetFirst);
    }
  });

  it("keeps a locked account locked (login still 1032), and refuses a banned account's code like any code that does not work (1034)", async () => {
    const locked = await insertUser(t.prisma, { password: OLD_PASSWORD, status: 'LOCKED' });
    await codeFor(locked.id);
    expect((await reset(locked.email, CODE)).body.code).toBe(0);
    const lockedRow = await t.prisma.user.findUniqueOrThrow({ where: { id: locked.id } });
    expect(lockedRow.status).toBe('LOCKED');
    expect(await bcrypt.compare(NEW_PASSWORD, lockedRow.passwordHash)).toBe(true);
    expect((await login(locked.email, NEW_PASSWORD)).body.code).toBe(1032);

    const banned = await insertUser(t.prisma, { password: OLD_PASSWORD });
    await codeFor(banned.id);
    expect((await setStatus(banned.id, 'BANNED')).body.code).toBe(0);
    const refused = await reset(banned.email, CODE);
    expect(seen(refused)).toEqual(seen(await reset(`nobody-${randomUUID()}@example.com`, CODE)));
    expect(refused.body.code).toBe(1034);
    const bannedRow = await t.prisma.user.findUniqueOrThrow({ where: { id: banned.id } });
    expect(bannedRow).toMatchObject({ status: 'BANNED', emailVerifiedAt: null });
    expect(await bcrypt.compare(OLD_PASSWORD, bannedRow.passwordHash)).toBe(true);
  });
});

describe('password reset under the hourly mail limit', () => {
  const { t, sink } = useMailedTestApp({ ...ENV, MAIL_LIMIT_PER_ADDRESS: '2' });

  const forgot = (email: string) => t.http.post('/api/v1/accounts/password/forgot', { email }, { headers: WEB });

  it('makes no code that the limit kept from being mailed, and the codes mailed keep working', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    await forgot(user.email);
    const first = codeIn(await sink.next(user.email));
    await forgot(user.email);
    await sink.next(user.email);
    for (let i = 0; i < 3; i += 1) expect((await forgot(user.email)).body).toMatchObject({ code: 0, data: null });

    // The three answered at once; their background work has long finished after the limiter saw all five.
    const limiter = t.app.get(RateLimiter);
    for (let tries = 0; tries < 100 && (await limiter.peek(`mail:${user.email}`, 3600)).count < 5; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.count(user.email)).toBe(0);
    expect(await t.prisma.passwordReset.count({ where: { userId: user.id } })).toBe(2);

    const reset = await t.http.post(
      '/api/v1/accounts/password/reset',
      { email: user.email, code: first, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
      { headers: WEB },
    );
    expect(reset.body.code).toBe(0);
    expect(await bcrypt.compare(NEW_PASSWORD, (await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash)).toBe(true);
  });
});
