import path from 'node:path';

import { HttpClient } from './support/http-client';
import { parseScrape, valueOf } from './support/prometheus';
import { assertBuilt, RunningProcess, runNode } from './support/server-process';
import { freePort } from './support/test-app';

const TOKEN = 'cluster-metrics-token-0123';

describe('one scrape of a node:cluster group, served by its primary (startClusterMetrics)', () => {
  let group: RunningProcess;
  let metrics: HttpClient;

  beforeAll(async () => {
    assertBuilt();
    const port = await freePort();
    metrics = new HttpClient(`http://127.0.0.1:${port}`);
    group = runNode(path.join(__dirname, 'support/cluster-metrics-fixture.js'), { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    await group.waitFor(/^ready$/);
  });
  afterAll(async () => {
    group.child.kill('SIGTERM');
    await group.exited;
  });

  it("adds up the workers' counters and histograms, takes a whole-database gauge once, and asks for the token", async () => {
    expect((await metrics.get('/metrics')).status).toBe(404);
    const scrape = await metrics.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    const samples = parseScrape(scrape.text);
    const route = { route: '/api/v1/users/me', method: 'GET' };
    // Workers recorded 1, 2 and 3; the one still starting answered with nothing, at once.
    expect(valueOf(samples, 'platform_http_requests_total', { ...route, status: '200' })).toBe(6);
    expect(valueOf(samples, 'platform_checkins_total')).toBe(6);
    expect(valueOf(samples, 'platform_http_request_duration_seconds_count', route)).toBe(6);
    expect(valueOf(samples, 'platform_http_request_duration_seconds_bucket', { ...route, le: '0.0025' })).toBe(0);
    expect(valueOf(samples, 'platform_http_request_duration_seconds_bucket', { ...route, le: '0.005' })).toBe(6);
    expect(valueOf(samples, 'platform_bcrypt_queue_depth')).toBe(6);
    expect(valueOf(samples, 'platform_mail_outbox_waiting')).toBe(4);
    // No series per worker: the group answers as one.
    expect(samples.some((s) => 'worker' in s.labels)).toBe(false);
  });
});
