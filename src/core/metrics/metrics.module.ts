import cluster from 'node:cluster';
import type { Server } from 'node:http';

import { Global, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { AppConfig } from '../config/app-config';
import { answerPrimaryScrapes, listenToPrimary } from './cluster-metrics';
import { Metrics } from './metrics';
import { listenForScrapes } from './metrics-http';

listenToPrimary();

/**
 * Where the figures go. A single process serves METRICS_PORT itself. A cluster worker answers its
 * primary over IPC instead (prom-client's AggregatorRegistry), and the primary serves one scrape
 * of the whole group (see cluster-metrics.ts).
 */
class MetricsExposure implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A command run with the app's modules (cli/) serves nothing.
    if (!this.metrics.enabled || !this.adapterHost.httpAdapter) return;
    if (cluster.isWorker) {
      // With METRICS_PORT the primary serves the group's sum; without, a scrape on the public
      // port (METRICS_TOKEN) reaches one worker, which answers for itself and says which.
      if (this.config.METRICS_PORT !== undefined) answerPrimaryScrapes(this.metrics);
      else this.metrics.registry.setDefaultLabels({ worker: String(cluster.worker?.id ?? 0) });
      return;
    }
    if (this.config.METRICS_PORT === undefined) return;
    this.server = await listenForScrapes(
      this.config,
      () => this.metrics.scrape(),
      this.metrics.registry.contentType,
      (error) => this.logger.warn(`metrics could not be collected: ${error.message}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

@Global()
@Module({
  providers: [
    { provide: Metrics, inject: [AppConfig], useFactory: (config: AppConfig) => new Metrics(config.metricsEnabled) },
    {
      provide: MetricsExposure,
      inject: [Metrics, AppConfig, HttpAdapterHost],
      useFactory: (m: Metrics, c: AppConfig, h: HttpAdapterHost) => new MetricsExposure(m, c, h),
    },
  ],
  exports: [Metrics],
})
export class MetricsModule {}
