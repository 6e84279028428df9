import path from 'node:path';
import { AppConfig } from '../config/app-config';
import { DatabaseHandle, startEmbeddedPostgres } from './embedded-postgres';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL kept under DATA_DIR/postgres. */
export async function openDatabase(config: AppConfig, log: (line: string) => void): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}`);
  return startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), log });
}
