import Redis from 'ioredis';

import { PostgresNonceStore, RedisNonceStore } from '../src/signing/nonce-store';
import { randomNonce } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';
import { describeWithRedis, TEST_REDIS_URL } from './support/test-redis';

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
    const rows = await t.prisma.requestNonce.findMany({ where: { appId: 'app_race', nonce } });
    expect(rows).toHaveLength(1);
    expect(rows[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 590_000);
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

describeWithRedis('RedisNonceStore', () => {
  let redis: Redis;
  let store: RedisNonceStore;
  const app = `app_${randomNonce()}`;
  // Keys of this suite alone on the shared Redis, all removed afterwards.
  const prefix = `test:nonce-store:${randomNonce()}:`;
  const now = (): number => Math.floor(Date.now() / 1000);

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL!, { keyPrefix: prefix });
    store = new RedisNonceStore(redis);
    store.onModuleInit();
  });
  afterAll(async () => {
    const raw = new Redis(TEST_REDIS_URL!);
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length) await raw.del(...keys);
    await raw.quit();
    await redis.quit();
  });

  it('takes a nonce once, lets one of 50 racing claims win, and forgets it after its time', async () => {
    const nonce = randomNonce();
    expect(await store.claim(app, nonce, 600, now())).toBe(true);
    expect(await store.claim(app, nonce, 600, now())).toBe(false);

    const raced = randomNonce();
    const wins = await Promise.all(Array.from({ length: 50 }, () => store.claim(app, raced, 600, now())));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await redis.ttl(`nonce:${app}:${raced}`)).toBeGreaterThan(590);

    const brief = randomNonce();
    expect(await store.claim(app, brief, 1, now())).toBe(true);
    expect(await redis.ttl(`nonce:${app}:${brief}`)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.claim(app, brief, 600, now())).toBe(true);
  });

  it('refuses (1012) a request signed before the Redis server started, which it cannot judge; one signed since is claimed once', async () => {
    const info = await redis.info('server');
    const uptime = Number(/^uptime_in_seconds:(\d+)/m.exec(info)![1]);
    const serverNow = Math.floor(Number(/^server_time_usec:(\d+)/m.exec(info)![1]) / 1e6);
    const started = serverNow - uptime;

    const before = randomNonce();
    await expect(store.claim(app, before, 600, started - 1)).rejects.toMatchObject({ code: 1012 });
    expect(await redis.exists(`nonce:${app}:${before}`)).toBe(0);

    // Signed in the second it started, or later (a long-running server refuses nothing in the window).
    for (const at of [started, Math.max(started, now() - 299)]) {
      const fresh = randomNonce();
      expect(await store.claim(app, fresh, 600, at)).toBe(true);
      expect(await store.claim(app, fresh, 600, at)).toBe(false);
    }
  });
});
