// node bench/cost.js <scenario> [requests] [connections] [rounds]: the server CPU one request
// costs, platform against the bare server where the scenario has one (else the platform alone):
// each round sends exactly `requests` requests and divides the CPU time the server process spent
// (user + system, all threads, from /proc) by them. A figure per request moves far less with the
// machine's other load than requests per second do; the minimum over the rounds is the least
// disturbed. COST_VARIANTS='a;b=SOME_ENV=1' starts one platform per variant (its environment
// after the first =) and measures them in turns, round after round, so an A/B comparison sees the
// same machine. COST_CALLGRIND=1 runs each platform under valgrind's callgrind instead and counts
// the instructions (every thread) per request: exact and blind to other load, but each request
// then takes some 50 times longer (start-up too: minutes). Needs the build (npm run build) and
// DATABASE_URL or the embedded PostgreSQL; COST_CALLGRIND needs valgrind (callgrind and vgdb).
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { SecretCipher } = require('../dist/core/crypto/secret-cipher');
const { freshDatabase } = require('./lib/database');
const { startBareStream, startPlatform } = require('./lib/processes');

const FILES = {
  download: 'download.js',
  signed: 'signed-request.js',
  'users-me': 'users-me.js',
  'legacy-info': 'legacy-info.js',
  login: 'login.js',
  'open-login': 'open-login.js',
  tutorials: 'tutorials-hot.js',
};

function drive(job) {
  const child = spawn(process.execPath, [path.join(__dirname, 'lib/drive.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify({ duration: 3, ...job }));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`drive exited ${code}`))));
  });
}

/** `name=VAR=value,VAR2=value` into a name and its environment. */
function variant(text) {
  const [name, ...rest] = text.split('=');
  const env = {};
  for (const pair of rest.join('=').split(',').filter(Boolean)) {
    const [key, ...value] = pair.split('=');
    env[key] = value.join('=');
  }
  return { name, env };
}

const CALLGRIND = process.env.COST_CALLGRIND === '1';

/** Zeroes callgrind's counters in the running process `pid` (vgdb talks to valgrind's gdbserver). */
const zeroCounters = (pid) => execFileSync('vgdb', [`--pid=${pid}`, 'zero'], { stdio: 'ignore' });

/** The instructions callgrind counted in `pid` since its counters were last zeroed (dumped to a new file). */
function instructionsSinceZero(pid, outFile) {
  execFileSync('vgdb', [`--pid=${pid}`, 'dump'], { stdio: 'ignore' });
  const dir = path.dirname(outFile);
  const [latest] = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${path.basename(outFile)}.`))
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return Number(/^summary: (\d+)/m.exec(fs.readFileSync(latest, 'utf8'))[1]);
}

const perRequest = (result) => (1000 * result.cpu.server) / result.requests;
const userPerRequest = (result) => (1000 * result.cpu.serverUser) / result.requests;
const sorted = (values) => [...values].sort((a, b) => a - b);

async function main() {
  const [id = 'download', requests = 1000, connections = 4, rounds = 3] = process.argv.slice(2).map((a, i) => (i === 0 ? a : Number(a)));
  if (!FILES[id]) throw new Error(`unknown scenario ${id}; known: ${Object.keys(FILES).join(', ')}`);
  process.env.APP_SECRET_KEY ??= randomBytes(32).toString('hex');
  const scenarioFile = path.join(__dirname, 'scenarios', FILES[id]);
  const scenario = require(scenarioFile);
  const database = await freshDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-cost-'));
  const storageDir = path.join(dataDir, 'storage');
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const variants = (process.env.COST_VARIANTS ?? 'platform').split(';').map(variant);
  const servers = [];
  const profiles = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-callgrind-'));
  try {
    // Started side by side (under valgrind each takes minutes).
    const started = await Promise.all(
      variants.map(async ({ name, env }) => {
        const outFile = path.join(profiles, `callgrind.${name}`);
        const wrap = CALLGRIND ? { BENCH_PLATFORM_WRAP: `valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=${outFile}` } : {};
        return { name, server: await startPlatform(database.url, dataDir, { ...env, ...wrap }), load: 'load', outFile };
      }),
    );
    servers.push(...started);
    if (scenario.bare && !CALLGRIND) servers.push({ name: 'bare', server: await startBareStream(storageDir), load: 'bare' });
    const state = await scenario.seed({ db, cipher: new SecretCipher(Buffer.from(process.env.APP_SECRET_KEY, 'hex')), storageDir });
    const figures = new Map(servers.map(({ name }) => [name, []]));
    const user = new Map(servers.map(({ name }) => [name, []]));
    for (let round = 1; round <= rounds; round++) {
      const line = [];
      for (const { name, server, load, outFile } of servers) {
        if (CALLGRIND) {
          // Warm up (JIT), zero the counters, then count exactly `requests` requests.
          await drive({ scenarioFile, target: server.base, state, connections, requests: Math.ceil(requests / 4), load, warm: false });
          zeroCounters(server.pid);
          await drive({ scenarioFile, target: server.base, state, connections, requests, load, warm: false });
          const perRequestInstructions = instructionsSinceZero(server.pid, outFile) / requests;
          figures.get(name).push(perRequestInstructions);
          user.get(name).push(perRequestInstructions);
          line.push(`${name} ${(perRequestInstructions / 1e6).toFixed(3)} M instructions/req`);
          continue;
        }
        const result = await drive({ scenarioFile, target: server.base, serverPid: server.pid, state, connections, requests, load });
        figures.get(name).push(perRequest(result));
        user.get(name).push(userPerRequest(result));
        const mainThread = (1000 * result.cpu.serverMainThread) / result.requests;
        const machine = (1000 * result.cpu.machine) / result.requests;
        line.push(
          `${name} ${perRequest(result).toFixed(3)} ms/req, user ${userPerRequest(result).toFixed(3)}, event loop thread ${mainThread.toFixed(3)}, whole machine ${machine.toFixed(3)} (${result.errors} errors)`,
        );
      }
      process.stdout.write(`round ${round}: ${line.join(', ')}\n`);
    }
    for (const [name, values] of figures) {
      const s = sorted(values);
      const u = sorted(user.get(name));
      const mid = (list) => list[Math.floor(list.length / 2)].toFixed(3);
      if (CALLGRIND) {
        process.stdout.write(`${name}: instructions per request over ${requests} requests: min ${(s[0] / 1e6).toFixed(3)} M, median ${(Number(mid(s)) / 1e6).toFixed(3)} M\n`);
        continue;
      }
      process.stdout.write(
        `${name}: CPU ms per request over ${requests} requests: min ${s[0].toFixed(3)}, median ${mid(s)}; user time alone: min ${u[0].toFixed(3)}, median ${mid(u)}\n`,
      );
    }
  } finally {
    for (const { server } of servers) await server.stop();
    if (CALLGRIND) process.stdout.write(`callgrind dumps (callgrind_annotate <file>): ${profiles}\n`);
    else fs.rmSync(profiles, { recursive: true, force: true });
    await db.end();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
