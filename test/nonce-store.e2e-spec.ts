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
  // Keys of this suite alone on the shared Redis, all removed afterwards.
  const prefix = `test:nonce-store:${randomNonce()}:`;
  const now = (): number => Math.floor(Date.now() / 1000);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(() => {
    redis = new Redis(redisUrl!, { keyPrefix: prefix });
    store = new RedisNonceStore(redis);
    store.onModuleInit();
  });
  afterAll(async () => {
    const raw = new Redis(redisUrl!);
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

    const brief = randomNonce();
    expect(await store.claim(app, brief, 1, now())).toBe(true);
    expect(await redis.ttl(`nonce:${app}:${brief}`)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.claim(app, brief, 600, now())).toBe(true);
  });

  it('refuses (1012) requests signed before it lost its memory, which it cannot judge; later ones pass', async () => {
    const seen = randomNonce();
    const signedAt = now() - 2;
    await redis.set(RedisNonceStore.SINCE_KEY, now() - 10); // a store that has remembered for 10 s
    expect(await store.claim(app, seen, 600, signedAt)).toBe(true);

    // What a Redis restarted empty looks like to the store: its nonces and its start mark gone.
    await redis.del(`nonce:${app}:${seen}`, RedisNonceStore.SINCE_KEY);
    const replay = store.claim(app, seen, 600, signedAt);
    await expect(replay).rejects.toMatchObject({ code: 1012 });
    expect(await redis.exists(`nonce:${app}:${seen}`)).toBe(0);
    const since = Number(await redis.get(RedisNonceStore.SINCE_KEY));
    expect(since).toBeGreaterThan(signedAt);

    // Signed in the second the store started, or later: claimed as usual, once.
    for (const at of [since, since + 1]) {
      const fresh = randomNonce();
      expect(await store.claim(app, fresh, 600, at)).toBe(true);
      expect(await store.claim(app, fresh, 600, at)).toBe(false);
    }
  });

  it('marks its start when it connects, so a request signed at once after is claimed', async () => {
    const fresh = new Redis(redisUrl!, { keyPrefix: `${prefix}fresh:` });
    const freshStore = new RedisNonceStore(fresh);
    freshStore.onModuleInit();
    await new Promise((resolve) => fresh.once('ready', resolve));
    const startedAt = now();
    for (let tries = 0; !(await fresh.exists(RedisNonceStore.SINCE_KEY)) && tries < 50; tries += 1) await sleep(10);
    expect(Number(await fresh.get(RedisNonceStore.SINCE_KEY))).toBeLessThanOrEqual(startedAt);
    expect(await freshStore.claim(app, randomNonce(), 600, startedAt)).toBe(true);
    await fresh.quit();
  });
});
