import 'reflect-metadata';

import { migrate } from './core/database/migrator';
import { openDatabase } from './core/database/open-database';
import { ErrorCode } from './core/errors/catalogue';
import { configOrExit, moduleLoadFailure, onTerminationSignal, processLogger } from './core/process/lifecycle';

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const log = processLogger(config.LOG_LEVEL);
  // The application's modules are loaded here rather than with this file, so a module that fails
  // to load is reported by name with 1004 (below) before anything else starts.
  const { createApp } = await import('./app.factory');
  const database = await openDatabase(config, log);
  await migrate(database.url, undefined, (line) => log.info(line));

  const app = await createApp({ config, databaseUrl: database.url });
  onTerminationSignal(async (signal) => {
    log.info({ signal }, 'shutting down: finishing requests in flight');
    // Fastify first, so requests in flight still have their database; then Nest's hooks.
    await app.getHttpAdapter().getInstance().close();
    await app.close();
    await database.stop();
    log.info('stopped');
  }, config.SHUTDOWN_TIMEOUT_MS);

  await app.listen({ port: config.PORT, host: config.HOST });
  log.info(`listening on http://${config.HOST}:${config.PORT} (API under /api/v1, docs at /docs)`);
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
