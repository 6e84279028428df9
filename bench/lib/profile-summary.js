// node bench/lib/profile-summary.js <file.cpuprofile> [top] [skip]: where a `node --cpu-prof` profile
// spent its time: the top functions by self time, self time by package (or src file), and the
// inclusive time of the platform's own functions (dist/); `skip` leaves out the samples taken
// in the first that many seconds of the profile (start-up). Profile the platform with
//   BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' node bench/run.js <scenario>
const fs = require('node:fs');

const [file, topArg, skipArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/lib/profile-summary.js <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

// Self time: each sample's node, weighted by the time until the next sample.
const self = new Map();
const skipUs = Number(skipArg ?? 0) * 1e6;
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  at += profile.timeDeltas[i] ?? 0;
  if (at < skipUs) continue;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(frame) {
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(dist|src|bench)\/(.*)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url || `(${frame.functionName || 'native'})`;
}
const label = (frame) => `${frame.functionName || '(anonymous)'} ${where(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
const idle = [...self].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
const busy = total - idle;
/** Shares of the busy (not idle) time: the profile also covers start-up and the idle baseline run. */
const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;

function print(title, map) {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map.entries()].filter(([key]) => !key.includes('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${ms(us)} ${pct(us)}  ${key}\n`);
  }
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, us] of self) {
  const frame = byId.get(id).callFrame;
  byFunction.set(label(frame), (byFunction.get(label(frame)) ?? 0) + us);
  byPlace.set(where(frame), (byPlace.get(where(frame)) ?? 0) + us);
}

// Inclusive time: a sample counts once for each distinct key on its stack.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
function inclusiveBy(keyOf) {
  const sums = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf(byId.get(at).callFrame);
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      sums.set(key, (sums.get(key) ?? 0) + us);
    }
  }
  return sums;
}
const own = (frame) => /\/dist\//.test(frame.url) && !/node_modules/.test(frame.url);
const inclusive = inclusiveBy((frame) => (own(frame) ? label(frame) : undefined));
const inclusivePackages = inclusiveBy((frame) => (frame.url ? where(frame) : undefined));

process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled${skipUs ? ` after the first ${skipArg} s` : ''}, ${(busy / 1e6).toFixed(1)} s busy; shares are of the busy time\n`);
print('self time by function', byFunction);
print('self time by package / file', byPlace);
print('inclusive time by package / file', inclusivePackages);
print('inclusive time of the platform own functions (dist/)', inclusive);
