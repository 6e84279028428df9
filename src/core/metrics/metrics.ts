import { collectDefaultMetrics, Counter, Gauge, Metric, Registry } from 'prom-client';

/**
 * What each room records, typed: a label takes only the values its type lists, so no series ever
 * carries a user id, a token or a raw path (route templates, catalogue codes and fixed words only).
 */
export interface Counts<L extends object = Record<string, never>> {
  inc(labels: L, value?: number): void;
}

export interface Observes<L extends object = Record<string, never>> {
  observe(labels: L, value: number): void;
}

/** A figure read when the registry is scraped (pool sizes, queue depths), from a source its owner hands in. */
export interface Samples<L extends object = Record<string, never>> {
  /** `read` is called on every scrape; it returns the current value of each label set. */
  sampleFrom(read: () => Promise<[L, number][]> | [L, number][]): void;
}

export type HttpLabels = { route: string; method: string; status: number };
export type LoginFailureReason = 'unknown_account' | 'wrong_password' | 'not_active' | 'rate_limited';
/** Every limiter of the shared rate-limit store, named by what it counts. */
export type LimiterName =
  | 'ip'
  | 'app'
  | 'login_ip'
  | 'login_account'
  | 'reset_account'
  | 'open_login_account'
  | 'captcha_issue'
  | 'captcha_answer'
  | 'tutorial_create'
  | 'tutorial_edit'
  | 'message_send'
  | 'report_file';

/** Seconds: from a cached read to a slow statement's timeout. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds of one bcrypt task, cost 4 (tests) to 15. */
const HASH_BUCKETS = [0.001, 0.005, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const NOTHING = (): void => undefined;
const OFF = { inc: NOTHING, observe: NOTHING, sampleFrom: NOTHING };

type LabelValues = Record<string, string | number>;

/** One label set's values, in the instrument's label order, as a map key. */
function keyOf(names: string[], values: LabelValues): string {
  let key = '';
  for (const name of names) key += `${values[name]}\u0001`;
  return key;
}

/** One histogram series: observations per bucket (the last past every bound), their sum and count. */
interface Series {
  labels: LabelValues;
  counts: number[];
  sum: number;
  count: number;
}

/**
 * A histogram kept as plain bucket counts per label set and handed to the registry in prom-client's
 * own form (the `_bucket`, `_sum` and `_count` samples, summed across cluster workers) when
 * scraped. prom-client's Histogram validates and hashes the labels again on every observation, a
 * measurable share of a cached request's CPU; here an observation is a map lookup and an addition.
 */
function registerHistogram(registry: Registry, name: string, help: string, labelNames: string[], buckets: number[]) {
  const series = new Map<string, Series>();
  const newSeries = (labels: LabelValues): Series => ({ labels, counts: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0 });
  /** Empty; a histogram without labels has its one series from the start, as prom-client's does. */
  const clear = (): void => {
    series.clear();
    if (labelNames.length === 0) series.set('', newSeries({}));
  };
  clear();
  const samples = ({ labels, counts, sum, count }: Series) => {
    let cumulative = 0;
    return [
      ...buckets.map((le, i) => ({ labels: { le, ...labels }, value: (cumulative += counts[i]), metricName: `${name}_bucket` })),
      { labels: { le: '+Inf', ...labels }, value: count, metricName: `${name}_bucket` },
      { labels: { ...labels }, value: sum, metricName: `${name}_sum` },
      { labels: { ...labels }, value: count, metricName: `${name}_count` },
    ];
  };
  const family = { name, help, type: 'histogram', aggregator: 'sum' };
  const metric = { ...family, get: () => Promise.resolve({ ...family, values: [...series.values()].flatMap(samples) }), reset: clear };
  registry.registerMetric(metric as unknown as Metric);
  return (values: LabelValues, value: number): void => {
    const key = keyOf(labelNames, values);
    let entry = series.get(key);
    if (!entry) series.set(key, (entry = newSeries({ ...values })));
    let bucket = 0;
    while (bucket < buckets.length && value > buckets[bucket]) bucket += 1;
    entry.counts[bucket] += 1;
    entry.sum += value;
    entry.count += 1;
  };
}

/** Makes the instruments of one registry, every name under `platform_`; or, when metrics are off, instruments that do nothing. */
class Instruments {
  constructor(private readonly registry: Registry | undefined) {}

  /** Counts kept per label set as plain numbers, handed to prom-client's Counter when scraped (see registerHistogram for why). */
  counter<L extends object = Record<string, never>>(name: string, help: string, labels: (keyof L & string)[] = []): Counts<L> {
    if (!this.registry) return OFF;
    const tallies = new Map<string, { labels: LabelValues; value: number }>();
    if (labels.length === 0) tallies.set('', { labels: {}, value: 0 });
    new Counter<string>({
      name: `platform_${name}`,
      help,
      labelNames: labels,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const tally of tallies.values()) this.inc(tally.labels, tally.value);
      },
    });
    return {
      inc: (values, value = 1) => {
        const key = keyOf(labels, values as LabelValues);
        const tally = tallies.get(key);
        if (tally) tally.value += value;
        else tallies.set(key, { labels: { ...(values as LabelValues) }, value });
      },
    };
  }

  histogram<L extends object = Record<string, never>>(
    name: string,
    help: string,
    labels: (keyof L & string)[],
    buckets: number[],
  ): Observes<L> {
    if (!this.registry) return OFF;
    const observe = registerHistogram(this.registry, `platform_${name}`, help, labels, buckets);
    return { observe: (values, value) => observe(values as LabelValues, value) };
  }

  /**
   * A gauge read on scrape. Across cluster workers the figures add up, unless `aggregator` says
   * otherwise (a figure of the whole database is the same in every worker: 'max').
   */
  gauge<L extends object = Record<string, never>>(
    name: string,
    help: string,
    labels: (keyof L & string)[],
    aggregator: 'sum' | 'max' | 'min' = 'sum',
  ): Samples<L> {
    if (!this.registry) return OFF;
    const sources: (() => Promise<[L, number][]> | [L, number][])[] = [];
    new Gauge<string>({
      name: `platform_${name}`,
      help,
      labelNames: labels,
      aggregator,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const read of sources) {
          for (const [values, value] of await read()) this.set(values as LabelValues, value);
        }
      },
    });
    return { sampleFrom: (read) => void sources.push(read) };
  }
}

