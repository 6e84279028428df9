import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';

describe('the global exception filter', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('answers a DomainError with its status, zh title, detail and the request id', async () => {
    const res = await t.http.get('/api/v1/probe/domain', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(409);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.body).toEqual({
      code: 1020,
      message: '用户已存在或邮箱已使用',
      detail: 'email already bound to another user',
      requestId: 'abc-123',
    });
  });

  it('switches the message to English on Accept-Language: en', async () => {
    const res = await t.http.get('/api/v1/probe/domain', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.body.message).toBe('Username or email already in use');
    expect(res.body.code).toBe(1020);
  });

  it('passes the headers a DomainError carries (Retry-After on 1075)', async () => {
    const res = await t.http.get('/api/v1/probe/limited');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body.code).toBe(1075);
  });

  it('maps a validation failure to the rule’s own code, and a missing field to 1011', async () => {
    const short = await t.http.post('/api/v1/probe/validate', { username: 'abc', email: 'a@b.example' });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe(1021);

    const email = await t.http.post('/api/v1/probe/validate', { username: 'alice', email: 'not-an-email' });
    expect(email.body.code).toBe(1022);

    const missing = await t.http.post('/api/v1/probe/validate', { email: 'a@b.example' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 1011, detail: 'username is required' });

    const unknown = await t.http.post('/api/v1/probe/validate', { username: 'alice', email: 'a@b.example', admin: true });
    expect(unknown.body.code).toBe(1074);

    const ok = await t.http.post('/api/v1/probe/validate', { username: 'alice', email: 'a@b.example' });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ code: 0, message: 'ok', data: { username: 'alice', email: 'a@b.example' } });
  });

  it('answers malformed JSON with 1074, never a bare framework 400', async () => {
    const res = await t.http.post('/api/v1/probe/echo', '{"a": ', { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 1074, message: '请求格式不合法' });
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers an oversized body with 413 and 1046', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(t.config.BODY_LIMIT_BYTES + 1) });
    const res = await t.http.post('/api/v1/probe/echo', big, { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(1046);
  });

  it('answers an unknown route with 404 and 1003', async () => {
    const res = await t.http.get('/api/v1/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(1003);
    const outside = await t.http.get('/nowhere');
    expect(outside.body.code).toBe(1003);
  });

  it('answers a failed write with 1018 and leaves nothing half written', async () => {
    const res = await t.http.post('/api/v1/probe/duplicate-app');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe(1018);
    expect(await t.prisma.app.count({ where: { appId: 'web' } })).toBe(1);
  });

  it('answers a value PostgreSQL refuses (SQLSTATE class 22) with 400 and 1074, changing nothing', async () => {
    const res = await t.http.post('/api/v1/probe/out-of-range');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 1074, message: '请求格式不合法', requestId: expect.any(String) });
    expect((await t.prisma.group.findUniqueOrThrow({ where: { name: 'member' } })).rank).toBe(10);
  });

  it('answers anything unexpected with a generic 500 that leaks nothing', async () => {
    const res = await t.http.get('/api/v1/probe/crash');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 1076, message: '服务器内部错误', requestId: expect.any(String) });
    expect(res.text).not.toContain('hunter2');
  });
});
