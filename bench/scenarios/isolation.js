// Latency isolation: GET /users/me at a steady, modest rate (open loop), first alone, then while
// another process storms POST /auth/login; a login storm should not make profile reads much slower.
const login = require('./login');
const usersMe = require('./users-me');

const RATE = Number(process.env.BENCH_ISOLATION_RATE ?? 200);
/** Connections of the login storm; the run's (BENCH_CONNECTIONS) when unset. */
const STORM_CONNECTIONS = process.env.BENCH_STORM_CONNECTIONS ? Number(process.env.BENCH_STORM_CONNECTIONS) : undefined;

module.exports = {
  title: `GET /users/me at ${RATE} req/s, alone vs. during a login storm`,
  kind: 'isolation',

  async seed(context) {
    return { usersMe: await usersMe.seed(context), login: await login.seed(context) };
  },

  /** The measured load: one profile read every 1/RATE s, the sessions in turn. */
  paced(state) {
    const { sessions } = state.usersMe;
    let next = 0;
    return {
      rate: RATE,
      next: () => {
        const session = sessions[next++ % sessions.length];
        return {
          method: 'GET',
          path: '/api/v1/users/me',
          headers: { 'x-app-id': 'web', authorization: `Bearer ${session.uuid}.${session.ukey}` },
        };
      },
    };
  },

  /** The storm: logins as fast as the run's connections get answers. */
  background(state, target) {
    const load = login.load(state.login, target);
    return STORM_CONNECTIONS ? { ...load, connections: STORM_CONNECTIONS } : load;
  },
};
