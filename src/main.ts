import './core/tracing/start-tracing';
import 'reflect-metadata';

import cluster from 'node:cluster';

import type { Logger } from 'pino';

import { AppConfig } from './core/config/app-config';
import { loadSecretKey } from './core/crypto/secret-cipher';
import { DatabaseHandle } from './core/database/embedded-postgres';
import { migrate } from './core/database/migrator';
import { openDatabase } from './core/database/open-database';
import { ErrorCode } from './core/errors/catalogue';
import { startClusterMetrics } from './core/metrics/cluster-metrics';
import { configOrExit, moduleLoadFailure, onTerminationSignal, processLogger } from './core/process/lifecycle';
import { PrimaryService, runWorkerPool } from './core/process/workers';
import { stopTracing } from './core/tracing/start-tracing';

/**
 * What the primary of WORKERS=n runs itself beside its workers, started once they are forked and
 * stopped after they have drained.
 */
function primaryServices(config: AppConfig): PrimaryService[] {
  return [
    {
      // One scrape of the whole group on METRICS_PORT, the workers' figures asked over IPC.
      name: 'metrics',
      async start({ log }) {
        const server = await startClusterMetrics(config, (error) => log.warn(`metrics could not be collected: ${error.message}`));
        return { stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())) };
      },
    },
  ];
}

/** Serves the API in this process until a termination signal, then drains and runs `afterwards`. */
async function serve(config: AppConfig, log: Logger, database: DatabaseHandle): Promise<void> {
  const { createApp } = await loadApplication();
  const app = await createApp({ config, databaseUrl: database.url });
  onTerminationSignal(async (signal) => {
    log.info({ signal }, 'shutting down: finishing requests in flight');
    // Fastify first, so requests in flight still have their database; then Nest's hooks.
    await app.getHttpAdapter().getInstance().close();
    await app.close();
    await database.stop();
    await stopTracing();
    log.info('stopped');
  }, config.SHUTDOWN_TIMEOUT_MS);

  await app.listen({ port: config.PORT, host: config.HOST });
  if (cluster.isWorker) return;
  log.info(`listening on http://${config.HOST}:${config.PORT} (API under /api/v1, docs at /docs)`);
}

/**
 * The application's modules, loaded at start rather than with this file, so a module that fails to
 * load is reported by name with 1004 (below) before anything else starts (no embedded PostgreSQL
 * left running, no worker forked).
 */
function loadApplication(): Promise<typeof import('./app.factory')> {
  return import('./app.factory');
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const log = processLogger(config.LOG_LEVEL);
  if (!cluster.isWorker) await loadApplication();
  if (cluster.isWorker) {
    // The primary opened (and migrated) the database and passed its URL as DATABASE_URL; it stops it too.
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
    return serve(config, log, { url: config.DATABASE_URL!, stop: () => Promise.resolve() });
  }

  const database = await openDatabase(config, log);
  await migrate(database.url, undefined, (line) => log.info(line));
  if (config.WORKERS === 1) return serve(config, log, database);

  loadSecretKey(config); // generated once here when unset, rather than raced for by the workers
  await runWorkerPool({
    count: config.WORKERS,
    log,
    env: { DATABASE_URL: database.url },
    services: primaryServices(config),
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    afterWorkers: () => database.stop(),
  });
  log.info(`listening on http://${config.HOST}:${config.PORT} with ${config.WORKERS} workers (API under /api/v1, docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  const failedModule = moduleLoadFailure(error);
  if (failedModule) {
    processLogger().fatal(
      { err: error, code: ErrorCode.HANDLER_LOAD_FAILED, module: failedModule.module },
      `could not start: ${failedModule.line}`,
    );
    process.stderr.write(`could not start: ${failedModule.line}\n`);
  } else {
    processLogger().fatal({ err: error }, 'could not start');
    process.stderr.write(`could not start: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
