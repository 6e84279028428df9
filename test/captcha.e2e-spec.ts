import { createHash, randomUUID } from 'node:crypto';

import type { Challenge } from 'altcha-lib';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

import { AltchaCaptchaService } from '../src/captcha/altcha-captcha.service';
import { ImageCaptchaService, IssuedCaptcha } from '../src/captcha/image-captcha.service';
import { signUpBody } from './support/accounts';
import { fetchChallenge, solve } from './support/captcha';
import { WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { useMailedTestApp } from './support/mailed-test-app';
import { TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Never right: the captcha alphabet has no 0 (it is too like O). */
const WRONG = '00000';
/** Small, so each test solves its challenges in milliseconds. */
const POW_MAX_NUMBER = 40;

/** Upper case for lower case and back: the same answer as a person might type it. */
const swapCase = (text: string): string => [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

const base64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');
const decoded = (payload: string): { challenge: Challenge; solution: { counter: number; derivedKey: string } } =>
  JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));

/** The app of one suite and what every test of it does over HTTP. */
function suite(env: Record<string, string>) {
  const mailed = useMailedTestApp({ CAPTCHA_REQUIRED: 'true', CAPTCHA_POW_MAX_NUMBER: String(POW_MAX_NUMBER), ...env });
  const t = (): TestApp => mailed.t;
  return {
    t,
    register: (body: Record<string, unknown>) => t().http.post('/api/v1/accounts/register', body, { headers: WEB }),
    issueOverHttp: () => t().http.get('/api/v1/captcha', { headers: WEB }),
    usersNamed: (username: unknown) => t().prisma.user.count({ where: { username: username as string } }),
    solutions: () => t().prisma.captchaSolution.count(),
  };
}

describe('captcha: ALTCHA proof of work, the default (CAPTCHA_KIND unset)', () => {
  const { t, register, issueOverHttp, usersNamed, solutions } = suite({ CAPTCHA_LIMIT_PER_IP: '0' });
  const solved = async (): Promise<string> => solve(await fetchChallenge(t().http));

  it('serves a signed challenge that stores nothing, asks for a counter up to CAPTCHA_POW_MAX_NUMBER and lives 5 minutes', async () => {
    expect(t().config.CAPTCHA_KIND).toBe('altcha');
    const before = Date.now();
    const response = await issueOverHttp();
    expect(response.status).toBe(200);
    expect(response.body.code).toBe(0);
    const data = response.body.data;
    expect(Object.keys(data).sort()).toEqual(['expiresAt', 'kind', 'parameters', 'signature']);
    expect(data.kind).toBe('altcha');
    expect(data.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(data.parameters).toMatchObject({ algorithm: 'PBKDF2/SHA-256', cost: 1000, keyLength: 32 });
    expect(data.parameters.keyPrefix).toMatch(/^[0-9a-f]{32}$/);
    const lifetime = new Date(data.expiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan(5 * 60_000 - 5_000);
    expect(lifetime).toBeLessThan(5 * 60_000 + 5_000);
    expect(data.parameters.expiresAt).toBe(Math.floor(new Date(data.expiresAt).getTime() / 1000));
    // Issuing keeps no row: the signature is the server's memory of the challenge.
    expect(await solutions()).toBe(0);
    expect(await t().prisma.captcha.count()).toBe(0);

    // altcha-lib solves it; the counter the server picked is between half the maximum and the maximum.
    const solution = await solveChallenge({ challenge: { parameters: data.parameters, signature: data.signature }, deriveKey });
    expect(solution!.counter).toBeGreaterThanOrEqual(POW_MAX_NUMBER / 2);
    expect(solution!.counter).toBeLessThanOrEqual(POW_MAX_NUMBER);
  });

  it('needs an app to issue one (no X-App-Id: 1011)', async () => {
    const response = await t().http.get('/api/v1/captcha');
    expect(response.body.code).toBe(1011);
    expect(response.body.data).toBeUndefined();
  });

  it("registers with a solved challenge (the widget's `altcha` field or `captchaPayload`) and keeps only its hash until it expires", async () => {
    const challenge = await fetchChallenge(t().http);
    const altcha = await solve(challenge);
    const body = signUpBody({ altcha });
    const accepted = await register(body);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ code: 0, data: { username: body.username, status: 'PENDING' } });

    const hash = createHash('sha256').update(`${challenge.parameters.nonce}:${challenge.parameters.salt}`).digest();
    const stored = await t().prisma.captchaSolution.findUniqueOrThrow({ where: { challengeHash: new Uint8Array(hash) } });
    expect(stored.expiresAt.getTime()).toBe(challenge.parameters.expiresAt! * 1000);

    const other = signUpBody({ captchaPayload: await solved() });
    expect((await register(other)).status).toBe(201);
    expect(await usersNamed(other.username)).toBe(1);
  });

  it('accepts a solved challenge once: the same payload again is 1033', async () => {
    const altcha = await solved();
    expect((await register(signUpBody({ altcha }))).status).toBe(201);
    for (const field of ['altcha', 'captchaPayload']) {
      const again = signUpBody({ [field]: altcha });
      const reused = await register(again);
      expect(reused.status).toBe(400);
      expect(reused.body.code).toBe(1033);
      expect(await usersNamed(again.username)).toBe(0);
    }
  });

  it('lets exactly one of 20 parallel registrations through with one solved challenge', async () => {
    const altcha = await solved();
    const before = await solutions();
    const bodies = Array.from({ length: 20 }, () => signUpBody({ altcha }));
    const results = await Promise.all(bodies.map((body) => register(body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 1033)).toHaveLength(19);
    expect(await t().prisma.user.count({ where: { username: { in: bodies.map((b) => b.username as string) } } })).toBe(1);
    expect(await solutions()).toBe(before + 1);
  });

  it('refuses a registration without a captcha (1011), and image fields when the captcha is ALTCHA', async () => {
    for (const body of [signUpBody(), signUpBody({ captchaId: randomUUID(), captchaCode: 'abcde' }), signUpBody({ altcha: '' })]) {
      const refused = await register(body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(1011);
      expect(await usersNamed(body.username)).toBe(0);
    }
  });

  it('answers 1034 to anything but a solution of a challenge of ours, and none of it spends the real one', async () => {
    const challenge = await fetchChallenge(t().http);
    const right = decoded(await solve(challenge));
    const otherKey = await createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: 1000,
      counter: 3,
      deriveKey,
      expiresAt: new Date(Date.now() + 60_000),
      hmacSignatureSecret: 'not-the-server-key',
      hmacKeySignatureSecret: 'not-the-server-key-either',
    });
    // An easier challenge than the one signed: its solution does not fit the signature.
    const easier = { parameters: { ...challenge.parameters, keyPrefix: '00' }, signature: challenge.signature };
    const attempts: unknown[] = [
      base64({
        challenge,
        solution: { ...right.solution, derivedKey: right.solution.derivedKey.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      }),
      base64({ challenge, solution: { counter: 0, derivedKey: '00'.repeat(32) } }),
      base64({ challenge: easier, solution: await solveChallenge({ challenge: easier, deriveKey }) }),
      base64({ challenge: { ...challenge, signature: '0'.repeat(64) }, solution: right.solution }),
      await solve(otherKey),
      base64({ challenge: { parameters: {}, signature: challenge.signature }, solution: right.solution }),
      base64({ challenge }),
      base64([1, 2, 3]),
      'not base64 json %%%',
      Buffer.from('{"challenge":').toString('base64'),
      'A'.repeat(4097),
      12345,
      { challenge, solution: right.solution },
    ];
    for (const altcha of attempts) {
      const body = signUpBody({ altcha });
      const refused = await register(body);
      expect({ altcha, status: refused.status, code: refused.body.code }).toEqual({ altcha, status: 400, code: 1034 });
      expect(await usersNamed(body.username)).toBe(0);
    }
    const accepted = await register(signUpBody({ altcha: base64(right) }));
    expect(accepted.status).toBe(201);
  });

  it('refuses an expired challenge (1033), even solved', async () => {
    const now = Date.now();
    // Issued 6 minutes ago, as far as the server can tell.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now - 6 * 60_000);
    let challenge: Challenge;
    try {
      challenge = await fetchChallenge(t().http);
    } finally {
      clock.mockRestore();
    }
    expect(challenge.parameters.expiresAt! * 1000).toBeLessThan(now);
    const body = signUpBody({ altcha: await solve(challenge) });
    const refused = await register(body);
    expect(refused.body.code).toBe(1033);
    expect(await usersNamed(body.username)).toBe(0);
  });
});

describe.each(['altcha', 'image'])('captcha: per-IP limits of issuing and answering (CAPTCHA_KIND=%s)', (kind) => {
  const LIMIT = 3;
  const { t, register, issueOverHttp, usersNamed } = suite({ CAPTCHA_KIND: kind, CAPTCHA_LIMIT_PER_IP: String(LIMIT) });
  const solvedByService = async (): Promise<{ altcha: string }> => {
    const { parameters, signature } = await t().app.get(AltchaCaptchaService).issue();
    return { altcha: await solve({ parameters, signature }) };
  };
  const imageAnswer = async (): Promise<{ captchaId: string; captchaCode: string }> => {
    const { captchaId, answer } = await t().app.get(ImageCaptchaService).issue();
    return { captchaId, captchaCode: answer };
  };

  it(`issues ${LIMIT} captchas to one IP per window, then 1075 with Retry-After`, async () => {
    const issued = await Promise.all(Array.from({ length: LIMIT + 3 }, () => issueOverHttp()));
    expect(issued.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    const limited = issued.filter((r) => r.body.code === 1075);
    expect(limited).toHaveLength(3);
    expect(limited[0].status).toBe(429);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get('retry-after'))).toBeLessThanOrEqual(600);
  });

  it(`takes ${LIMIT} answers from one IP per window: the next is 1075 even when right`, async () => {
    // The issuing budget is spent by the test above: this captcha comes from the service itself.
    const right: Record<string, string> = kind === 'altcha' ? await solvedByService() : await imageAnswer();
    const wrong = kind === 'altcha' ? { altcha: base64({ nope: true }) } : { captchaId: right.captchaId, captchaCode: WRONG };
    const answers: TestResponse[] = [];
    for (let i = 0; i < LIMIT; i += 1) answers.push(await register(signUpBody(wrong)));
    expect(answers.map((r) => r.body.code)).toEqual(Array(LIMIT).fill(1034));
    const body = signUpBody(right);
    const limited = await register(body);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(1075);
    expect(await usersNamed(body.username)).toBe(0);
  });
});

describe('captcha: image (CAPTCHA_KIND=image)', () => {
  const { t, register, issueOverHttp, usersNamed } = suite({ CAPTCHA_KIND: 'image', CAPTCHA_LIMIT_PER_IP: '0' });

  const issue = (): Promise<IssuedCaptcha> => t().app.get(ImageCaptchaService).issue();
  const withCaptcha = (captcha: { captchaId: string }, captchaCode: string, overrides: Record<string, unknown> = {}) =>
    signUpBody({ captchaId: captcha.captchaId, captchaCode, ...overrides });
  const row = (id: string) => t().prisma.captcha.findUniqueOrThrow({ where: { id } });

  it('serves an SVG with a uuid and a 5-minute lifetime, and keeps the answer only hashed', async () => {
    const service = t().app.get(ImageCaptchaService);
    const spy = jest.spyOn(service, 'issue');
    let issued: IssuedCaptcha;
    const before = Date.now();
    let response: TestResponse;
    try {
      response = await issueOverHttp();
      expect(spy).toHaveBeenCalledTimes(1);
      issued = await (spy.mock.results[0].value as Promise<IssuedCaptcha>);
    } finally {
      spy.mockRestore();
    }
    expect(response.status).toBe(200);
    expect(response.body.code).toBe(0);
    const data = response.body.data;
    expect(Object.keys(data).sort()).toEqual(['captchaId', 'expiresAt', 'kind', 'svg']);
    expect(data.kind).toBe('image');
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

  it('refuses a registration without captcha (1011), with an ALTCHA payload instead (1011) and with an unknown one (1033)', async () => {
    const none = signUpBody();
    const missing = await register(none);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe(1011);
    const captcha = await issue();
    expect((await register(signUpBody({ captchaId: captcha.captchaId }))).body.code).toBe(1011);
    expect((await register(signUpBody({ captchaCode: captcha.answer }))).body.code).toBe(1011);
    expect((await register(signUpBody({ altcha: base64({ challenge: {}, solution: {} }) }))).body.code).toBe(1011);

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
    await t().prisma.captcha.update({ where: { id: captcha.captchaId }, data: { expiresAt: new Date(Date.now() - 1000) } });
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
    const created = await t().prisma.user.count({ where: { username: { in: bodies.map((b) => b.username as string) } } });
    expect(created).toBe(1);
  });
});
