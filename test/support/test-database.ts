import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { migrate } from '../../src/core/database/migrator';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.PLATFORM_TEST_SERVER_URL;
  if (!url) throw new Error('PLATFORM_TEST_SERVER_URL is unset: run the suites through jest (globalSetup)');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database of its own on the test server; migrated unless told otherwise.
 * `plainC`: with the plain `C` locale of libc, whose character classes know ASCII only (what some
 * managed servers are set up with), instead of the server's default.
 */
export async function createTestDatabase(options: { migrated?: boolean; plainC?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const locale = options.plainC ? ` TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LC_COLLATE 'C' LC_CTYPE 'C'` : '';
  await onServer((client) => client.query(`CREATE DATABASE "${name}"${locale}`));
  const url = withDatabase(serverUrl(), name);
  if (options.migrated !== false) await migrate(url);
  return {
    url,
    name,
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
