// Runs one measurement in its own process (so the load generator does not share an event loop
// with what it measures) and prints the result as one JSON line. The job comes on stdin as JSON
// (a scenario's state can be far larger than one command-line argument may be):
//   mode 'http' (default): closed loop with the scenario's `load(state, target)` (or the function
//     the job's `load` names, e.g. `bare`), after a warm-up:
//     autocannon, or, for a scenario with `driver: 'node'`, keep-alive node:http clients that
//     discard the bodies (autocannon parses every byte and tops out near 80 MB/s) and, when the
//     time is up, wait for and count the answers to what they had sent (autocannon drops them);
//   mode 'background': autocannon with the scenario's `background(state, target)` and no warm-up,
//     until `duration` is over or SIGTERM arrives (load running next to another measurement);
//   mode 'paced': the scenario's `paced(state, target)` requests at a steady rate, each sent on
//     schedule whatever the earlier ones are doing (open loop), after a warm-up; their latency;
//   mode 'measure': the scenario's `baselineMeasure(state, { duration })`, a baseline that is a
//     measured number rather than an HTTP server (e.g. bcrypt compares per second).
// With `requests` set the measured run is that many requests instead of `duration` seconds. With
// `warm: false` there is no warm-up (an earlier slice of the same side warmed the server); with
// `keepLatencies` the result carries every latency, for bench/run.js to pool the slices'.
// Every result carries the CPU seconds of the measured window: the server's (`serverPid` and its
// children, such as the platform's password hashing process, read from /proc) and this process's
// own. CPU per request hardly moves with the machine's other load, where requests per second do.
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const autocannon = require('autocannon');
const { spentTimes, times, treeTimes } = require('./cpu');
const { quantile } = require('./stats');

function readStdin() {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

/** CPU seconds (user and system) one thread has used so far (the main thread's id is the process id); undefined off Linux. */
function threadCpu(pid, thread) {
  const found = times(pid, thread);
  return found && { user: found[1], system: found[2] };
}

/**
 * The scheduler's account of a thread (/proc/<pid>/task/<tid>/schedstat): nanoseconds run,
 * nanoseconds spent runnable but waiting for a core, and how many times it was given one.
 */
function threadSchedule(pid, thread) {
  try {
    const [run, wait, slices] = fs.readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { run, wait, slices };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user and system) process `pid` and its children (the platform's password hashing
 * process) have used so far, each by pid; undefined off Linux.
 */
function serverCpu(pid) {
  try {
    return treeTimes(pid);
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine, every core (server, PostgreSQL, this driver, the kernel). */
const machineCpuSeconds = () => os.cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0) / 1000;

const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Runs `measure` and adds the CPU seconds the server and this process spent meanwhile. The
 * server's user time is its own work; its system time also holds much of the loopback TCP
 * traffic, which the kernel charges to whichever side happens to send.
 */
async function withCpu(serverPid, measure) {
  const server = serverPid ? serverCpu(serverPid) : undefined;
  const main = serverPid ? threadCpu(serverPid, serverPid) : undefined;
  const loop = serverPid ? threadSchedule(serverPid, serverPid) : undefined;
  const own = ownCpuSeconds();
  const machine = machineCpuSeconds();
  const result = await measure();
  const machineAfter = machineCpuSeconds();
  const after = serverPid ? serverCpu(serverPid) : undefined;
  const mainAfter = serverPid ? threadCpu(serverPid, serverPid) : undefined;
  const loopAfter = serverPid ? threadSchedule(serverPid, serverPid) : undefined;
  const slices = loop && loopAfter ? loopAfter.slices - loop.slices : 0;
  const spent = server && after ? spentTimes(server, after) : undefined;
  return {
    ...result,
    cpu: {
      server: spent && spent.user + spent.system,
      serverUser: spent?.user,
      serverSystem: spent?.system,
      // The event loop's own share (the rest: libuv's pool, GC helpers, the password hashing process).
      serverMainThread: main && mainAfter ? mainAfter.user + mainAfter.system - main.user - main.system : undefined,
      driver: ownCpuSeconds() - own,
      machine: machineAfter - machine,
    },
    // How long the event loop, once it had work, waited for a core (each time it was given one, on average).
    loopWaitMs: slices > 0 ? (loopAfter.wait - loop.wait) / 1e6 / slices : undefined,
  };
}

/** Requests per second count successful (2xx) answers only: a refusal (e.g. 1075) is no throughput. */
function summary(result) {
  return {
    requestsPerSecond: result['2xx'] / result.duration,
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

/**
 * Closed loop on node:http: `connections` keep-alive clients, each sending its next request as
 * soon as the last answer's body is read and discarded; for `seconds`, or until `amount` answers.
 * Takes the same requests as autocannon (`setupRequest` fills each one in). Counts body bytes.
 */
async function nodeLoop(load, { seconds, amount, connections, keepLatencies }) {
  const url = new URL(load.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const [template] = load.requests;
  const latencies = [];
  let bytes = 0;
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const more = () => (amount ? sent < amount : performance.now() < end);
  const one = () =>
    new Promise((resolve) => {
      const { method, path, headers, body } = template.setupRequest ? template.setupRequest({ ...template }) : template;
      const began = performance.now();
      const request = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (response) => {
        response.on('data', (chunk) => (bytes += chunk.length));
        response.on('end', () => {
          latencies.push(performance.now() - began);
          if (response.statusCode < 200 || response.statusCode >= 300) non2xx += 1;
          resolve();
        });
        response.on('error', () => resolve((errors += 1)));
      });
      request.on('error', () => resolve((errors += 1)));
      request.end(body);
    });
  const client = async () => {
    while (more()) {
      sent += 1;
      await one();
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: (latencies.length - non2xx) / elapsed,
    requests: latencies.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors: errors + non2xx,
    non2xx,
    bytesPerSecond: bytes / elapsed,
    ...(keepLatencies ? { latencies } : {}),
  };
}

async function closedLoop(
  scenario,
  { target, state, duration, connections, requests, serverPid, load: which = 'load', warm = true, keepLatencies },
  // One load for both runs (and every slice of a session), so a rotation (e.g. over users yet to check in) carries on past the warm-up.
  load = scenario[which](state, target),
) {
  const warmUp = Math.min(3, duration);
  // Warm up first (JIT, pools, caches) so both sides are measured in their steady state (`warm: false`: the caller did).
  if (scenario.driver === 'node') {
    if (warm) await nodeLoop(load, { seconds: warmUp, amount: requests && Math.ceil(requests / 5), connections });
    return withCpu(serverPid, () => nodeLoop(load, { seconds: duration, amount: requests, connections, keepLatencies }));
  }
  const settings = options(load, { duration, connections });
  let warmed;
  if (warm) {
    warmed = await autocannon({ ...settings, duration: warmUp, ...(requests ? { amount: Math.ceil(requests / 5) } : {}) });
    // autocannon drops the requests in flight when it stops, but the server still works them off
    // (a queued login is still hashed): give it their latency to finish, up to 10 s, so that
    // leftover work does not count against the measured run.
    await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, warmed.latency.p99 || 0)));
  }
  const measured = await withCpu(serverPid, async () =>
    summary(await autocannon({ ...settings, ...(requests ? { amount: requests } : {}) })),
  );
  // The same for what this run left in flight, so the next measurement (another side's slice) starts on an idle server.
  await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, measured.p99 || 0)));
  // The warm-up's requests too, for a caller whose readings span it (bench/run.js, costed).
  return { ...measured, warmUpRequests: warmed?.requests.total ?? 0 };
}

