// npm run bench [-- [--repeat N] scenario ...]: each scenario against the platform (production
// mode) and its baseline, in the same run, on a fresh database; with --repeat, every scenario N
// times over (one round after another), each ratio then reported as min / median / max. Prints
// the tables and writes bench/results/.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { SecretCipher } = require('../dist/core/crypto/secret-cipher');
const { freshDatabase } = require('./lib/database');
const { startBareStream, startBaseline, startPlatform } = require('./lib/processes');
const report = require('./lib/report');

/** Scenario file, what its baseline is, and the ratio it should reach. */
const SCENARIOS = {
  signed: { file: 'signed-request.js', baseline: 'Fastify + pg', target: 0.6 },
  'users-me': { file: 'users-me.js', baseline: 'Fastify + pg', target: 0.8 },
  checkin: { file: 'checkin.js', baseline: 'Fastify + pg', target: 0.5 },
  login: { file: 'login.js', baseline: 'bcrypt.compare/s', target: 0.9 },
  tutorials: { file: 'tutorials-hot.js', baseline: 'Fastify + pg', target: 0.6 },
  download: {
    file: 'download.js',
    baseline: 'Fastify + pg + file stream',
    target: 0.8,
    // A third side: the bytes alone, bare node:http piping fs.createReadStream.
    bare: { title: 'node:http + fs.createReadStream', target: 0.5 },
  },
  // Not a ratio to a baseline: the p99 during a login storm over the p99 alone, at most this.
  isolation: { file: 'isolation.js', target: 2 },
};

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** BENCH_REQUESTS=N: each closed-loop side measured over N requests instead of BENCH_DURATION seconds. */
const requests = process.env.BENCH_REQUESTS ? Number(process.env.BENCH_REQUESTS) : undefined;

/**
 * One measurement in its own process (bench/lib/drive.js); the job goes over stdin. Returns the
 * child and a promise of its result.
 */
function start(job) {
  const child = spawn(process.execPath, [path.join(__dirname, 'lib/drive.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ duration, connections, requests, ...job }));
  const result = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`drive exited ${code}`))));
  });
  return { child, result };
}

const drive = (scenarioFile, server, state, load) => start({ scenarioFile, target: server.base, serverPid: server.pid, state, load }).result;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Platform against its baseline: an HTTP server doing the same work, or a number the scenario
 * measures; and against the bare server too when the scenario has one.
 */
async function compare(file, scenario, spec, { db, cipher, storageDir, platform, baseline, bare }) {
  const state = await scenario.seed({ db, cipher, storageDir });
  process.stderr.write(`${scenario.title}: platform ...\n`);
  const platformResult = await drive(file, platform, state);
  process.stderr.write(`${scenario.title}: baseline ...\n`);
  const baselineResult = scenario.baselineMeasure
    ? await start({ scenarioFile: file, state, mode: 'measure' }).result
    : await drive(file, baseline, await scenario.seed({ db, cipher, storageDir }));
  let bareResult;
  if (spec.bare) {
    process.stderr.write(`${scenario.title}: bare server ...\n`);
    bareResult = await drive(file, bare, state, 'bare');
  }
  return {
    title: scenario.title,
    platform: platformResult,
    baseline: baselineResult,
    baselineTitle: spec.baseline,
    target: spec.target,
    ...(spec.bare ? { bare: bareResult, bareTitle: spec.bare.title, bareTarget: spec.bare.target } : {}),
    reportsThroughput: scenario.reportsThroughput,
  };
}

/** The scenario's paced load on the platform alone, then again while its background load runs in another process. */
async function isolation(file, scenario, spec, { db, cipher, platform }) {
  const state = await scenario.seed({ db, cipher });
  process.stderr.write(`${scenario.title}: alone ...\n`);
  const paced = () => start({ scenarioFile: file, target: platform.base, serverPid: platform.pid, state, mode: 'paced' }).result;
  const idle = await paced();
  process.stderr.write(`${scenario.title}: during the storm ...\n`);
  // Long enough to outlast the measurement (its warm-up included); stopped as soon as that ends.
  const storm = start({ scenarioFile: file, target: platform.base, state, mode: 'background', duration: duration + 30 });
  await sleep(2000);
  try {
    const loaded = await paced();
    storm.child.kill('SIGTERM');
    return { kind: 'isolation', title: scenario.title, idle, loaded, storm: await storm.result, target: spec.target };
  } catch (error) {
    storm.child.kill('SIGTERM');
    throw error;
  }
}

/** `--repeat N` (or `--repeat=N`) and the scenario names, from the command line. */
function parseArguments(args) {
  let repeat = 1;
  const names = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = args[i].split('=');
    if (flag === '--repeat') repeat = Number(value ?? args[++i]);
    else names.push(args[i]);
  }
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a whole number of rounds, at least 1');
  return { repeat, names: names.length ? names : Object.keys(SCENARIOS) };
}

async function main() {
  const { repeat, names: wanted } = parseArguments(process.argv.slice(2));
  for (const id of wanted) if (!SCENARIOS[id]) throw new Error(`unknown scenario ${id}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  process.env.APP_SECRET_KEY ??= randomBytes(32).toString('hex');
  const cipher = new SecretCipher(Buffer.from(process.env.APP_SECRET_KEY, 'hex'));
  const database = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-bench-'));
  const db = new Client({ connectionString: database.url });
  await db.connect();
  // The platform keeps files in DATA_DIR/storage; the baseline and the bare server stream from the same folder.
  const storageDir = path.join(dataDir, 'storage');
  const platform = await startPlatform(database.url, dataDir);
  const baseline = await startBaseline(database.url, storageDir);
  const bare = wanted.some((id) => SCENARIOS[id].bare) ? await startBareStream(storageDir) : undefined;
  /** One list of rows per round. */
  const rounds = [];
  try {
    for (let round = 1; round <= repeat; round++) {
      if (repeat > 1) process.stderr.write(`round ${round} of ${repeat}\n`);
      const rows = [];
      for (const id of wanted) {
        const spec = SCENARIOS[id];
        const file = path.join(__dirname, 'scenarios', spec.file);
        const scenario = require(file);
        const measure = scenario.kind === 'isolation' ? isolation : compare;
        rows.push(await measure(file, scenario, spec, { db, cipher, storageDir, platform, baseline, bare }));
      }
      rounds.push(rows);
    }
  } finally {
    await platform.stop();
    await baseline.stop();
    await bare?.stop();
    await db.end();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const { file, body } = report.write(rounds, {
    duration,
    connections,
    requests,
    repeat,
    database: database.where,
    scenarios: wanted,
    complete: Object.keys(SCENARIOS).every((id) => wanted.includes(id)),
  });
  process.stdout.write(`\n${body}\nwritten to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
