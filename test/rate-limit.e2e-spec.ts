import { randomBytes } from 'node:crypto';

import { AppsService } from '../src/signing/apps.service';
import { createTestApp, TestApp } from './support/test-app';

// Windows of an hour, so a test never straddles a window's end.
const HOUR = 3600;

async function twoProcesses(limits: Record<string, string>): Promise<[TestApp, TestApp]> {
  const env = {
    APP_SECRET_KEY: randomBytes(32).toString('hex'),
    REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    RATE_LIMIT_WINDOW_SECONDS: String(HOUR),
    ...limits,
  };
  const first = await createTestApp({ env });
  return [first, await createTestApp({ env, databaseUrl: first.database.url })];
}

describe('rate limits of signed requests across two processes', () => {
  let first: TestApp;
  let second: TestApp;
  afterEach(async () => {
    await second.close();
    await first.close();
  });

  it('holds the per-app limit whichever process serves, then answers 1075 with Retry-After', async () => {
    [first, second] = await twoProcesses({ RATE_LIMIT_PER_APP: '4', RATE_LIMIT_PER_IP: '0' });
    const issued = await first.app.get(AppsService).create({ name: 'busy' });
    const app = { id: issued.appId, key: issued.appKey };
    const statuses: number[] = [];
    const refusals = [];
    for (const t of [first, second, first, second, first, second]) {
      const res = await t.http.signedAs(app).get('/api/v1/apps/me');
      statuses.push(res.status);
      if (res.status === 429) refusals.push(res);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(refusals[0].body.code).toBe(1075);
    expect(Number(refusals[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const other = await first.app.get(AppsService).create({ name: 'quiet' });
    expect((await second.http.signedAs({ id: other.appId, key: other.appKey }).get('/api/v1/apps/me')).status).toBe(200);
  });

  it('holds the per-IP limit across apps and processes', async () => {
    [first, second] = await twoProcesses({ RATE_LIMIT_PER_APP: '0', RATE_LIMIT_PER_IP: '3' });
    const apps = first.app.get(AppsService);
    const statuses: number[] = [];
    for (const t of [first, second, first, second]) {
      const issued = await apps.create({ name: 'one of many' });
      statuses.push((await t.http.signedAs({ id: issued.appId, key: issued.appKey }).get('/api/v1/apps/me')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
