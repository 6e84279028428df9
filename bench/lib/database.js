// A fresh database for one benchmark run: on DATABASE_URL's server when set, otherwise on an
// embedded PostgreSQL under .data/bench-postgres (stopped again at the end).
const path = require('node:path');
const { Client } = require('pg');
const { startEmbeddedPostgres } = require('../../dist/core/database/embedded-postgres');
const { migrate } = require('../../dist/core/database/migrator');

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(serverUrl, sql) {
  const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshDatabase() {
  const server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dir: path.resolve(__dirname, '../../.data/bench-postgres'), database: 'postgres' });
  const name = `bench_${Date.now().toString(36)}`;
  await onServer(server.url, `CREATE DATABASE "${name}"`);
  const url = withDatabase(server.url, name);
  await migrate(url);
  return {
    url,
    where: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL',
    async drop() {
      await onServer(server.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.stop();
    },
  };
}

module.exports = { freshDatabase };
