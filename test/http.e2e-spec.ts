import { createTestApp, TestApp } from './support/test-app';

/** Shows readiness details to whoever sends it. */
const HEALTH_TOKEN = 'health-token-of-the-http-suite';
const detailed = { headers: { 'x-health-token': HEALTH_TOKEN } };

describe('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://app.example', HEALTH_TOKEN } });
  });
  afterAll(() => t.close());

  it('gives every response an X-Request-Id, keeping a sane one the caller sent', async () => {
    const generated = await t.http.get('/api/v1/health/live');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const kept = await t.http.get('/api/v1/health/live', { headers: { 'x-request-id': 'trace-42' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-42');

    const replaced = await t.http.get('/api/v1/health/live', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('wraps success in the envelope', async () => {
    const res = await t.http.get('/api/v1/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 0, message: 'ok', data: { status: 'up' } });
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/api/v1/health/live');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('allows CORS only for the configured origins', async () => {
    const allowed = await t.http.request('OPTIONS', '/api/v1/health/live', {
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');

    const foreign = await t.http.get('/api/v1/health/live', { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports every dependency as up when all are: up alone to anyone, each check to the token holder', async () => {
    const res = await t.http.get('/api/v1/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 0, data: { status: 'up' } });
    expect(Object.keys(res.body.data)).toEqual(['status']);

    const details = await t.http.get('/api/v1/health/ready', detailed);
    expect(details.status).toBe(200);
    expect(details.body.data.status).toBe('up');
    expect(Object.keys(details.body.data.checks).sort()).toEqual([
      'archive',
      'data',
      'database',
      'keys',
      'mail',
      'pages',
      'storage',
      'store',
    ]);
    for (const check of Object.values<{ status: string }>(details.body.data.checks)) expect(check.status).toBe('up');
    expect(details.body.data.checks.store.via).toBe(process.env.TEST_REDIS_URL ? 'redis' : 'postgres');
  });

  it('serves the OpenAPI document and its UI outside the API prefix', async () => {
    const json = await t.http.get('/docs/json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/health/ready');

    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('readiness with a broken dependency', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: the SMTP handshake fails at once.
    t = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1', HEALTH_TOKEN } });
  });
  afterAll(() => t.close());

  it("answers 503 with the failing dependency's code; the token holder sees which, the others still up", async () => {
    const res = await t.http.get('/api/v1/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 1019, data: { status: 'down' } });
    expect(res.body.detail).toBeUndefined();
    expect(Object.keys(res.body.data)).toEqual(['status']);

    const details = await t.http.get('/api/v1/health/ready', detailed);
    expect(details.status).toBe(503);
    expect(details.body.code).toBe(1019);
    expect(details.body.data.checks.mail).toMatchObject({ status: 'down', via: 'smtp', code: 1019 });
    expect(details.body.data.checks.database.status).toBe('up');
  });
});

describe('readiness with the shared store unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', HEALTH_TOKEN } });
  });
  afterAll(() => t.close());

  it('answers 503 with 995 for the store', async () => {
    const res = await t.http.get('/api/v1/health/ready', { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe(995);
    expect(res.body.data.checks.store).toMatchObject({ status: 'down', via: 'redis', code: 995 });
  });
});
