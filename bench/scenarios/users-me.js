// Scenario: a logged-in user reads their profile (session check + one profile query).
const bcrypt = require('bcrypt');
const { createSessions, createUsers, rotating } = require('../lib/seed');

const USERS = Number(process.env.BENCH_USERS_ME_USERS ?? 200);

module.exports = {
  title: 'GET /users/me',

  /** USERS members, each with one session under `web` (the password is never used here). */
  async seed({ db }) {
    const users = await createUsers(db, { count: USERS, passwordHash: await bcrypt.hash('not used here', 4) });
    return { sessions: await createSessions(db, users) };
  },

  /** GET /api/v1/users/me, each request with the next session in turn. */
  load(state, target) {
    return { url: target, requests: [rotating(state.sessions, { method: 'GET', path: '/api/v1/users/me' })] };
  },
};