/**
 * Open loop: one request every 1/rate s, on time however slow the answers are (autocannon's own
 * rate limit sends each connection's quota in a burst at the top of every second instead).
 * Latency is from when a request was due to when its answer was read.
 */
async function paced(scenario, { target, state, duration, serverPid, warm = true, keepLatencies }, pacing = scenario.paced(state, target)) {
  const { rate, next } = pacing;
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
    const figures = {
      requestsPerSecond: latencies.length / elapsed,
      requests: latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      errors,
    };
    return keepLatencies ? { ...figures, latencies } : figures;
  };
  if (warm) await run(Math.min(3, duration));
  const result = await withCpu(serverPid, () => run(duration));
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

/**
 * A session: one side's driver kept for all its slices (bench/run.js sends each slice's settings
 * over IPC and gets its result back; 'end' ends it). The load is made once, so a rotation over
 * single-use things (QQ states, credentials, first check-ins) carries on from slice to slice.
 */
function serveSlices(scenario, job) {
  const mode = job.mode ?? 'http';
  if (mode !== 'http' && mode !== 'paced') throw new Error(`a session runs closed-loop or paced slices, not ${mode}`);
  const load = mode === 'http' ? scenario[job.load ?? 'load'](job.state, job.target) : scenario.paced(job.state, job.target);
  process.on('message', async (slice) => {
    if (slice === 'end') process.exit(0);
    const sliceJob = { ...job, ...slice };
    process.send(mode === 'http' ? await closedLoop(scenario, sliceJob, load) : await paced(scenario, sliceJob, load));
  });
}

async function main() {
  const job = JSON.parse(await readStdin());
  const scenario = require(job.scenarioFile);
  if (job.session) return serveSlices(scenario, job);
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
