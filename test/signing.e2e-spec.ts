import { randomBytes } from 'node:crypto';

import { AppsService } from '../src/signing/apps.service';
import { signedHeaders } from '../src/signing/sign';
import { insertUser } from './support/fixtures';
import { AppCredentials, randomNonce } from './support/http-client';
import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';

const now = (): number => Math.floor(Date.now() / 1000);

describe('signed requests', () => {
  let t: TestApp;
  let apps: AppsService;
  let app: AppCredentials;

  const newApp = async (settings: Parameters<AppsService['create']>[0] = { name: 'client' }): Promise<AppCredentials> => {
    const issued = await apps.create(settings);
    return { id: issued.appId, key: issued.appKey };
  };

  /** Sends `url` signed as `as`, letting a test change what is signed or what is sent. */
  const send = (
    as: AppCredentials,
    url: string,
    options: {
      method?: string;
      body?: string;
      signedBody?: string;
      signedUrl?: string;
      timestamp?: number;
      nonce?: string;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
    const headers = {
      ...signedHeaders(as, {
        method,
        url: options.signedUrl ?? url,
        timestamp: options.timestamp ?? now(),
        nonce: options.nonce ?? randomNonce(),
        body: options.signedBody ?? options.body,
      }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    return t.http.request(method, url, { headers, body: options.body });
  };

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ProbeModule],
      env: { APP_KEY_ROTATION_GRACE_SECONDS: '2', APP_SECRET_KEY: randomBytes(32).toString('hex') },
    });
    apps = t.app.get(AppsService);
    app = await newApp({ name: 'web client', scopes: ['app', 'probe'], allowedDomains: ['https://app.example', 'https://*.example.org'] });
  });
  afterAll(() => t.close());

  it('accepts a correctly signed request and names the calling app', async () => {
    const res = await send(app, '/api/v1/apps/me');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ appId: app.id, name: 'web client', scopes: ['app', 'probe'] });
  });

  it('signs the body: the exact bytes are accepted, one changed byte is 1014', async () => {
    const body = '{"note":"hi"}';
    const ok = await send(app, '/api/v1/probe/signed-echo', { body });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toEqual({ app: app.id, body: { note: 'hi' } });

    const tampered = await send(app, '/api/v1/probe/signed-echo', { body: '{"note":"hI"}', signedBody: body });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe(1014);
  });

  it('accepts the query in any order', async () => {
    const res = await send(app, '/api/v1/apps/me?b=2&a=1', { signedUrl: '/api/v1/apps/me?a=1&b=2' });
    expect(res.status).toBe(200);
  });

  it('refuses a changed path, a wrong key and a malformed nonce with 1014, saying no more', async () => {
    const path = await send(app, '/api/v1/apps/me', { signedUrl: '/api/v1/apps/other' });
    expect(path.body).toEqual({ code: 1014, message: '非法请求', requestId: expect.any(String) });
    const wrongKey = await send({ id: app.id, key: 'not-the-key' }, '/api/v1/apps/me');
    expect(wrongKey.body.code).toBe(1014);
    const shortNonce = await send(app, '/api/v1/apps/me', { nonce: 'short' });
    expect(shortNonce.body.code).toBe(1014);
  });

  it('refuses an unknown app and an app without a key with 1013', async () => {
    const unknown = await send({ id: 'app_nope', key: app.key }, '/api/v1/apps/me');
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe(1013);
    const keyless = await send({ id: 'web', key: 'anything' }, '/api/v1/apps/me');
    expect(keyless.body.code).toBe(1013);
  });

  it('asks for every signing header (1011)', async () => {
    const res = await t.http.get('/api/v1/apps/me', { headers: { 'x-app-id': app.id } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 1011, detail: 'x-timestamp header is required' });
  });

  it('refuses a timestamp 301 s off either way with 1012, and accepts 299 s', async () => {
    expect((await send(app, '/api/v1/apps/me', { timestamp: now() - 301 })).body.code).toBe(1012);
    expect((await send(app, '/api/v1/apps/me', { timestamp: now() + 301 })).body.code).toBe(1012);
    expect((await send(app, '/api/v1/apps/me', { timestamp: now() - 299 })).status).toBe(200);
  });

  it('refuses the same nonce twice with 1015', async () => {
    const nonce = randomNonce();
    expect((await send(app, '/api/v1/apps/me', { nonce })).status).toBe(200);
    const replay = await send(app, '/api/v1/apps/me', { nonce });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe(1015);
  });

  it('accepts exactly one of 200 parallel requests carrying one nonce: one login, one session', async () => {
    const client = await newApp({ name: 'login client', scopes: ['auth'] });
    const password = 'nonce-race-pass-1';
    const user = await insertUser(t.prisma, { password });
    const body = JSON.stringify({ account: user.username, password });
    const nonce = randomNonce();
    const timestamp = now();
    const results = await Promise.all(Array.from({ length: 200 }, () => send(client, '/api/v1/auth/login', { body, nonce, timestamp })));
    const codes = results.map((res) => res.body.code);
    expect(codes.filter((code) => code === 0)).toHaveLength(1);
    expect(codes.filter((code) => code === 1015)).toHaveLength(199);
    // What the one accepted request does was done once: one session under the client, one login audited.
    const { id: clientRowId } = await t.prisma.app.findUniqueOrThrow({ where: { appId: client.id } });
    expect(await t.prisma.session.findMany({ where: { userId: user.id }, select: { appId: true } })).toEqual([{ appId: clientRowId }]);
    expect(await t.prisma.auditEntry.count({ where: { action: 'auth.login', actorId: user.id } })).toBe(1);
  });

  it('keeps the old key working through the rotation grace period, then refuses it', async () => {
    const rotating = await newApp({ name: 'rotating' });
    expect((await send(rotating, '/api/v1/apps/me')).status).toBe(200); // cached from here on
    const { appKey, previousKeyExpiresAt } = await apps.rotateKey(rotating.id);
    expect(previousKeyExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 1000);

    expect((await send(rotating, '/api/v1/apps/me')).status).toBe(200);
    expect((await send({ id: rotating.id, key: appKey }, '/api/v1/apps/me')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, previousKeyExpiresAt!.getTime() - Date.now() + 50));
    expect((await send(rotating, '/api/v1/apps/me')).body.code).toBe(1014);
    expect((await send({ id: rotating.id, key: appKey }, '/api/v1/apps/me')).status).toBe(200);
  });

  it('refuses an app the moment it is disabled, in this process and in others', async () => {
    // A second process of the same deployment: same database, key and Redis namespace.
    const other = await createTestApp({
      databaseUrl: t.database.url,
      env: { APP_SECRET_KEY: t.config.APP_SECRET_KEY!, REDIS_KEY_PREFIX: t.config.REDIS_KEY_PREFIX },
    });
    try {
      const client = await newApp({ name: 'soon disabled' });
      expect((await send(client, '/api/v1/apps/me')).status).toBe(200);
      const elsewhere = other.http.signedAs(client);
      expect((await elsewhere.get('/api/v1/apps/me')).status).toBe(200); // cached there too

      await apps.update(client.id, { status: 'DISABLED' });
      expect((await send(client, '/api/v1/apps/me')).body.code).toBe(1065);
      const deadline = Date.now() + 100;
      let code = (await elsewhere.get('/api/v1/apps/me')).body.code;
      while (code !== 1065 && Date.now() < deadline) code = (await elsewhere.get('/api/v1/apps/me')).body.code;
      expect(code).toBe(1065);
    } finally {
      await other.close();
    }
  });

  it('refuses a disabled app with 1065 and a closed one with 1067', async () => {
    const disabled = await newApp({ name: 'disabled', status: 'DISABLED' });
    const closed = await newApp({ name: 'closed', status: 'CLOSED' });
    const off = await send(disabled, '/api/v1/apps/me');
    expect(off.status).toBe(403);
    expect(off.body.code).toBe(1065);
    expect((await send(closed, '/api/v1/apps/me')).body.code).toBe(1067);
  });

  it('refuses an endpoint outside the app’s scopes with 10000', async () => {
    const narrow = await newApp({ name: 'narrow', scopes: ['app'] });
    expect((await send(narrow, '/api/v1/apps/me')).status).toBe(200);
    const res = await send(narrow, '/api/v1/probe/signed-echo', { body: '{}' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(10000);
  });

  it('checks Origin and Referer against the allow-list (-1) only when sent', async () => {
    const allowed = await send(app, '/api/v1/apps/me', { headers: { origin: 'https://app.example' } });
    expect(allowed.status).toBe(200);
    const subdomain = await send(app, '/api/v1/apps/me', { headers: { referer: 'https://shop.example.org/cart' } });
    expect(subdomain.status).toBe(200);
    const foreign = await send(app, '/api/v1/apps/me', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe(-1);
    const lookalike = await send(app, '/api/v1/apps/me', { headers: { origin: 'https://example.org.evil.example' } });
    expect(lookalike.body.code).toBe(-1);
  });

  it('stores keys sealed, never in plain text', async () => {
    const row = await t.prisma.app.findUniqueOrThrow({ where: { appId: app.id } });
    expect(Buffer.from(row.keyCiphertext!).toString('latin1')).not.toContain(app.key);
  });
});

describe('signed requests across two app processes', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Processes of one deployment share the database and the key that seals app keys.
    const env = { APP_SECRET_KEY: randomBytes(32).toString('hex'), REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:` };
    first = await createTestApp({ env });
    second = await createTestApp({ env, databaseUrl: first.database.url });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('refuses at one process a nonce the other has already accepted (1015)', async () => {
    const issued = await first.app.get(AppsService).create({ name: 'shared' });
    const request = { method: 'GET', url: '/api/v1/apps/me', timestamp: now(), nonce: randomNonce() };
    const headers = signedHeaders({ id: issued.appId, key: issued.appKey }, request);
    expect((await first.http.get(request.url, { headers })).status).toBe(200);
    const replay = await second.http.get(request.url, { headers });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe(1015);
  });
});
