import path from 'node:path';

import { startEmbeddedPostgres } from '../../src/core/database/embedded-postgres';

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL when set (CI points it at the
 * machine's server), otherwise an embedded one under .data/test-postgres. Each suite creates its
 * own database on it (see test-app.ts), so suites never see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.PLATFORM_TEST_SERVER_URL = process.env.TEST_DATABASE_URL;
    return;
  }
  const handle = await startEmbeddedPostgres({
    dir: path.resolve(__dirname, '../../.data/test-postgres'),
    database: 'postgres',
  });
  process.env.PLATFORM_TEST_SERVER_URL = handle.url;
  (globalThis as { embeddedTestDatabase?: typeof handle }).embeddedTestDatabase = handle;
}
