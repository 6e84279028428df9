import path from 'node:path';

import type { Logger } from 'pino';

import { AppConfig } from '../config/app-config';
import { DatabaseHandle, startEmbeddedPostgres } from './embedded-postgres';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL kept under DATA_DIR/postgres. */
export async function openDatabase(config: AppConfig, log: Logger): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: () => Promise.resolve() };
  const dir = path.join(config.dataDir, 'postgres');
  log.info(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dir}`);
  return startEmbeddedPostgres({ dir, log: (line) => log.debug({ postgres: line }) });
}
