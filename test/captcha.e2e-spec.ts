import { randomUUID } from 'node:crypto';
import { CaptchaService, IssuedCaptcha } from '../src/captcha/captcha.service';
import { createMailedTestApp, MailedTestApp, signUpBody } from './support/accounts';
import { WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Never right: the captcha alphabet has no 0 (it is too like O). */
const WRONG = '00000';

/** Upper case for lower case and back: the same answer as a person might type it. */
const swapCase = (text: string): string =>
  [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

describe('captcha: issued by GET /captcha, required by registration (CAPTCHA_REQUIRED=true)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let mailed: MailedTestApp;

  beforeAll(async () => {
    mailed = await createMailedTestApp({ CAPTCHA_REQUIRED: 'true' });
    ({ t, sink } = mailed);
  });
  afterAll(async () => {
    await mailed?.close();
  });

  const register = (body: Record<string, unknown>) => t.http.post('/api/v1/accounts/register', body, { headers: WEB });
  const issue = (): Promise<IssuedCaptcha> => t.app.get(CaptchaService).issue();
  const withCaptcha = (captcha: { captchaId: string }, captchaCode: string, overrides: Record<string, unknown> = {}) =>
    signUpBody({ captchaId: captcha.captchaId, captchaCode, ...overrides });
  const row = (id: string) => t.prisma.captcha.findUniqueOrThrow({ where: { id } });
  const usersNamed = (username: unknown) => t.prisma.user.count({ where: { username: username as string } });

  it('serves an SVG with a uuid and a 5-minute lifetime, and keeps the answer only hashed', async () => {
    const service = t.app.get(CaptchaService);
    const spy = jest.spyOn(service, 'issue');
    let issued: IssuedCaptcha;
    const before = Date.now();
    let response: TestResponse;
    try {
      response = await t.http.get('/api/v1/captcha', { headers: WEB });
      expect(spy).toHaveBeenCalledTimes(1);
      issued = await (spy.mock.results[0].value as Promise<IssuedCaptcha>);
    } finally {
      spy.mockRestore();
    }
    expect(response.status).toBe(200);
    expect(response.body.code).toBe(0);
    const data = response.body.data;
    expect(Object.keys(data).sort()).toEqual(['captchaId', 'expiresAt', 'svg']);
    expect(data.captchaId).toMatch(UUID);
    expect(data.captchaId).toBe(issued.captchaId);
    expect(data.svg.startsWith('<svg')).toBe(true);
    expect(data.svg).toContain('</svg>');
    const lifetime = new Date(data.expiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan(5 * 60_000 - 5_000);
    expect(lifetime).toBeLessThan(5 * 60_000 + 5_000);

    // The answer is nowhere in what the client gets ...
    expect(issued.answer).toMatch(/^[A-Za-z0-9]{5}$/);
    expect(response.text).not.toContain(issued.answer);
    // ... and the table holds a hash of it, not its text.
    const stored = await row(data.captchaId);
    expect(stored.usedAt).toBeNull();
    expect(stored.attempts).toBe(0);
    const hash = Buffer.from(stored.answerHash);
    expect(hash.equals(Buffer.from(issued.answer))).toBe(false);
    expect(hash.equals(Buffer.from(issued.answer.toLowerCase()))).toBe(false);
    expect(hash.includes(Buffer.from(issued.answer))).toBe(false);
    expect(hash.toString('latin1').toLowerCase()).not.toContain(issued.answer.toLowerCase());
    expect(hash.length).toBeGreaterThanOrEqual(32);

    // The captcha fetched over HTTP is the one registration accepts.
    const body = withCaptcha(data, issued.answer);
    expect((await register(body)).status).toBe(201);
  });

  it('needs an app to issue one (no X-App-Id: 1011)', async () => {
    const response = await t.http.get('/api/v1/captcha');
    expect(response.body.code).toBe(1011);
    expect(response.body.data?.svg).toBeUndefined();
  });

  it('refuses a registration without captcha (1011) and with an unknown one (1033)', async () => {
    const none = signUpBody();
    const missing = await register(none);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe(1011);
    const captcha = await issue();
    expect((await register(signUpBody({ captchaId: captcha.captchaId }))).body.code).toBe(1011);
    expect((await register(signUpBody({ captchaCode: captcha.answer }))).body.code).toBe(1011);

    const unknown = signUpBody({ captchaId: randomUUID(), captchaCode: captcha.answer });
    const refused = await register(unknown);
    expect(refused.body.code).toBe(1033);
    expect((await register(signUpBody({ captchaId: 'not-a-uuid', captchaCode: captcha.answer }))).body.code).toBe(1033);
    expect(await usersNamed(none.username)).toBe(0);
    expect(await usersNamed(unknown.username)).toBe(0);
    // Those attempts did not touch the real captcha: it still works.
    expect((await register(withCaptcha(captcha, captcha.answer))).status).toBe(201);
  });

  it('accepts the right answer once: the same captcha again is 1033', async () => {
    const captcha = await issue();
    const first = withCaptcha(captcha, captcha.answer);
    const accepted = await register(first);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ code: 0, data: { username: first.username, status: 'PENDING' } });
    expect((await row(captcha.captchaId)).usedAt).not.toBeNull();

    const again = withCaptcha(captcha, captcha.answer);
    const reused = await register(again);
    expect(reused.body.code).toBe(1033);
    expect(await usersNamed(again.username)).toBe(0);
  });

  it('takes the answer case-insensitively (and with surrounding spaces)', async () => {
    let captcha = await issue();
    while (swapCase(captcha.answer) === captcha.answer) captcha = await issue();
    const typed = swapCase(captcha.answer);
    expect(typed).not.toBe(captcha.answer);
    expect((await register(withCaptcha(captcha, typed))).status).toBe(201);

    const spaced = await issue();
    expect((await register(withCaptcha(spaced, ` ${spaced.answer.toUpperCase()} `))).status).toBe(201);
  });

  it('answers a wrong answer 1034 and still accepts the right one after 4 wrong tries', async () => {
    const captcha = await issue();
    for (let i = 0; i < 4; i += 1) {
      const wrong = withCaptcha(captcha, WRONG);
      const response = await register(wrong);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(1034);
      expect(await usersNamed(wrong.username)).toBe(0);
    }
    expect((await row(captcha.captchaId)).attempts).toBe(4);
    const right = withCaptcha(captcha, captcha.answer);
    expect((await register(right)).status).toBe(201);
    expect(await usersNamed(right.username)).toBe(1);
  });

  it('burns a captcha after 5 wrong tries: then even the right answer is 1034', async () => {
    const captcha = await issue();
    for (let i = 0; i < 5; i += 1) {
      expect((await register(withCaptcha(captcha, WRONG))).body.code).toBe(1034);
    }
    const right = withCaptcha(captcha, captcha.answer);
    const refused = await register(right);
    expect(refused.body.code).toBe(1034);
    expect(await usersNamed(right.username)).toBe(0);
    const stored = await row(captcha.captchaId);
    expect(stored.usedAt).toBeNull();
    expect(stored.attempts).toBe(5);
  });

  it('refuses an expired captcha (1033), even with the right answer', async () => {
    const captcha = await issue();
    await t.prisma.captcha.update({ where: { id: captcha.captchaId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const body = withCaptcha(captcha, captcha.answer);
    const refused = await register(body);
    expect(refused.body.code).toBe(1033);
    expect(await usersNamed(body.username)).toBe(0);
  });

  it('lets exactly one of 20 parallel registrations through with one captcha', async () => {
    const captcha = await issue();
    const bodies = Array.from({ length: 20 }, () => withCaptcha(captcha, captcha.answer));
    const results = await Promise.all(bodies.map((body) => register(body)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 1033)).toHaveLength(19);
    const created = await t.prisma.user.count({ where: { username: { in: bodies.map((b) => b.username as string) } } });
    expect(created).toBe(1);
  });
});
