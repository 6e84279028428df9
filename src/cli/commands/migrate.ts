import { migrate } from '../../core/database/migrator';
import { openDatabase } from '../../core/database/open-database';
import { processConfig } from '../../core/process/lifecycle';
import { printResult } from '../command';
import { commandLogger } from '../run-with-app';

/** `platform migrate`: applies pending migrations without starting the server. */
export async function run(): Promise<void> {
  const config = processConfig();
  const database = await openDatabase(config, commandLogger(config.LOG_LEVEL));
  try {
    const { applied } = await migrate(database.url, undefined, (line) => process.stderr.write(`${line}\n`));
    for (const name of applied) printResult({ migration: name });
    printResult({ applied: applied.length });
    if (applied.length === 0) process.stderr.write('database is up to date\n');
  } finally {
    await database.stop();
  }
}
