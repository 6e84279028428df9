import { migrate } from '../core/database/migrator';
import { openDatabase } from '../core/database/open-database';
import { configOrExit, processLogger } from '../core/process/lifecycle';

/** `npm run db:migrate`: applies pending migrations without starting the server. */
async function main(): Promise<void> {
  const config = configOrExit();
  const log = processLogger(config.LOG_LEVEL);
  const database = await openDatabase(config, log);
  try {
    const { applied } = await migrate(database.url, undefined, (line) => log.info(line));
    log.info(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  processLogger().fatal({ err: error }, 'migration failed');
  process.exit(1);
});
