import './core/tracing/start-tracing';
import 'reflect-metadata';

import { createApp } from './app.factory';
import { migrate } from './core/database/migrator';
import { openDatabase } from './core/database/open-database';
import { configOrExit, onTerminationSignal, processLogger } from './core/process/lifecycle';
import { stopTracing } from './core/tracing/tracing';

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const log = processLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, log);
  await migrate(database.url, undefined, (line) => log.info(line));

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
  log.info(`listening on http://${config.HOST}:${config.PORT} (API under /api/v1, docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  processLogger().fatal({ err: error }, 'could not start');
  process.stderr.write(`could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
