// The tables, written to bench/results/<date>.md and (after a full run) into the README: the
// ratios over every round as min / median / max, then each round's own figures.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { median } = require('./stats');

const ROOT = path.resolve(__dirname, '../..');
const fixed = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const megabytes = (result) => fixed(result.bytesPerSecond / 1e6, 0);
/** Server CPU milliseconds per request (or per compare): the figure the machine's other load moves least. */
const cpuPerRequest = (result) => (result.cpu?.server === undefined ? NaN : (1000 * result.cpu.server) / result.requests);

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * The ratios one row claims: the platform over each other side (higher is better, at least the
 * target), or for isolation the p99 during the storm over the p99 alone (at most the target).
 */
function claims(row) {
  if (row.kind === 'isolation') {
    return [
      {
        key: row.title,
        against: 'itself alone',
        value: row.loaded.p99 / row.idle.p99,
        target: row.target,
        atMost: true,
        platform: row.loaded,
        other: row.idle,
      },
    ];
  }
  const sides = [{ title: row.baselineTitle, result: row.baseline, target: row.target }];
  if (row.bare) sides.push({ title: row.bareTitle, result: row.bare, target: row.bareTarget });
  return sides.map((side) => ({
    key: `${row.title} / ${side.title}`,
    title: row.title,
    against: side.title,
    value: row.platform.requestsPerSecond / side.result.requestsPerSecond,
    target: side.target,
    atMost: false,
    platform: row.platform,
    other: side.result,
  }));
}

/** A claim with no target (workers: reported whatever the ratio) meets nothing and misses nothing. */
const targetOf = (claim) => (claim.target === undefined ? 'none' : `${claim.atMost ? '<= ' : ''}${claim.target}x`);
const metIn = (list) =>
  list[0].target === undefined ? 'n/a' : list.every(meets) ? 'yes' : `no (${list.filter(meets).length} of ${list.length})`;

const meets = (claim) => (claim.atMost ? claim.value <= claim.target : claim.value >= claim.target);

