import bcrypt from 'bcrypt';
import { ParsedMail } from 'mailparser';
import { createMailedTestApp, MailedTestApp, signUpBody, TEST_PASSWORD } from './support/accounts';
import { WEB, insertUser, loginAs } from './support/fixtures';
import { SmtpSink, codeIn } from './support/smtp-sink';
import { TestApp } from './support/test-app';

const OLD_PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = 'C0rrect-h0rse-battery';

/** Another 6-digit code than `code`. */
const otherThan = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('password reset with a mailed 6-digit code (real SMTP)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let mailed: MailedTestApp;

  beforeAll(async () => {
    mailed = await createMailedTestApp({ CAPTCHA_REQUIRED: 'false' });
    ({ t, sink } = mailed);
  });
  afterAll(async () => {
    await mailed?.close();
  });

  const forgot = (email: string) => t.http.post('/api/v1/accounts/password/forgot', { email }, { headers: WEB });
  const reset = (email: string, code: string, password = NEW_PASSWORD, passwordConfirm = password) =>
    t.http.post('/api/v1/accounts/password/reset', { email, code, password, passwordConfirm }, { headers: WEB });
  const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });
  const me = (headers: Record<string, string>) => t.http.get('/api/v1/users/me', { headers });
  const passwordHashOf = async (id: string) => (await t.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash;

  /** Asks for a code and returns it as mailed. */
  async function mailedCode(email: string): Promise<{ code: string; mail: ParsedMail }> {
    const response = await forgot(email);
    expect(response.body).toMatchObject({ code: 0, data: null });
    const mail = await sink.next(email);
    return { code: codeIn(mail), mail };
  }

  it('mails a code, refuses wrong ones and burns it after 5, then a fresh code sets the password and ends every session', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const first = await loginAs(t.http, user.username, OLD_PASSWORD);
    const second = await loginAs(t.http, user.email, OLD_PASSWORD);
    expect(first.authorization).not.toBe(second.authorization);
    expect((await me(first)).body.code).toBe(0);
    expect((await me(second)).body.code).toBe(0);
    const oldHash = await passwordHashOf(user.id);

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
    const row = await t.prisma.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(Buffer.from(row.codeHash).equals(Buffer.from(code))).toBe(false);
    expect(Buffer.from(row.codeHash).includes(Buffer.from(code))).toBe(false);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    // An unknown address gets the very same answer, and no mail.
    const unknownEmail = 'nobody-here@example.com';
    const unknown = await forgot(unknownEmail);
    expect(unknown.status).toBe(asked.status);
    expect({ ...unknown.body, requestId: undefined }).toEqual({ ...asked.body, requestId: undefined });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.count(unknownEmail)).toBe(0);

    // Five wrong codes burn it: then the right one is refused too.
    const wrong = await reset(user.email, otherThan(code));
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe(1034);
    for (let i = 0; i < 4; i += 1) expect((await reset(user.email, otherThan(code))).body.code).toBe(1034);
    const burnt = await reset(user.email, code);
    expect(burnt.body.code).toBe(1034);
    expect(await passwordHashOf(user.id)).toBe(oldHash);
    expect((await me(first)).body.code).toBe(0);

    // A fresh code works.
    const fresh = await mailedCode(user.email);
    const done = await reset(user.email, fresh.code);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ code: 0, data: null });
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    // ... once: the same code again changes nothing.
    const reused = await reset(user.email, fresh.code, 'An0ther-passw0rd!');
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe(1033);
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

  it('lets only the newest code work: an earlier one never resets the password, before or after', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const older = await mailedCode(user.email);
    const newer = await mailedCode(user.email);
    if (older.code === newer.code) return; // one chance in a million: nothing to tell apart
    expect((await reset(user.email, older.code)).body.code).toBe(1034);
    expect((await reset(user.email, newer.code)).body.code).toBe(0);
    const replayed = await reset(user.email, older.code, 'Th1rd-passw0rd!');
    expect(replayed.body.code).toBe(1033);
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
  });

  it('answers 1033 when no code was ever asked for, also for an unknown address', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const refused = await reset(user.email, '123456');
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(1033);
    expect((await reset('nobody-at-all@example.com', '123456')).body.code).toBe(1033);
    expect(await bcrypt.compare(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
  });

  it('refuses an expired code (1033), even the right one', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const { code } = await mailedCode(user.email);
    const moved = await t.prisma.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(moved.count).toBe(1);
    expect((await reset(user.email, code)).body.code).toBe(1033);
    expect(await bcrypt.compare(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
  });

  it('refuses passwords that differ (1027) and a too short one (1028) without spending the code', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD });
    const { code } = await mailedCode(user.email);
    const differ = await reset(user.email, code, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(differ.status).toBe(400);
    expect(differ.body.code).toBe(1027);
    expect((await reset(user.email, code, 'Ab1!', 'Ab1!')).body.code).toBe(1028);
    expect(await bcrypt.compare(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    expect((await reset(user.email, code)).body.code).toBe(0);
    expect(await bcrypt.compare(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
  });

  it('activates a pending account, since the code proves the mailbox', async () => {
    const user = await insertUser(t.prisma, { password: OLD_PASSWORD, status: 'PENDING' });
    const { code } = await mailedCode(user.email);
    expect((await reset(user.email, code)).body.code).toBe(0);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.status).toBe('ACTIVE');
    expect(row.emailVerifiedAt).not.toBeNull();
    expect((await login(user.email, NEW_PASSWORD)).body.code).toBe(0);
  });
});
