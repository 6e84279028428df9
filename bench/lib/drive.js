// Runs one measurement in its own process (so the load generator does not share an event loop
// with what it measures) and prints the result as one JSON line. The job comes on stdin as JSON
// (a scenario's state can be far larger than one command-line argument may be):
//   mode 'http' (default): autocannon with the scenario's `load(state, target)`, after a warm-up;
//   mode 'background': autocannon with the scenario's `background(state, target)` and no warm-up,
//     until `duration` is over or SIGTERM arrives (load running next to another measurement);
//   mode 'paced': the scenario's `paced(state, target)` requests at a steady rate, each sent on
//     schedule whatever the earlier ones are doing (open loop), after a warm-up; their latency;
//   mode 'measure': the scenario's `baselineMeasure(state, { duration })`, a baseline that is a
//     measured number rather than an HTTP server (e.g. bcrypt compares per second).
const http = require('node:http');
const autocannon = require('autocannon');

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

function readStdin() {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

function summary(result) {
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
    bytesPerSecond: result.throughput.average,
  };
}

/** The scenario's autocannon options over the run's defaults (a scenario may pin connections or a rate). */
function options(load, { duration, connections }) {
  const { url, requests, ...rest } = load;
  return { url, requests, duration, connections, pipelining: 1, ...rest };
}

async function closedLoop(scenario, { target, state, duration, connections }) {
  // One load for both runs, so a rotation (e.g. over users yet to check in) carries on past the warm-up.
  const load = options(scenario.load(state, target), { duration, connections });
  // Warm up first (JIT, pools, caches) so both sides are measured in their steady state.
  const warmUp = await autocannon({ ...load, duration: Math.min(3, duration) });
  return { ...summary(await autocannon(load)), warmUpRequests: warmUp.requests.total };
}

/**
 * Open loop: one request every 1/rate s, on time however slow the answers are (autocannon's own
 * rate limit sends each connection's quota in a burst at the top of every second instead).
 * Latency is from when a request was due to when its answer was read.
 */
async function paced(scenario, { target, state, duration }) {
  const { rate, next } = scenario.paced(state, target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(target);
  const send = () =>
    new Promise((resolve) => {
      const { method, path, headers } = next();
      const request = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode >= 200 && response.statusCode < 300));
      });
      request.on('error', () => resolve(false));
      request.end();
    });
  const run = async (seconds) => {
    const latencies = [];
    let errors = 0;
    const inFlight = [];
    const start = performance.now();
    for (let i = 0; i < seconds * rate; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        send().then((ok) => {
          latencies.push(performance.now() - due);
          if (!ok) errors += 1;
        }),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return { requestsPerSecond: latencies.length / elapsed, requests: latencies.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), errors };
  };
  await run(Math.min(3, duration));
  const result = await run(duration);
  agent.destroy();
  return result;
}

function background(scenario, { target, state, duration, connections }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options(scenario.background(state, target), { duration, connections }), (error, result) =>
      error ? reject(error) : resolve(summary(result)),
    );
    process.once('SIGTERM', () => instance.stop());
  });
}

async function main() {
  const job = JSON.parse(await readStdin());
  const scenario = require(job.scenarioFile);
  const mode = job.mode ?? 'http';
  let result;
  if (mode === 'http') result = await closedLoop(scenario, job);
  else if (mode === 'paced') result = await paced(scenario, job);
  else if (mode === 'background') result = await background(scenario, job);
  else if (mode === 'measure') result = await scenario.baselineMeasure(job.state, { duration: job.duration });
  else throw new Error(`unknown mode ${mode}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
