// The side-by-side table, written to bench/results/<date>.md and into the README.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const fixed = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const megabytes = (result) => fixed(result.bytesPerSecond / 1e6, 1);

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function table(rows) {
  const lines = [
    '| scenario | platform req/s | p50 ms | p99 ms | errors | baseline | req/s | p50 ms | p99 ms | errors | ratio | target |',
    '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows.filter((r) => r.kind !== 'isolation')) {
    const ratio = row.platform.requestsPerSecond / row.baseline.requestsPerSecond;
    lines.push(
      `| ${row.title} | ${fixed(row.platform.requestsPerSecond)} | ${fixed(row.platform.p50)} | ${fixed(row.platform.p99)} | ` +
        `${row.platform.errors} | ${row.baselineTitle} | ${fixed(row.baseline.requestsPerSecond)} | ${fixed(row.baseline.p50)} | ` +
        `${fixed(row.baseline.p99)} | ${row.baseline.errors} | ${fixed(ratio, 2)}x | ${row.target ? `${row.target}x` : '-'} |`,
    );
  }
  return lines.join('\n');
}

/** Latency isolation: the same load alone and next to a storm; the ratio is of the two p99s. */
function isolationTable(rows) {
  const lines = [
    '| check | alone req/s | p50 ms | p99 ms | errors | during storm req/s | p50 ms | p99 ms | errors | storm req/s | storm errors | p99 ratio | target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ratio = row.loaded.p99 / row.idle.p99;
    lines.push(
      `| ${row.title} | ${fixed(row.idle.requestsPerSecond)} | ${fixed(row.idle.p50, 1)} | ${fixed(row.idle.p99, 1)} | ${row.idle.errors} | ` +
        `${fixed(row.loaded.requestsPerSecond)} | ${fixed(row.loaded.p50, 1)} | ${fixed(row.loaded.p99, 1)} | ${row.loaded.errors} | ` +
        `${fixed(row.storm.requestsPerSecond, 1)} | ${row.storm.errors} | ${fixed(ratio, 2)}x | <= ${row.target}x |`,
    );
  }
  return lines.join('\n');
}

/** A full run updates bench/results/<date>.md and the README; a partial one only its own file. */
function write(rows, settings) {
  const isolated = rows.filter((row) => row.kind === 'isolation');
  const date = new Date().toISOString().slice(0, 10);
  const body = [
    `Measured ${new Date().toISOString()} on ${machine()}.`,
    `Each side ${settings.duration} s with ${settings.connections} connections, one after the other, against ${settings.database}.`,
    '',
    table(rows),
    '',
    ...rows.filter((row) => row.baseline?.note).map((row) => `${row.title}: the baseline is ${row.baseline.note}.\n`),
    ...rows
      .filter((row) => row.cost)
      .map(
        ({ cost }) =>
          `${cost.title}: ${fixed(cost.serverCpuMs, 3)} ms of server CPU, ${fixed(cost.databaseCpuMs, 3)} ms of PostgreSQL CPU and ` +
          `${fixed(cost.transactions, 2)} transactions per request (over ${cost.requests} requests after a first unmeasured run; CPU from /proc, ` +
          `transactions from pg_stat_database less the idle rate measured before).\n`,
      ),
    ...rows
      .filter((row) => row.reportsThroughput)
      .map((row) => `${row.title}: platform ${megabytes(row.platform)} MB/s, baseline ${megabytes(row.baseline)} MB/s (headers and bodies).\n`),
    ...(isolated.length
      ? [
          'Latency isolation: requests sent at a steady rate (open loop, latency from when each was due), first alone, ' +
            "then while another process hammers POST /auth/login with the run's connections.",
          '',
          isolationTable(isolated),
          '',
        ]
      : []),
  ].join('\n');
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  const name = settings.complete ? date : `${date}-${settings.scenarios.join('-')}`;
  const file = path.join(ROOT, 'bench/results', `${name}.md`);
  fs.writeFileSync(file, `# Benchmark ${date}\n\n${body}`);

  const readmePath = path.join(ROOT, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (settings.complete && marked.test(readme)) {
    fs.writeFileSync(readmePath, readme.replace(marked, `<!-- bench:start -->\n${body}<!-- bench:end -->`));
  }
  return { file, body };
}

module.exports = { write, table, isolationTable };
