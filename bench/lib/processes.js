// Starts the servers under test as separate processes and waits until they answer.
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { AppConfig } = require('../../dist/core/config/app-config');

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

/** `wrap`: a command the server runs under (e.g. valgrind), which then starts far slower. */
async function startServer(script, env, readyPath, nodeArgs = [], wrap = []) {
  const port = await freePort();
  const [command, ...args] = [...wrap, process.execPath, ...nodeArgs, script];
  const child = spawn(command, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${base}${readyPath}`, child, wrap.length ? 900_000 : 60_000);
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

/**
 * bcrypt cost of the platform's hashes in the benchmark, and of the hashes the scenarios seed: the
 * platform's own default BCRYPT_COST unless BENCH_BCRYPT_COST says otherwise, so a login is timed
 * at the work production does for one.
 */
const BCRYPT_COST = Number(process.env.BENCH_BCRYPT_COST ?? new AppConfig().BCRYPT_COST);

/**
 * BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the platform through a whole run;
 * BENCH_BASELINE_NODE_ARGS does the same for the baseline and the bare server.
 */
const nodeArgs = (variable) => (process.env[variable] ?? '').split(' ').filter(Boolean);
const platformNodeArgs = () => nodeArgs('BENCH_NODE_ARGS');
/** BENCH_PLATFORM_WRAP='valgrind --tool=callgrind ...' runs the platform under that command (bench/cost.js). */
const platformWrap = (env) => (env.BENCH_PLATFORM_WRAP ?? process.env.BENCH_PLATFORM_WRAP ?? '').split(' ').filter(Boolean);

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
  // A client that hangs up mid-message is re-emitted on the server; unheard, it would end the run.
  server.on('error', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${server.server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The platform as production runs it; `env` adds to or overrides its settings (a variant's; it may set BENCH_PLATFORM_WRAP). */
async function startPlatform(databaseUrl, dataDir, env = {}) {
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
      ...env,
    },
    '/api/v1/health/live',
    platformNodeArgs(),
    platformWrap(env),
  );
  return {
    ...platform,
    async stop() {
      await platform.stop();
      await smtp.close();
    },
  };
}

/** The floor: raw Fastify + pg doing the same SQL (and streaming files from `storageDir`); `env` adds to its settings. */
function startBaseline(databaseUrl, storageDir, env = {}) {
  return startServer(
    path.join(ROOT, 'bench/baseline/server.js'),
    { DATABASE_URL: databaseUrl, STORAGE_DIR: storageDir, ...env },
    '/live',
    nodeArgs('BENCH_BASELINE_NODE_ARGS'),
  );
}

/**
 * A local QQ Connect in a process of its own (bench/lib/fake-qq-connect.js), with a new app key;
 * `env` is what points the platform or the baseline at it.
 */
async function startFakeQqConnect() {
  const { randomBytes } = require('node:crypto');
  const app = { QQ_APP_ID: '101000042', QQ_APP_KEY: randomBytes(16).toString('hex'), QQ_REDIRECT_URI: 'http://127.0.0.1/qq-callback' };
  const server = await startServer(path.join(ROOT, 'bench/lib/fake-qq-connect.js'), app, '/live');
  return { ...server, env: { ...app, QQ_CONNECT_BASE: server.base } };
}

/**
 * A local OTLP/HTTP endpoint that takes every export and forgets it, so the tracing variant pays
 * for making and sending spans without a collector.
 */
async function startSpanSink() {
  const http = require('node:http');
  const server = http.createServer((request, response) => request.resume().on('end', () => response.writeHead(200).end('{}')));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/v1/traces`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The ceiling for file bytes: bare node:http piping fs.createReadStream, no framework, no database. */
function startBareStream(storageDir) {
  return startServer(
    path.join(ROOT, 'bench/baseline/bare-stream.js'),
    { STORAGE_DIR: storageDir },
    '/live',
    nodeArgs('BENCH_BASELINE_NODE_ARGS'),
  );
}

module.exports = { startPlatform, startBaseline, startBareStream, startFakeQqConnect, startSpanSink, freePort, BCRYPT_COST };