/** One line per claim: its ratio over the rounds (min / median / max), and the medians behind it. */
function rangeTable(rounds) {
  const lines = [
    '| scenario | against | rounds | ratio min | median | max | target | met in every round | platform req/s | other req/s | platform CPU ms/req | other CPU ms/req |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  const byKey = new Map();
  for (const rows of rounds)
    for (const row of rows) for (const claim of claims(row)) byKey.set(claim.key, [...(byKey.get(claim.key) ?? []), claim]);
  for (const list of byKey.values()) {
    const [first] = list;
    const values = list.map((c) => c.value).sort((a, b) => a - b);
    const mid = (pick) => median(list.map(pick).sort((a, b) => a - b));
    const isolation = first.atMost;
    lines.push(
      `| ${first.title ?? first.key} | ${first.against} | ${list.length} | ${fixed(values[0], 2)}x | ${fixed(median(values), 2)}x | ` +
        `${fixed(values[values.length - 1], 2)}x | ${targetOf(first)} | ${metIn(list)} | ` +
        `${
          isolation
            ? `p99 ${fixed(
                mid((c) => c.platform.p99),
                1,
              )} ms`
            : fixed(mid((c) => c.platform.requestsPerSecond))
        } | ` +
        `${
          isolation
            ? `p99 ${fixed(
                mid((c) => c.other.p99),
                1,
              )} ms`
            : fixed(mid((c) => c.other.requestsPerSecond))
        } | ` +
        `${fixed(
          mid((c) => cpuPerRequest(c.platform)),
          2,
        )} | ${fixed(
          mid((c) => cpuPerRequest(c.other)),
          2,
        )} |`,
    );
  }
  return lines.join('\n');
}

function table(rows) {
  const lines = [
    '| scenario | platform req/s | p50 ms | p99 ms | errors | CPU ms/req | baseline | req/s | p50 ms | p99 ms | errors | CPU ms/req | ratio | target |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows.filter((r) => r.kind !== 'isolation')) {
    const ratio = row.platform.requestsPerSecond / row.baseline.requestsPerSecond;
    lines.push(
      `| ${row.title} | ${fixed(row.platform.requestsPerSecond)} | ${fixed(row.platform.p50)} | ${fixed(row.platform.p99)} | ` +
        `${row.platform.errors} | ${fixed(cpuPerRequest(row.platform), 2)} | ${row.baselineTitle} | ${fixed(row.baseline.requestsPerSecond)} | ` +
        `${fixed(row.baseline.p50)} | ${fixed(row.baseline.p99)} | ${row.baseline.errors} | ${fixed(cpuPerRequest(row.baseline), 2)} | ` +
        `${fixed(ratio, 2)}x | ${row.target ? `${row.target}x` : '-'} |`,
    );
  }
  return lines.join('\n');
}

/** A throughput scenario side by side: bytes per second and the CPU each process spent. */
function throughputTable(row) {
  const lines = [
    `| ${row.title} | req/s | MB/s | p50 ms | p99 ms | errors | server CPU s | CPU ms/req | driver CPU s |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const sides = [['platform', row.platform], [row.baselineTitle, row.baseline], ...(row.bare ? [[row.bareTitle, row.bare]] : [])];
  for (const [title, result] of sides) {
    lines.push(
      `| ${title} | ${fixed(result.requestsPerSecond)} | ${megabytes(result)} | ${fixed(result.p50)} | ${fixed(result.p99)} | ${result.errors} | ` +
        `${fixed(result.cpu?.server, 1)} | ${fixed(cpuPerRequest(result), 2)} | ${fixed(result.cpu?.driver, 1)} |`,
    );
  }
  return lines.join('\n');
}

/** Latency isolation: the same load alone and next to a storm; the ratio is of the two p99s. */
function isolationTable(rows) {
  const lines = [
    '| check | alone req/s | p50 ms | p99 ms | errors | loop wait ms | during storm req/s | p50 ms | p99 ms | errors | loop wait ms | storm logins/s | storm errors | p99 ratio | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ratio = row.loaded.p99 / row.idle.p99;
    lines.push(
      `| ${row.title} | ${fixed(row.idle.requestsPerSecond)} | ${fixed(row.idle.p50, 1)} | ${fixed(row.idle.p99, 1)} | ${row.idle.errors} | ` +
        `${fixed(row.idle.loopWaitMs, 2)} | ${fixed(row.loaded.requestsPerSecond)} | ${fixed(row.loaded.p50, 1)} | ${fixed(row.loaded.p99, 1)} | ` +
        `${row.loaded.errors} | ${fixed(row.loaded.loopWaitMs, 2)} | ` +
        `${fixed(row.storm.requestsPerSecond, 1)} | ${row.storm.errors} | ${fixed(ratio, 2)}x | <= ${row.target}x |`,
    );
  }
  return lines.join('\n');
}

/** One round's own figures. */
function roundBody(rows) {
  const isolated = rows.filter((row) => row.kind === 'isolation');
  const compared = rows.filter((row) => row.kind !== 'isolation');
  return [
    ...(compared.length ? [table(compared), ''] : []),
    ...rows.filter((row) => row.baseline?.note).map((row) => `${row.title}: the baseline is ${row.baseline.note}.\n`),
    ...rows
      .filter((row) => row.cost)
      .map(
        ({ cost }) =>
          `${cost.title}: ${fixed(cost.serverCpuMs, 3)} ms of server CPU, ${fixed(cost.databaseCpuMs, 3)} ms of PostgreSQL CPU and ` +
          `${fixed(cost.transactions, 2)} transactions per request (over ${cost.requests} requests after a first unmeasured run; CPU from /proc, ` +
          `transactions from pg_stat_database less the idle rate measured before).\n`,
      ),
    ...rows.filter((row) => row.reportsThroughput).flatMap((row) => [throughputTable(row), '']),
    ...(isolated.length ? [isolationTable(isolated), ''] : []),
  ].join('\n');
}

/** A full run updates bench/results/<date>.md and the README; a partial one only its own file. */
function write(rounds, settings) {
  const date = new Date().toISOString().slice(0, 10);
  const size = settings.requests ? `${settings.requests} requests` : `${settings.duration} s`;
  const summary = [
    `Measured ${new Date().toISOString()} on ${machine()}.`,
    `Each side ${size} with ${settings.connections} connections, ` +
      (settings.slices > 1 ? `in ${settings.slices} slices taking turns with the other side's, ` : 'one after the other, ') +
      `against ${settings.database}; ` +
      `${settings.repeat} round${settings.repeat > 1 ? 's' : ''}, each ratio as min / median / max over them.`,
    'CPU ms/req: CPU time (user + system, every thread) the server process and its children (the password hashing process) spent per answered request while it was measured.',
    // BENCH_NOTE: what a reader must know about the machine (e.g. that other jobs were loading it).
    ...(process.env.BENCH_NOTE ? [`Note: ${process.env.BENCH_NOTE}`] : []),
    '',
    rangeTable(rounds),
    '',
  ].join('\n');
  const details = rounds.map((rows, i) => `### Round ${i + 1}\n\n${roundBody(rows)}`).join('\n');
  const body = `${summary}\n${details}`;
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const name = settings.complete ? date : `${date}-${settings.scenarios.join('-')}`;
  const file = path.join(ROOT, 'bench/results', `${name}.md`);
  fs.writeFileSync(file, `# Benchmark ${date}\n\n${body}`);

  const readmePath = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (settings.complete && marked.test(readme)) {
    fs.writeFileSync(
      readmePath,
      readme.replace(marked, `<!-- bench:start -->\n${summary}\nEach round's figures: bench/results/${name}.md.\n<!-- bench:end -->`),
    );
  }
  return { file, body };
}

module.exports = { write, table, isolationTable };
