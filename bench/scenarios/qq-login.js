// Scenario: the QQ Connect login callback, `GET /qq/callback?code&state` with the verifier
// /qq/authorize gave, for a QQ bound to an account under `web`: the state checked and used, three
// calls to QQ Connect (token, /oauth2.0/me, get_user_info; a local fake in a process of its own,
// bench/lib/fake-qq-connect.js), the binding looked up and a session opened. The baseline is raw
// Fastify + pg doing the same: the same statements, the same three calls over node:http keep-alive.
// Each request uses a state of its own. The load generator cannot ask /qq/authorize before each
// callback (autocannon fills requests in synchronously), and a state is a row: the seed writes
// them as /qq/authorize?intent=login would (bench/lib/seed.js, createQqStates), so what is
// measured is the callback alone.
const { randomBytes } = require('node:crypto');
const bcrypt = require('bcrypt');
const { createQqBindings, createQqStates, createUsers, qqStateOf, qqVerifierOf } = require('../lib/seed');

const USERS = Number(process.env.BENCH_QQ_LOGIN_USERS ?? 200);
/** States per side: enough for 5,000 callbacks a second through the warm-up and the measured run. */
const STATES = Number(process.env.BENCH_QQ_LOGIN_STATES ?? 5000 * (Number(process.env.BENCH_DURATION ?? 10) + 3));
const PATH = '/api/v1/qq/callback';

module.exports = {
  title: 'GET /qq/callback (QQ login: 3 calls to QQ Connect, a session)',

  /** USERS members each holding a QQ under `web`, and STATES unused login states of `web`. */
  async seed({ db }) {
    const users = await createUsers(db, { count: USERS, passwordHash: await bcrypt.hash('not used here', 4) });
    const openids = await createQqBindings(db, users);
    const secret = await createQqStates(db, { count: STATES, returnTo: 'https://app.bench.example/qq/return' });
    return { openids, secret, states: STATES };
  },

  /**
   * Each request the next state with its verifier, and a new code from QQ for the next bound QQ
   * in turn (once the states run out they are used again, and refused: the errors show it).
   */
  load(state, target) {
    let next = 0;
    return {
      url: target,
      requests: [
        {
          method: 'GET',
          path: PATH,
          setupRequest: (request) => {
            const i = next++;
            const code = `${state.openids[i % state.openids.length]}.${randomBytes(12).toString('base64url')}`;
            const query = new URLSearchParams({ code, state: qqStateOf(state.secret, i % state.states) });
            return {
              ...request,
              path: `${PATH}?${query.toString()}`,
              headers: { 'x-app-id': 'web', 'x-qq-verifier': qqVerifierOf(state.secret, i % state.states), accept: 'application/json' },
            };
          },
        },
      ],
    };
  },
};
