// A small node:cluster group for the cluster metrics suite: the primary serves the group's scrape
// with startClusterMetrics (as the server's primary does), and each of 3 workers records known
// figures into its own registry (worker i records i+1 of each), then tells the primary; a fourth
// plays a worker still starting (listening to the primary, no registry yet). Prints "ready" once
// every worker has reported. Runs the compiled code (npm run build).
//   METRICS_PORT=<port> [METRICS_TOKEN=<token>] node cluster-metrics-fixture.js
const cluster = require('node:cluster');
const path = require('node:path');

const dist = path.resolve(__dirname, '../../dist/core/metrics');
const { startClusterMetrics, answerPrimaryScrapes, listenToPrimary } = require(path.join(dist, 'cluster-metrics.js'));
const { Metrics } = require(path.join(dist, 'metrics.js'));

const WORKERS = 3;

if (cluster.isPrimary) {
  const config = { METRICS_PORT: Number(process.env.METRICS_PORT), METRICS_HOST: '127.0.0.1', METRICS_TOKEN: process.env.METRICS_TOKEN };
  startClusterMetrics(config).then(() => {
    let recorded = 0;
    for (let index = 0; index <= WORKERS; index += 1) {
      cluster.fork({ WORKER_INDEX: String(index) }).on('message', (message) => {
        if (message === 'recorded' && (recorded += 1) === WORKERS + 1) process.stdout.write('ready\n');
      });
    }
  });
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers)) worker.kill();
    process.exit(0);
  });
} else if (Number(process.env.WORKER_INDEX) === WORKERS) {
  listenToPrimary();
  process.send('recorded');
} else {
  const metrics = new Metrics(true);
  answerPrimaryScrapes(metrics);
  const n = Number(process.env.WORKER_INDEX) + 1;
  const route = { route: '/api/v1/users/me', method: 'GET' };
  metrics.http.requests.inc({ ...route, status: 200 }, n);
  for (let i = 0; i < n; i += 1) metrics.http.duration.observe(route, 0.003);
  metrics.points.checkins.inc({}, n);
  // A figure of each process (added up) and one of the whole database (the same in every worker: taken once).
  metrics.passwords.queue.sampleFrom(() => [[{}, n]]);
  metrics.mail.waiting.sampleFrom(() => [[{}, 4]]);
  process.send('recorded');
}
