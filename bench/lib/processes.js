// Starts the servers under test as separate processes and waits until they answer.
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function startServer(script, env, readyPath, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${base}${readyPath}`, child);
  return {
    base,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const ROOT = path.resolve(__dirname, '../..');

/** bcrypt cost of the platform's hashes in the benchmark, and of the hashes the scenarios seed. */
const BCRYPT_COST = Number(process.env.BENCH_BCRYPT_COST ?? 10);

/** BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the platform through a whole run. */
const platformNodeArgs = () => (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/**
 * Production refuses to start without SMTP_URL; no scenario mails anything, so unless one is
 * given, a local SMTP server that takes and forgets every message stands in.
 */
async function smtpUrl() {
  if (process.env.SMTP_URL) return { url: process.env.SMTP_URL, close: async () => undefined };
  const { SMTPServer } = require('smtp-server');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => stream.resume().on('end', () => callback()),
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${server.server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The platform as production runs it. */
async function startPlatform(databaseUrl, dataDir) {
  const smtp = await smtpUrl();
  const platform = await startServer(
    path.join(ROOT, 'dist/main.js'),
    {
      NODE_ENV: 'production',
      SMTP_URL: smtp.url,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      APP_SECRET_KEY: process.env.APP_SECRET_KEY,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      // The benchmark drives one app from one IP far past any sane limit.
      RATE_LIMIT_PER_APP: '0',
      RATE_LIMIT_PER_IP: '0',
      // ... and logs in a few accounts from one IP over and over (0: unlimited).
      LOGIN_LIMIT_PER_ACCOUNT: '0',
      LOGIN_LIMIT_PER_IP: '0',
      BCRYPT_COST: String(BCRYPT_COST),
    },
    '/api/v1/health/live',
    platformNodeArgs(),
  );
  return {
    ...platform,
    async stop() {
      await platform.stop();
      await smtp.close();
    },
  };
}

/** The floor: raw Fastify + pg doing the same SQL (and streaming files from `storageDir`). */
function startBaseline(databaseUrl, storageDir) {
  return startServer(path.join(ROOT, 'bench/baseline/server.js'), { DATABASE_URL: databaseUrl, STORAGE_DIR: storageDir }, '/live');
}

/** The ceiling for file bytes: bare node:http piping fs.createReadStream, no framework, no database. */
function startBareStream(storageDir) {
  return startServer(path.join(ROOT, 'bench/baseline/bare-stream.js'), { STORAGE_DIR: storageDir }, '/live');
}

module.exports = { startPlatform, startBaseline, startBareStream, BCRYPT_COST };
