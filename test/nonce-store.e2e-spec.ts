import Redis from 'ioredis';
import { randomNonce } from './support/http-client';
import { PostgresNonceStore, RedisNonceStore } from '../src/signing/nonce-store';
import { createTestApp, TestApp } from './support/test-app';

describe('PostgresNonceStore', () => {
  let t: TestApp;
  let store: PostgresNonceStore;

  beforeAll(async () => {
    t = await createTestApp();
    store = new PostgresNonceStore(t.prisma);
  });
  afterAll(() => t.close());

  it('takes a nonce once per app', async () => {
    const nonce = randomNonce();
    expect(await store.claim('app_a', nonce, 600)).toBe(true);
    expect(await store.claim('app_a', nonce, 600)).toBe(false);
    expect(await store.claim('app_b', nonce, 600)).toBe(true);
  });

  it('lets exactly one of 50 racing claims win', async () => {
    const nonce = randomNonce();
    const wins = await Promise.all(Array.from({ length: 50 }, () => store.claim('app_race', nonce, 600)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('sweeps expired nonces, and an expired one not yet swept can be taken again', async () => {
    const expired = randomNonce();
    const live = randomNonce();
    await store.claim('app_s', expired, 600);
    await store.claim('app_s', live, 600);
    await t.prisma.requestNonce.update({
      where: { appId_nonce: { appId: 'app_s', nonce: expired } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await store.claim('app_s', expired, 600)).toBe(true);

    await t.prisma.requestNonce.update({
      where: { appId_nonce: { appId: 'app_s', nonce: expired } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await store.sweep()).toBeGreaterThanOrEqual(1);
    const left = await t.prisma.requestNonce.findMany({ where: { appId: 'app_s' } });
    expect(left.map((row) => row.nonce)).toEqual([live]);
  });
});

// Runs where a Redis server is given (CI sets TEST_REDIS_URL to the machine's own).
const redisUrl = process.env.TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('RedisNonceStore', () => {
  let redis: Redis;
  let store: RedisNonceStore;
  const app = `app_${randomNonce()}`;

  beforeAll(() => {
    redis = new Redis(redisUrl!);
    store = new RedisNonceStore(redis);
  });
  afterAll(async () => {
    const keys = await redis.keys(`nonce:${app}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('takes a nonce once, lets one of 50 racing claims win, and forgets it after its time', async () => {
    const nonce = randomNonce();
    expect(await store.claim(app, nonce, 600)).toBe(true);
    expect(await store.claim(app, nonce, 600)).toBe(false);

    const raced = randomNonce();
    const wins = await Promise.all(Array.from({ length: 50 }, () => store.claim(app, raced, 600)));
    expect(wins.filter(Boolean)).toHaveLength(1);

    const brief = randomNonce();
    expect(await store.claim(app, brief, 1)).toBe(true);
    expect(await redis.ttl(`nonce:${app}:${brief}`)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.claim(app, brief, 600)).toBe(true);
  });
});
