import { ConsoleLogger, INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module';
import { migrate } from '../core/database/migrator';
import { openDatabase } from '../core/database/open-database';
import { processConfig, processLogger } from '../core/process/lifecycle';

/** Where a command logs: standard error, so its standard output holds its results alone. */
export const commandLogger = (level: string) => processLogger(level === 'info' ? 'warn' : level, process.stderr);

/** Nest's console logger, writing every level to standard error. */
class StandardErrorLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _stream?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}

/**
 * Runs a command against the same services the server uses, without serving HTTP. It joins the
 * embedded PostgreSQL when the server runs, starts (and then stops) it when not, and migrates
 * first so a command works on a fresh install.
 */
export async function runWithApp(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const config = processConfig();
  const log = commandLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, log);
  try {
    await migrate(database.url, undefined, (line) => log.info(line));
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: database.url }), {
      logger: new StandardErrorLogger({ logLevels: ['error', 'warn'] }),
    });
    try {
      await work(app);
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}