// Each room's instruments. Label names are the keys of the label type, so a typo does not compile.

const httpMetrics = (make: Instruments) => ({
  /** Every answered request by its route template (not its URL). */
  requests: make.counter<HttpLabels>('http_requests_total', 'Requests answered, by route template, method and status', [
    'route',
    'method',
    'status',
  ]),
  duration: make.histogram<Omit<HttpLabels, 'status'>>(
    'http_request_duration_seconds',
    'Time from the request to its answer, by route template and method',
    ['route', 'method'],
    LATENCY_BUCKETS,
  ),
  failures: make.counter<{ code: number }>('failures_total', 'Failures answered, by catalogue code', ['code']),
});

const databaseMetrics = (make: Instruments) => ({
  pool: make.gauge<{ state: 'in_use' | 'idle' | 'waiting' }>(
    'db_pool_connections',
    'Database pool: connections in use, idle, and queries waiting for one',
    ['state'],
  ),
  statements: make.histogram<{ outcome: 'ok' | 'error' }>(
    'db_statement_duration_seconds',
    'Duration of each SQL statement sent over the pool',
    ['outcome'],
    LATENCY_BUCKETS,
  ),
});

const cacheMetrics = (make: Instruments) => ({
  /** `cache` is a LocalCache's topic (session, app, group): a name in the code, never a key. */
  lookups: make.counter<{ cache: string; result: 'hit' | 'miss' }>(
    'cache_lookups_total',
    'In-process cache lookups, by cache and hit or miss',
    ['cache', 'result'],
  ),
  busReconnects: make.counter('invalidation_bus_reconnects_total', 'Times the invalidation bus heard again after losing its connection'),
  busLag: make.histogram(
    'invalidation_bus_lag_seconds',
    'Time from publishing an invalidation in another process to hearing it here',
    [],
    LATENCY_BUCKETS,
  ),
  busLive: make.gauge('invalidation_bus_live', '1 while this process hears invalidations from the others, else 0', [], 'min'),
});

