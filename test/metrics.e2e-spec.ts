import { randomBytes } from 'node:crypto';

import { insertUser, loginAs, WEB } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { useMailedTestApp } from './support/mailed-test-app';
import { parseScrape, Sample, valueOf } from './support/prometheus';
import { createTestApp, freePort, TestApp } from './support/test-app';
import { until } from './support/until';

const TOKEN = 'metrics-token-0123456789';
const PASSWORD = 'metrics-pass-123';
const BEARER = { authorization: `Bearer ${TOKEN}` };

/** The requests counted so far, all routes and statuses together. */
const requestsCounted = (samples: Sample[]): number =>
  samples.filter((s) => s.name === 'platform_http_requests_total').reduce((sum, s) => sum + s.value, 0);

describe('GET /metrics behind METRICS_TOKEN on the public port', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4', METRICS_TOKEN: TOKEN, LOGIN_LIMIT_PER_ACCOUNT: '3' } });
  });
  afterAll(() => t.close());

  /** A scrape once every request sent so far is counted (a request is counted when its answer has gone out). */
  async function scrapeAfter(requests: number): Promise<Sample[]> {
    let samples: Sample[] = [];
    await until(async () => {
      const response = await t.http.get('/metrics', { headers: BEARER });
      expect(response.status).toBe(200);
      samples = parseScrape(response.text);
      return requestsCounted(samples) >= requests;
    });
    return samples;
  }

  it('answers without the token, or with a wrong one, as a path that does not exist (1003)', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }];
    for (const headers of attempts) {
      const response = await t.http.get('/metrics', { headers });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe(1003);
      expect(response.text).not.toContain('platform_');
    }
  });

  it('counts a scripted mix of requests exactly, by route template, status, catalogue code and reason', async () => {
    const before = requestsCounted(await scrapeAfter(0));
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const limited = await insertUser(t.prisma, { password: PASSWORD });
    const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });

    const headers = await loginAs(t.http, user.username, PASSWORD); // 1 login, 200
    for (let i = 0; i < 2; i += 1) expect((await login(user.username, 'wrong-password-1')).body.code).toBe(1031);
    expect((await login('nobody-at-all', PASSWORD)).body.code).toBe(1031);
    // The account's fourth attempt in the window passes its limit of 3.
    for (let i = 0; i < 3; i += 1) expect((await login(limited.username, 'wrong-password-2')).body.code).toBe(1031);
    expect((await login(limited.username, 'wrong-password-2')).body.code).toBe(1075);
    for (let i = 0; i < 5; i += 1) expect((await t.http.get('/api/v1/users/me', { headers })).status).toBe(200);
    for (const path of ['/api/v1/no-such-route', `/api/v1/no-such-route/${user.id}`]) {
      expect((await t.http.get(path, { headers: WEB })).body.code).toBe(1003);
    }
    expect((await t.http.post('/api/v1/checkin', undefined, { headers })).body.code).toBe(0);
    expect((await t.http.post('/api/v1/checkin', undefined, { headers })).body.code).toBe(1040);
    const sent = 1 + 2 + 1 + 4 + 5 + 2 + 2;

    const samples = await scrapeAfter(before + sent);
    expect(requestsCounted(samples)).toBe(before + sent);
    const requests = (route: string, method: string, status: number) =>
      valueOf(samples, 'platform_http_requests_total', { route, method, status: String(status) });
    expect(requests('/api/v1/auth/login', 'POST', 200)).toBe(1);
    expect(requests('/api/v1/auth/login', 'POST', 401)).toBe(6);
    expect(requests('/api/v1/auth/login', 'POST', 429)).toBe(1);
    expect(requests('/api/v1/users/me', 'GET', 200)).toBe(5);
    expect(requests('unmatched', 'GET', 404)).toBe(2);
    expect(requests('/api/v1/checkin', 'POST', 200)).toBe(1);
    expect(requests('/api/v1/checkin', 'POST', 409)).toBe(1);
    // No label holds a URL, an id or a token.
    expect(JSON.stringify(samples)).not.toMatch(new RegExp(`no-such-route|${user.id}|${headers.authorization.slice(7, 30)}`));

    const failures = (code: number) => valueOf(samples, 'platform_failures_total', { code: String(code) });
    expect([failures(1031), failures(1075), failures(1003), failures(1040)]).toEqual([6, 1, 2, 1]);
    const loginFailures = (reason: string) => valueOf(samples, 'platform_login_failures_total', { reason });
    expect(valueOf(samples, 'platform_login_successes_total')).toBe(1);
    expect([loginFailures('wrong_password'), loginFailures('unknown_account'), loginFailures('rate_limited')]).toEqual([5, 1, 1]);
    expect(valueOf(samples, 'platform_rate_limit_refusals_total', { limiter: 'login_account' })).toBe(1);
    expect(valueOf(samples, 'platform_checkins_total')).toBe(1);
    expect(valueOf(samples, 'platform_ledger_movements_total', { ledger: 'points', direction: 'credit' })).toBe(1);
    // bcrypt compared every attempt that reached the password (not the refused one), and hashed the stand-in hash at start.
    expect(valueOf(samples, 'platform_bcrypt_duration_seconds_count', { op: 'compare' })).toBe(7);
    expect(valueOf(samples, 'platform_bcrypt_duration_seconds_count', { op: 'hash' })).toBe(1);
    expect(valueOf(samples, 'platform_bcrypt_queue_depth')).toBe(0);

    // The histogram of /users/me: five observations, cumulative buckets ending in all five.
    const buckets = samples.filter(
      (s) =>
        s.name === 'platform_http_request_duration_seconds_bucket' && s.labels.route === '/api/v1/users/me' && s.labels.method === 'GET',
    );
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
    expect(buckets.find((b) => b.labels.le === '+Inf')?.value).toBe(5);
    // Every bound is exported, and each of the five was counted in a bucket: all five within the largest (10 s).
    expect(buckets.find((b) => b.labels.le === '10')?.value).toBe(5);
    expect(buckets.filter((b) => b.labels.le !== '+Inf').map((b) => b.labels.le)).toHaveLength(13);
    const histogram = { route: '/api/v1/users/me', method: 'GET' };
    expect(valueOf(samples, 'platform_http_request_duration_seconds_count', histogram)).toBe(5);
    expect(valueOf(samples, 'platform_http_request_duration_seconds_sum', histogram)).toBeGreaterThan(0);

    // Seven requests presented the session: the first read loads it, the rest find it cached.
    const sessions = (result: string) => valueOf(samples, 'platform_cache_lookups_total', { cache: 'session', result }) ?? 0;
    expect(sessions('hit') + sessions('miss')).toBe(7);
    expect(sessions('miss')).toBe(1);

    expect(valueOf(samples, 'platform_db_statement_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
    const pool = ['in_use', 'idle', 'waiting'].map((state) => valueOf(samples, 'platform_db_pool_connections', { state }));
    expect(pool.every((n) => n !== undefined && n >= 0)).toBe(true);
    expect(pool[0]! + pool[1]!).toBeLessThanOrEqual(t.config.DATABASE_POOL_SIZE);
    expect(valueOf(samples, 'platform_invalidation_bus_live')).toBe(1);
    expect(valueOf(samples, 'platform_mail_outbox_waiting')).toBe(0);
  });
});

