// npm run bench [-- scenario ...]: each scenario against the platform (production mode) and its
// baseline, in the same run, on a fresh database; prints one table and writes bench/results/.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { SecretCipher } = require('../dist/core/crypto/secret-cipher');
const { freshDatabase } = require('./lib/database');
const { startBaseline, startPlatform } = require('./lib/processes');
const report = require('./lib/report');

/** Scenario file, what its baseline is, and the ratio it should reach. */
const SCENARIOS = {
  signed: { file: 'signed-request.js', baseline: 'Fastify + pg', target: 0.6 },
};

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

function drive(scenarioFile, target, state) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'lib/drive.js'), JSON.stringify({ scenarioFile, target, state, duration, connections })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`drive exited ${code}`))));
  });
}

async function main() {
  const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS);
  process.env.APP_SECRET_KEY ??= randomBytes(32).toString('hex');
  const cipher = new SecretCipher(Buffer.from(process.env.APP_SECRET_KEY, 'hex'));
  const database = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-bench-'));
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const platform = await startPlatform(database.url, dataDir);
  const baseline = await startBaseline(database.url);
  const rows = [];
  try {
    for (const id of wanted) {
      const spec = SCENARIOS[id];
      if (!spec) throw new Error(`unknown scenario ${id}; known: ${Object.keys(SCENARIOS).join(', ')}`);
      const file = path.join(__dirname, 'scenarios', spec.file);
      const scenario = require(file);
      const state = await scenario.seed({ db, cipher });
      process.stderr.write(`${scenario.title}: platform ...\n`);
      const platformResult = await drive(file, platform.base, state);
      process.stderr.write(`${scenario.title}: baseline ...\n`);
      const baselineResult = await drive(file, baseline.base, await scenario.seed({ db, cipher }));
      rows.push({ title: scenario.title, platform: platformResult, baseline: baselineResult, baselineTitle: spec.baseline, target: spec.target });
    }
  } finally {
    await platform.stop();
    await baseline.stop();
    await db.end();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const { file, body } = report.write(rows, { duration, connections, database: database.where });
  process.stdout.write(`\n${body}\nwritten to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
