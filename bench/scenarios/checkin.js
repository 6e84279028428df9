// Scenario: the daily check-in, each request by a user who has not checked in today (a user the
// rotation comes back to answers 1040 "already checked in", counted in the errors column).
const bcrypt = require('bcrypt');
const { createSessions, createUsers, rotating } = require('../lib/seed');

// Enough for the baseline's ~1,700 check-ins/s through a 3 s warm-up and a 10 s run on 2 cores.
const USERS = Number(process.env.BENCH_CHECKIN_USERS ?? 30_000);

module.exports = {
  title: 'POST /checkin (first of the day)',

  /** USERS members, each with one session under `web` and no check-in yet. */
  async seed({ db }) {
    const users = await createUsers(db, { count: USERS, passwordHash: await bcrypt.hash('not used here', 4) });
    return { sessions: await createSessions(db, users) };
  },

  /** POST /api/v1/checkin, each request by the next user in turn. */
  load(state, target) {
    return { url: target, requests: [rotating(state.sessions, { method: 'POST', path: '/api/v1/checkin' })] };
  },
};