describe('files and mail in the metrics', () => {
  const { t, sink } = useMailedTestApp({ METRICS_TOKEN: TOKEN });

  const scrape = async (): Promise<Sample[]> => parseScrape((await t.http.get('/metrics', { headers: BEARER })).text);

  it('counts uploads, their bytes and the bytes served (whole and ranged downloads; HEAD serves none)', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const headers = await loginAs(t.http, user.username, PASSWORD);
    const upload = async (size: number): Promise<string> => {
      const form = new FormData();
      form.append('type', 'bin');
      form.append('file', new Blob([randomBytes(size)]), 'data.bin');
      const response = await t.http.post('/api/v1/files', form, { headers });
      expect(response.status).toBe(201);
      return response.body.data.flid;
    };
    const flid = await upload(1000);
    await upload(500);
    const { url, credential } = (
      await t.http.post(`/api/v1/files/${flid}/credentials`, { maxDownloads: 5, expiresInSeconds: 600 }, { headers })
    ).body.data;
    expect((await fetch(new URL(url, t.http.baseUrl)).then((r) => r.arrayBuffer())).byteLength).toBe(1000);
    const ranged = await fetch(new URL(url, t.http.baseUrl), { headers: { range: 'bytes=0-99' } });
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(new URL(url, t.http.baseUrl), { method: 'HEAD' })).status).toBe(200);

    let samples: Sample[] = [];
    await until(async () => {
      samples = await scrape();
      return (valueOf(samples, 'platform_http_requests_total', { route: '/api/v1/download/:credential', method: 'HEAD' }) ?? 0) === 1;
    });
    expect(valueOf(samples, 'platform_uploads_total')).toBe(2);
    expect(valueOf(samples, 'platform_upload_bytes_total')).toBe(1500);
    expect(valueOf(samples, 'platform_served_bytes_total', { via: 'download' })).toBe(1100);
    expect(valueOf(samples, 'platform_http_requests_total', { route: '/api/v1/download/:credential', method: 'GET', status: '206' })).toBe(
      1,
    );
    expect(JSON.stringify(samples)).not.toContain(credential);
  });

  it('counts mail queued and sent, and none waits once the SMTP server took it', async () => {
    const user = await insertUser(t.prisma);
    expect((await t.http.post('/api/v1/accounts/password/forgot', { email: user.email }, { headers: WEB })).status).toBe(200);
    await until(() => sink.mails.length === 1);
    let samples: Sample[] = [];
    await until(async () => {
      samples = await scrape();
      return valueOf(samples, 'platform_mail_sent_total') === 1;
    });
    expect(valueOf(samples, 'platform_mail_queued_total')).toBe(1);
    expect(valueOf(samples, 'platform_mail_outbox_waiting')).toBe(0);
    expect(valueOf(samples, 'platform_mail_failed_total', { final: 'false' })).toBeUndefined();
  });
});

