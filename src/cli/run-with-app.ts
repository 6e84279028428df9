import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module';
import { migrate } from '../core/database/migrator';
import { openDatabase } from '../core/database/open-database';
import { configOrExit, processLogger } from '../core/process/lifecycle';

/**
 * Runs a command against the same services the server uses, without serving HTTP. It joins the
 * embedded PostgreSQL when the server runs, starts (and then stops) it when not, and migrates
 * first so a command works on a fresh install.
 */
export async function runWithApp(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const config = configOrExit();
  const log = processLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const database = await openDatabase(config, log);
  try {
    await migrate(database.url, undefined, (line) => log.info(line));
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: database.url }), {
      logger: ['error', 'warn'],
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

/** Exits non-zero with the error's message, for commands. */
export function failCommand(error: unknown): never {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

/** A comma-separated option as a list (`a, b,,c` is `['a', 'b', 'c']`); undefined when not given. */
export const commaList = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
