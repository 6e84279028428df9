import { Metrics } from '../metrics/metrics';
import { EVERYTHING, InvalidationBus } from './invalidation-bus';
import { LocalCache } from './local-cache';

/** A bus of one process: what it publishes it hears at once; `fromElsewhere` plays another process. */
class SingleProcessBus extends InvalidationBus {
  constructor(metrics = new Metrics(false)) {
    super(metrics);
    this.connected();
  }

  protected async broadcast(): Promise<void> {}

  fromElsewhere(topic: string, key: string): void {
    this.receive(JSON.stringify({ topic, key, from: 'another-process', at: Date.now() - 20 }));
  }

  loseConnection(): void {
    this.disconnected();
  }

  reconnect(): void {
    this.connected();
  }
}

describe('LocalCache', () => {
  let bus: SingleProcessBus;
  let cache: LocalCache<string>;
  let loads: number;
  const load = (value: string | undefined) => () => {
    loads += 1;
    return Promise.resolve(value);
  };

  beforeEach(() => {
    bus = new SingleProcessBus();
    cache = new LocalCache<string>(bus, 'thing', 60_000);
    loads = 0;
  });

  it('loads once and answers from memory after', async () => {
    expect(await cache.get('a', load('one'))).toBe('one');
    expect(await cache.get('a', load('two'))).toBe('one');
    expect(loads).toBe(1);
  });

  it('does not keep a miss', async () => {
    expect(await cache.get('a', load(undefined))).toBeUndefined();
    expect(await cache.get('a', load('found'))).toBe('found');
  });

  it('drops a key invalidated here or in another process, and everything on EVERYTHING', async () => {
    await cache.get('a', load('one'));
    await cache.get('b', load('one'));
    await cache.invalidate('a');
    expect(await cache.get('a', load('two'))).toBe('two');
    bus.fromElsewhere('thing', 'a');
    expect(await cache.get('a', load('three'))).toBe('three');
    bus.fromElsewhere('other-topic', 'b');
    expect(await cache.get('b', load('ignored'))).toBe('one');
    bus.fromElsewhere('thing', EVERYTHING);
    expect(await cache.get('b', load('fresh'))).toBe('fresh');
  });

  it('does not keep a value whose load overlapped an invalidation (it may predate the change)', async () => {
    let finish: (value: string) => void = () => undefined;
    const slow = cache.get('a', () => new Promise<string>((resolve) => (finish = resolve)));
    bus.fromElsewhere('thing', 'a');
    finish('read before the change');
    expect(await slow).toBe('read before the change');
    expect(await cache.get('a', load('after the change'))).toBe('after the change');
  });

  it('keeps nothing while the bus cannot hear other processes, and drops everything when it loses and regains them', async () => {
    await cache.get('a', load('before the loss'));
    bus.loseConnection();
    expect(bus.live).toBe(false);
    // Dropped on the loss, and not kept while deaf: each read loads afresh.
    expect(await cache.get('a', load('deaf 1'))).toBe('deaf 1');
    expect(await cache.get('a', load('deaf 2'))).toBe('deaf 2');
    expect(loads).toBe(3);

    bus.reconnect();
    expect(bus.live).toBe(true);
    expect(await cache.get('a', load('heard again'))).toBe('heard again');
    expect(await cache.get('a', load('not loaded'))).toBe('heard again');
  });

  it('does not keep a value whose load overlapped a reconnection (what was said meanwhile is unknown)', async () => {
    bus.loseConnection();
    let finish: (value: string) => void = () => undefined;
    const slow = cache.get('a', () => new Promise<string>((resolve) => (finish = resolve)));
    bus.reconnect();
    finish('read while deaf');
    expect(await slow).toBe('read while deaf');
    expect(await cache.get('a', load('after'))).toBe('after');
  });

  it('drops what it holds when the bus reconnects', async () => {
    await cache.get('a', load('one'));
    bus.reconnect();
    expect(await cache.get('a', load('two'))).toBe('two');
  });

  it('reloads after the time to live', async () => {
    const short = new LocalCache<string>(bus, 'short', 1);
    await short.get('a', load('one'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await short.get('a', load('two'))).toBe('two');
  });
});

describe('LocalCache and bus metrics', () => {
  const valueOf = async (metrics: Metrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> => {
    const metric = metrics.registry.getSingleMetric(`platform_${name}`);
    const { values } = await metric!.get();
    return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l) && !('le' in v.labels))?.value;
  };

  it('counts hits and misses by cache, reconnections (not the first connection), and the lag of heard invalidations', async () => {
    const metrics = new Metrics(true);
    const bus = new SingleProcessBus(metrics);
    const cache = new LocalCache<string>(bus, 'session', 60_000);
    await cache.get('a', () => Promise.resolve('one'));
    await cache.get('a', () => Promise.resolve('two'));
    await cache.get('a', () => Promise.resolve('three'));
    expect(await valueOf(metrics, 'cache_lookups_total', { cache: 'session', result: 'miss' })).toBe(1);
    expect(await valueOf(metrics, 'cache_lookups_total', { cache: 'session', result: 'hit' })).toBe(2);

    expect(await valueOf(metrics, 'invalidation_bus_reconnects_total')).toBe(0);
    expect(await valueOf(metrics, 'invalidation_bus_live')).toBe(1);
    bus.loseConnection();
    expect(await valueOf(metrics, 'invalidation_bus_live')).toBe(0);
    bus.reconnect();
    expect(await valueOf(metrics, 'invalidation_bus_reconnects_total')).toBe(1);

    bus.fromElsewhere('session', 'a');
    const lag = await metrics.registry.getSingleMetric('platform_invalidation_bus_lag_seconds')!.get();
    expect(lag.values.find((v) => (v as { metricName?: string }).metricName === 'platform_invalidation_bus_lag_seconds_count')?.value).toBe(
      1,
    );
  });
});
