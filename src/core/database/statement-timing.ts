import type { Pool, PoolClient } from 'pg';

import { Metrics, secondsSince } from '../metrics/metrics';

type Query = (...args: unknown[]) => unknown;
type Callback = (error: unknown, result: unknown) => void;

/** Times `client`'s statements, callback (the pool's own query) or promise (Prisma's adapter) alike. */
function timeStatements(client: PoolClient, metrics: Metrics): void {
  const query = client.query.bind(client) as Query;
  const record = (start: bigint, error: unknown): void =>
    metrics.database.statements.observe({ outcome: error ? 'error' : 'ok' }, secondsSince(start));
  (client as unknown as { query: Query }).query = (...args: unknown[]): unknown => {
    const start = process.hrtime.bigint();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as Callback;
      args[last] = (error: unknown, result: unknown) => {
        record(start, error);
        callback(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) {
      result.then(
        () => record(start, undefined),
        (error: unknown) => record(start, error ?? 'error'),
      );
    }
    return result;
  };
}

/**
 * The pool's figures for the metrics: connections in use and idle, and queries waiting for one,
 * read on scrape; and the duration of every statement sent over it.
 */
export function measurePool(pool: Pool, metrics: Metrics): void {
  if (!metrics.enabled) return;
  pool.on('connect', (client) => timeStatements(client, metrics));
  metrics.database.pool.sampleFrom(() => [
    [{ state: 'in_use' }, pool.totalCount - pool.idleCount],
    [{ state: 'idle' }, pool.idleCount],
    [{ state: 'waiting' }, pool.waitingCount],
  ]);
}
