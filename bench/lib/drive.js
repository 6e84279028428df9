// Runs autocannon in its own process (so the load generator does not share an event loop with
// what it measures) and prints the result as one JSON line.
const autocannon = require('autocannon');

async function main() {
  const { scenarioFile, target, state, duration, connections } = JSON.parse(process.argv[2]);
  const scenario = require(scenarioFile);
  const { requests, url } = scenario.load(state, target);
  // Warm up first (JIT, pools, caches) so both sides are measured in their steady state.
  await autocannon({ url, requests, duration: Math.min(3, duration), connections, pipelining: 1 });
  const result = await autocannon({
    url,
    requests,
    duration,
    connections,
    pipelining: 1,
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  process.stdout.write(
    `${JSON.stringify({
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors,
      bytesPerSecond: result.throughput.average,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
