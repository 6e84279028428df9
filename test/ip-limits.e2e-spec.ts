import { randomBytes } from 'node:crypto';

import { AppsService } from '../src/signing/apps.service';
import { WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { awayFromWindowEnd, expectLimited } from './support/limits';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400;

/**
 * The suites reach the server from 127.0.0.1, a trusted proxy here, and name the client in
 * X-Forwarded-For as that proxy would.
 */
const from = (client: string): Record<string, string> => ({ ...WEB, 'x-forwarded-for': client });

/** A new address in the /64 `prefix` (four groups), as an IPv6 client with privacy extensions picks them. */
const inPrefix = (prefix: string): string => `${prefix}:${[0, 1, 2, 3].map(() => randomBytes(2).toString('hex')).join(':')}`;

describe('per-IP limits count an IPv6 client by its /64', () => {
  let t: TestApp;
  const LOGIN_LIMIT_PER_IP = 3;
  const CAPTCHA_LIMIT_PER_IP = 2;
  const RATE_LIMIT_PER_IP = 6;

  beforeAll(async () => {
    await awayFromWindowEnd(DAY);
    t = await createTestApp({
      env: {
        TRUST_PROXY: '127.0.0.1',
        BCRYPT_COST: '4',
        LOGIN_LIMIT_PER_IP: String(LOGIN_LIMIT_PER_IP),
        LOGIN_LIMIT_WINDOW_SECONDS: String(DAY),
        CAPTCHA_LIMIT_PER_IP: String(CAPTCHA_LIMIT_PER_IP),
        CAPTCHA_LIMIT_WINDOW_SECONDS: String(DAY),
        RATE_LIMIT_PER_IP: String(RATE_LIMIT_PER_IP),
        RATE_LIMIT_WINDOW_SECONDS: String(DAY),
      },
    });
  });
  afterAll(() => t.close());

  const login = (client: string): Promise<TestResponse> =>
    t.http.post(
      '/api/v1/auth/login',
      { account: `nobody-${randomBytes(4).toString('hex')}`, password: 'wrong-password-1' },
      { headers: from(client) },
    );

  it('holds the login budget however the client rotates its address within the /64, and audits the address it used', async () => {
    const prefix = '2001:db8:a:1';
    for (let i = 0; i < LOGIN_LIMIT_PER_IP; i += 1) expect((await login(inPrefix(prefix))).body.code).toBe(1031);
    const last = inPrefix(prefix);
    expectLimited(await login(last), DAY);
    const audited = await t.prisma.auditEntry.findMany({ where: { action: 'login.limited' } });
    expect(audited).toEqual([expect.objectContaining({ ip: last })]);

    // The neighbouring /64 and an IPv4 client are other clients.
    expect((await login(inPrefix('2001:db8:a:2'))).body.code).toBe(1031);
    expect((await login('198.51.100.20')).body.code).toBe(1031);
  });

  it('holds the password reset tries on the same budget', async () => {
    const prefix = '2001:db8:b:1';
    const reset = (client: string): Promise<TestResponse> =>
      t.http.post(
        '/api/v1/accounts/password/reset',
        {
          email: `nobody-${randomBytes(4).toString('hex')}@example.com`,
          code: '123456',
          password: 'a new passphrase 1',
          passwordConfirm: 'a new passphrase 1',
        },
        { headers: from(client) },
      );
    for (let i = 0; i < LOGIN_LIMIT_PER_IP; i += 1) expect((await reset(inPrefix(prefix))).body.code).toBe(1034);
    expectLimited(await reset(inPrefix(prefix)), DAY);
  });

  it('holds the captcha budget', async () => {
    const prefix = '2001:db8:c:1';
    for (let i = 0; i < CAPTCHA_LIMIT_PER_IP; i += 1)
      expect((await t.http.get('/api/v1/captcha', { headers: from(inPrefix(prefix)) })).status).toBe(200);
    expectLimited(await t.http.get('/api/v1/captcha', { headers: from(inPrefix(prefix)) }), DAY);
  });

  it('holds the request budget, and counts an IPv4-mapped address as its IPv4 address', async () => {
    const prefix = '2001:db8:d:1';
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT_PER_IP; i += 1)
      statuses.push((await t.http.get('/api/v1/tutorials', { headers: from(inPrefix(prefix)) })).status);
    expect(statuses).toEqual([...Array(RATE_LIMIT_PER_IP).fill(200), 429]);

    for (let i = 0; i < RATE_LIMIT_PER_IP; i += 1)
      expect((await t.http.get('/api/v1/tutorials', { headers: from('198.51.100.30') })).status).toBe(200);
    expectLimited(await t.http.get('/api/v1/tutorials', { headers: from('::ffff:198.51.100.30') }), DAY);
  });
});

describe('the per-IP request limit on public routes', () => {
  let t: TestApp;
  const RATE_LIMIT_PER_IP = 3;
  let client = 0;
  /** Each test its own client, so each starts with a whole budget. */
  const nextClient = (): string => `198.51.100.${(client += 1)}`;

  beforeAll(async () => {
    await awayFromWindowEnd(DAY);
    t = await createTestApp({
      env: { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_PER_IP: String(RATE_LIMIT_PER_IP), RATE_LIMIT_WINDOW_SECONDS: String(DAY) },
    });
  });
  afterAll(() => t.close());

  /** The route answers as usual up to the limit, then 1075, and the client's other routes are limited too. */
  async function limits(send: (headers: Record<string, string>) => Promise<TestResponse>, usual: number): Promise<void> {
    const ip = nextClient();
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT_PER_IP; i += 1) statuses.push((await send(from(ip))).status);
    expect(statuses).toEqual(Array(RATE_LIMIT_PER_IP).fill(usual));
    expectLimited(await send(from(ip)), DAY);
    expect((await t.http.get('/api/v1/tutorials', { headers: from(ip) })).status).toBe(429);
  }

  it('limits POST /accounts/verify', () =>
    limits((headers) => t.http.post('/api/v1/accounts/verify', { token: randomBytes(32).toString('base64url') }, { headers }), 400));
  it('limits GET /verify (the page)', () =>
    limits((headers) => t.http.get(`/verify?token=${randomBytes(32).toString('base64url')}`, { headers }), 200));
  it('limits GET /download/:credential', () =>
    limits((headers) => t.http.get(`/api/v1/download/${randomBytes(32).toString('base64url')}`, { headers }), 403));
  it('limits GET /qq/callback', () => limits((headers) => t.http.get('/api/v1/qq/callback?code=c&state=s', { headers }), 503));

  it('counts a signed request once', async () => {
    const ip = nextClient();
    const statuses: number[] = [];
    const issued = await t.app.get(AppsService).create({ name: 'signing client', scopes: ['app'] });
    const signed = t.http.signedAs({ id: issued.appId, key: issued.appKey });
    for (let i = 0; i <= RATE_LIMIT_PER_IP; i += 1)
      statuses.push((await signed.get('/api/v1/apps/me', { headers: { 'x-forwarded-for': ip } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('never limits the health probes, so a load balancer behind one address keeps every replica', async () => {
    const ip = nextClient();
    const statuses = new Set<number>();
    for (let i = 0; i < RATE_LIMIT_PER_IP * 3; i += 1) {
      statuses.add((await t.http.get('/api/v1/health/live', { headers: from(ip) })).status);
      statuses.add((await t.http.get('/api/v1/health/ready', { headers: from(ip) })).status);
    }
    expect([...statuses]).toEqual([200]);
    // Nor do they use up the client's budget.
    expect((await t.http.get('/api/v1/tutorials', { headers: from(ip) })).status).toBe(200);
  });
});
