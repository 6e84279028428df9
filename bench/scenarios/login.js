// Scenario: password login (bcrypt at the benchmark's cost) against the bcrypt ceiling: how many
// bcrypt.compare calls per second this machine does at that cost in one Node process, on libuv's
// thread pool (UV_THREADPOOL_SIZE, default 4); the server hashes in a low-priority process of its own.
const bcrypt = require('bcrypt');
const { BCRYPT_COST } = require('../lib/processes');
const { createUsers, inTurn } = require('../lib/seed');
const { quantile } = require('../lib/stats');

const ACCOUNTS = Number(process.env.BENCH_LOGIN_ACCOUNTS ?? 5);
const PASSWORD = 'bench-login-Pa55word';

module.exports = {
  title: `POST /auth/login (bcrypt cost ${BCRYPT_COST})`,
  // Keep-alive node:http clients that stop sending when the time is up and count the answers to
  // what they had sent, as the ceiling finishes and counts the compares it started. autocannon
  // drops the requests in flight at the end, and with them the hashing already done for them
  // (about one hash a slice). Either driver costs the machine about a millisecond of CPU a login.
  driver: 'node',

  /** A few members whose password is PASSWORD, hashed at BCRYPT_COST like the platform's own. */
  async seed({ db }) {
    const passwordHash = await bcrypt.hash(PASSWORD, BCRYPT_COST);
    const users = await createUsers(db, { count: ACCOUNTS, passwordHash });
    return { accounts: users.map((user) => user.username), password: PASSWORD, passwordHash };
  },

  /** POST /api/v1/auth/login under `web`, the accounts in turn (the right password every time). */
  load(state, target) {
    const request = { method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'x-app-id': 'web' } };
    return {
      url: target,
      requests: [
        inTurn(state.accounts, request, (req, account) => ({ ...req, body: JSON.stringify({ account, password: state.password }) })),
      ],
    };
  },

  /**
   * The baseline: twice as many compares in flight as the thread pool has threads (so it never
   * idles), for one second of warm-up and then `duration` seconds; compares per second and their
   * latency, and the CPU they took. Runs in its own process, like the load generator.
   */
  async baselineMeasure(state, { duration }) {
    const inFlight = 2 * Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const run = async (seconds) => {
      const latencies = [];
      let errors = 0;
      const end = Date.now() + seconds * 1000;
      const worker = async () => {
        while (Date.now() < end) {
          const start = process.hrtime.bigint();
          if (!(await bcrypt.compare(state.password, state.passwordHash))) errors += 1;
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      };
      const started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: inFlight }, worker));
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      latencies.sort((a, b) => a - b);
      const note = `bcrypt.compare at cost ${BCRYPT_COST} with ${inFlight} in flight in one Node process (UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}), compares/s and their latency`;
      return {
        note,
        requestsPerSecond: latencies.length / elapsed,
        requests: latencies.length,
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        errors,
      };
    };
    await run(1);
    // The compares run in this process: its CPU is the baseline's side.
    const before = process.cpuUsage();
    const result = await run(duration);
    const { user, system } = process.cpuUsage(before);
    return { ...result, cpu: { server: (user + system) / 1e6, driver: 0 } };
  },
};
