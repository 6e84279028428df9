// Scenario: an end user reads their profile through the open API: the developer app's signature
// (X-Api-Id, HMAC, nonce), the end user's session, one profile query.
const { randomBytes } = require('node:crypto');
const bcrypt = require('bcrypt');
const { signedHeaders } = require('../../dist/signing/sign');
const { createEndUserSessions, createOpenApp } = require('../lib/seed');

const USERS = Number(process.env.BENCH_OPEN_ME_USERS ?? 200);
const PATH = '/api/v1/open/users/me';

module.exports = {
  title: 'signed GET /open/users/me',

  /** One developer app bound to a library of USERS end users, each with one session. */
  async seed({ db, cipher }) {
    const app = await createOpenApp(db, cipher, { count: USERS, passwordHash: await bcrypt.hash('not used here', 4) });
    return { apiId: app.apiId, apiKey: app.apiKey, sessions: await createEndUserSessions(db, app.appPk, app.endUsers) };
  },

  /** Each request signed anew (timestamp, nonce) with the next session in turn. */
  load(state, target) {
    let next = 0;
    return {
      url: target,
      requests: [
        {
          method: 'GET',
          path: PATH,
          setupRequest: (request) => {
            const session = state.sessions[next++ % state.sessions.length];
            const signed = { method: 'GET', url: PATH, timestamp: Math.floor(Date.now() / 1000), nonce: randomBytes(12).toString('base64url') };
            return {
              ...request,
              headers: {
                ...signedHeaders({ id: state.apiId, key: state.apiKey, idHeader: 'X-Api-Id' }, signed),
                authorization: `Bearer ${session.uuid}.${session.ukey}`,
              },
            };
          },
        },
      ],
    };
  },
};
