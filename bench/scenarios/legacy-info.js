// Scenario: an old client reads the profile through the legacy gateway, `GET /api.php?class=user&
// mode=info&from=web`, as test/legacy.e2e-spec.ts calls it: the app in X-App-Id, the session in
// Authorization (`from` a channel of LEGACY_CHANNELS). The gateway resolves the action, checks
// the app, and dispatches in-process (Fastify's inject) to its REST twin, GET /users/me, whose
// own session check and profile query then run. The baseline is the raw server's plain
// GET /api/v1/users/me (the same one `users-me` measures against): the ratio is the twin's cost
// relative to the baseline, plus the gateway's.
const bcrypt = require('bcrypt');
const { createSessions, createUsers, rotating } = require('../lib/seed');

const USERS = Number(process.env.BENCH_LEGACY_INFO_USERS ?? 200);
const PATH = '/api.php?class=user&mode=info&from=web';

module.exports = {
  title: 'GET /api.php?class=user&mode=info',

  /** USERS members, each with one session under `web` (the password is never used here). */
  async seed({ db }) {
    const users = await createUsers(db, { count: USERS, passwordHash: await bcrypt.hash('not used here', 4) });
    return { sessions: await createSessions(db, users) };
  },

  /** The gateway, each request with the next session in turn. */
  load(state, target) {
    return { url: target, requests: [rotating(state.sessions, { method: 'GET', path: PATH })] };
  },

  /** The baseline has no gateway: the plain route the gateway's twin is. */
  baselineLoad(state, target) {
    return { url: target, requests: [rotating(state.sessions, { method: 'GET', path: '/api/v1/users/me' })] };
  },
};
