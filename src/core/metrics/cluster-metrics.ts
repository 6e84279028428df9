import cluster from 'node:cluster';
import type { Server } from 'node:http';

import { AggregatorRegistry } from 'prom-client';

import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';
import { listenForScrapes } from './metrics-http';

/**
 * For a cluster worker: answers the primary's requests for figures (over IPC) with this process's
 * registry, so that the primary's scrape holds it.
 */
export function answerPrimaryScrapes(metrics: Metrics): void {
  listenToPrimary();
  AggregatorRegistry.setRegistries([metrics.registry]);
}

/**
 * In a worker, answers the primary's scrapes from the moment it starts (with prom-client's empty
 * global registry until answerPrimaryScrapes names the real one): a worker that does not answer
 * at all would hold every scrape of the group for 5 s, then fail it.
 */
export function listenToPrimary(): void {
  if (cluster.isWorker) new AggregatorRegistry(); // adds the IPC listener, once per process
}

/**
 * For a cluster's primary (WORKERS > 1): serves GET /metrics on METRICS_PORT with the figures of
 * every worker, asked over IPC at each scrape and added up (gauges of the whole database, such as
 * the outbox's waiting mail, taken once rather than summed). Undefined when METRICS_PORT is unset:
 * without a port of its own a cluster has no single place to scrape.
 */
export async function startClusterMetrics(
  config: Pick<AppConfig, 'METRICS_PORT' | 'METRICS_HOST' | 'METRICS_TOKEN'>,
  onError: (error: Error) => void = () => undefined,
): Promise<Server | undefined> {
  if (config.METRICS_PORT === undefined) return undefined;
  const aggregator = new AggregatorRegistry();
  return listenForScrapes(config, () => aggregator.clusterMetrics(), aggregator.contentType, onError);
}