const passwordMetrics = (make: Instruments) => ({
  queue: make.gauge('bcrypt_queue_depth', 'Password hashes waiting for a hashing thread', []),
  duration: make.histogram<{ op: 'hash' | 'compare' }>(
    'bcrypt_duration_seconds',
    'Time a hashing thread spends on one bcrypt hash or compare',
    ['op'],
    HASH_BUCKETS,
  ),
  loginSuccesses: make.counter('login_successes_total', 'Password logins that passed'),
  loginFailures: make.counter<{ reason: LoginFailureReason }>('login_failures_total', 'Password logins refused, by reason', ['reason']),
});

const mailMetrics = (make: Instruments) => ({
  queued: make.counter('mail_queued_total', 'Mails queued in the outbox'),
  sent: make.counter('mail_sent_total', 'Mails the SMTP server accepted'),
  failed: make.counter<{ final: 'true' | 'false' }>('mail_failed_total', 'Failed delivery attempts (final: the mail was given up)', [
    'final',
  ]),
  waiting: make.gauge('mail_outbox_waiting', 'Mails in the outbox neither sent nor given up (the whole database)', [], 'max'),
});

const limitMetrics = (make: Instruments) => ({
  refusals: make.counter<{ limiter: LimiterName }>('rate_limit_refusals_total', 'Requests refused with 1075, by limiter', ['limiter']),
});

const pointsMetrics = (make: Instruments) => ({
  checkins: make.counter('checkins_total', 'Daily check-ins recorded'),
  ledgerMovements: make.counter<{ ledger: string; direction: 'credit' | 'debit' }>(
    'ledger_movements_total',
    'Ledger entries written, by ledger and direction',
    ['ledger', 'direction'],
  ),
});

const fileMetrics = (make: Instruments) => ({
  uploads: make.counter('uploads_total', 'Files uploaded and kept'),
  uploadBytes: make.counter('upload_bytes_total', 'Bytes of the files uploaded and kept'),
  bytesServed: make.counter<{ via: 'download' | 'image' | 'redirect' }>(
    'served_bytes_total',
    'File bytes served, through download credentials or as images',
    ['via'],
  ),
});

/**
 * The process's metrics: one Prometheus registry and the typed instruments every room records
 * into (`metrics.mail.sent.inc({})`). Off (no METRICS_PORT, no METRICS_TOKEN), every instrument
 * does nothing and the registry stays empty.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly http: ReturnType<typeof httpMetrics>;
  readonly database: ReturnType<typeof databaseMetrics>;
  readonly cache: ReturnType<typeof cacheMetrics>;
  readonly passwords: ReturnType<typeof passwordMetrics>;
  readonly mail: ReturnType<typeof mailMetrics>;
  readonly limits: ReturnType<typeof limitMetrics>;
  readonly points: ReturnType<typeof pointsMetrics>;
  readonly files: ReturnType<typeof fileMetrics>;

  constructor(readonly enabled: boolean) {
    const make = new Instruments(enabled ? this.registry : undefined);
    if (enabled) collectDefaultMetrics({ register: this.registry });
    this.http = httpMetrics(make);
    this.database = databaseMetrics(make);
    this.cache = cacheMetrics(make);
    this.passwords = passwordMetrics(make);
    this.mail = mailMetrics(make);
    this.limits = limitMetrics(make);
    this.points = pointsMetrics(make);
    this.files = fileMetrics(make);
  }

  /** The whole registry in Prometheus' text format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Seconds since `start` (a `process.hrtime.bigint()`), for the histograms. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
