import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';

import { DomainError } from '../src/core/errors/domain-error';
import { PostgresRateLimiter, RateLimiter, RedisRateLimiter } from '../src/core/rate-limit/rate-limiter';
import { createTestApp } from './support/test-app';
import { describeWithRedis, TEST_REDIS_URL } from './support/test-redis';

// Windows of an hour, so a test never straddles a window's end.
const HOUR = 3600;

function behavesAsALimiter(
  name: string,
  make: () => Promise<{ limiter: RateLimiter; done: () => Promise<void> }>,
  suite: (name: string, cases: () => void) => void = describe,
): void {
  suite(name, () => {
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
      expect((await limiter.peek(k, HOUR)).count).toBe(50);
    });

    it('lets exactly `limit` of 30 racing events through, the rest 1075 with Retry-After', async () => {
      const k = key();
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () => limiter.consume(k, { limiter: 'ip', limit: 10, windowSeconds: HOUR })),
      );
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

behavesAsALimiter(
  'RedisRateLimiter',
  () => {
    // Keys of this suite alone on the shared Redis; they expire with their windows.
    const redis = new Redis(TEST_REDIS_URL!, { keyPrefix: `test:rate-limiter:${randomBytes(6).toString('hex')}:` });
    return Promise.resolve({ limiter: new RedisRateLimiter(redis), done: async () => void (await redis.quit()) });
  },
  describeWithRedis,
);