describe('GET /metrics on METRICS_PORT', () => {
  let t: TestApp;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    t = await createTestApp({ env: { METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  it('serves the metrics on their own port only: the public port has no such route', async () => {
    const scrape = await new HttpClient(`http://127.0.0.1:${metricsPort}`).get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    expect(scrape.text).toContain('# TYPE platform_http_requests_total counter');
    expect(scrape.text).toContain('process_cpu_seconds_total');

    const publicPort = await t.http.get('/metrics', { headers: WEB });
    expect(publicPort.status).toBe(404);
    expect(publicPort.body.code).toBe(1003);
    expect((await new HttpClient(`http://127.0.0.1:${metricsPort}`).get('/api/v1/health/live')).status).toBe(404);
  });
});

describe('GET /metrics on METRICS_PORT with METRICS_TOKEN', () => {
  let t: TestApp;
  let metrics: HttpClient;

  beforeAll(async () => {
    const port = await freePort();
    metrics = new HttpClient(`http://127.0.0.1:${port}`);
    t = await createTestApp({ env: { METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1', METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => t.close());

  it('asks the metrics port for the token too, and still serves nothing on the public port', async () => {
    expect((await metrics.get('/metrics')).status).toBe(404);
    expect((await metrics.get('/metrics', { headers: BEARER })).status).toBe(200);
    expect((await t.http.get('/metrics', { headers: BEARER })).status).toBe(404);
  });
});

describe('without METRICS_PORT or METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps no metrics and serves none', async () => {
    const response = await t.http.get('/metrics');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe(1003);
  });
});
