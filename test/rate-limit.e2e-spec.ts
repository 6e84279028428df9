import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DomainError } from '../src/core/errors/domain-error';
import { PostgresRateLimiter, RateLimiter, RedisRateLimiter } from '../src/core/rate-limit/rate-limiter';
import { AppsService } from '../src/signing/apps.service';
import { createTestApp, TestApp } from './support/test-app';

// Windows of an hour, so a test never straddles a window's end.
const HOUR = 3600;

function behavesAsALimiter(name: string, make: () => Promise<{ limiter: RateLimiter; done: () => Promise<void> }>): void {
  describe(name, () => {
    let limiter: RateLimiter;
    let done: () => Promise<void>;
    const key = (): string => `test:${randomBytes(6).toString('hex')}`;

    beforeAll(async () => ({ limiter, done } = await make()));
    afterAll(() => done());

    it('counts hits, peeks without counting, and forgets on reset', async () => {
      const k = key();
      expect((await limiter.hit(k, HOUR)).count).toBe(1);
      expect((await limiter.hit(k, HOUR)).count).toBe(2);
      const peeked = await limiter.peek(k, HOUR);
      expect(peeked.count).toBe(2);
      expect(peeked.resetInSeconds).toBeGreaterThan(0);
      expect(peeked.resetInSeconds).toBeLessThanOrEqual(HOUR);
      await limiter.reset(k, HOUR);
      expect((await limiter.peek(k, HOUR)).count).toBe(0);
    });

    it('counts keys of any length (an account name of 254 characters), keeping long ones apart', async () => {
      const long = `login:account:${'a'.repeat(240)}@example.com`;
      const sibling = `${long.slice(0, -1)}x`;
      expect((await limiter.hit(long, HOUR)).count).toBe(1);
      expect((await limiter.hit(long, HOUR)).count).toBe(2);
      expect((await limiter.hit(sibling, HOUR)).count).toBe(1);
      await limiter.reset(long, HOUR);
      expect((await limiter.peek(long, HOUR)).count).toBe(0);
      await limiter.reset(sibling, HOUR);
    });

    it('counts 50 racing hits exactly', async () => {
      const k = key();
      const counts = (await Promise.all(Array.from({ length: 50 }, () => limiter.hit(k, HOUR)))).map((s) => s.count);
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('lets exactly `limit` of 30 racing events through, the rest 1075 with Retry-After', async () => {
      const k = key();
      const results = await Promise.allSettled(Array.from({ length: 30 }, () => limiter.consume(k, { limit: 10, windowSeconds: HOUR })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as DomainError);
      expect(refused).toHaveLength(20);
      expect(refused[0].code).toBe(1075);
      expect(Number(refused[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });

    it('starts afresh in the next window', async () => {
      const k = key();
      await limiter.hit(k, 1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await limiter.hit(k, 1)).count).toBe(1);
    });
  });
}

behavesAsALimiter('PostgresRateLimiter', async () => {
  const t = await createTestApp();
  return { limiter: new PostgresRateLimiter(t.prisma), done: () => t.close() };
});

const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl) {
  behavesAsALimiter('RedisRateLimiter', async () => {
    const redis = new Redis(redisUrl);
    return { limiter: new RedisRateLimiter(redis), done: async () => void (await redis.quit()) };
  });
} else {
  describe.skip('RedisRateLimiter (set TEST_REDIS_URL)', () => it('runs against a real Redis', () => undefined));
}

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
