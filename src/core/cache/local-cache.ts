import { EVERYTHING, InvalidationBus } from './invalidation-bus';

/**
 * A bounded in-process cache for hot reads (apps, sessions) that stays correct across processes:
 * entries expire after `ttlMs` as a safety net, and any process that changes what an entry holds
 * publishes the key on the invalidation bus, which drops it everywhere. While the bus cannot hear
 * other processes (its connection lost), nothing is kept and everything was dropped.
 */
export class LocalCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  /** Bumped by every invalidation: a load that overlapped one may have read the old value. */
  private epoch = 0;

  constructor(
    private readonly bus: InvalidationBus,
    private readonly topic: string,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    bus.on(topic, (key) => {
      this.epoch += 1;
      if (key === EVERYTHING) this.entries.clear();
      else this.entries.delete(key);
    });
  }

  /** The cached value, or what `load` finds (not cached when it finds nothing). */
  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) {
      this.bus.metrics.cache.lookups.inc({ cache: this.topic, result: 'hit' });
      return hit.value;
    }
    this.bus.metrics.cache.lookups.inc({ cache: this.topic, result: 'miss' });
    const epoch = this.epoch;
    const value = await load();
    // Answer with it, but do not keep what may be stale: an invalidation overlapped the load, or
    // the bus is not hearing other processes now (so none would reach this entry).
    if (epoch !== this.epoch || !this.bus.live) return value;
    if (value === undefined) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
    return value;
  }

  /** Drops `key` in this process only (its next `get` reads it afresh). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Drops `key` here and in every other process. */
  invalidate(key: string): Promise<void> {
    return this.bus.publish(this.topic, key);
  }
}
