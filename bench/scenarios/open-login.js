// Scenario: end-user login through the open API (signed with X-Api-Id, bcrypt at the benchmark's
// cost) against the bcrypt ceiling, measured as the first-party login's is.
const { randomBytes } = require('node:crypto');
const bcrypt = require('bcrypt');
const { signedHeaders } = require('../../dist/signing/sign');
const { BCRYPT_COST } = require('../lib/processes');
const { createOpenApp } = require('../lib/seed');
const { baselineMeasure } = require('./login');

const ACCOUNTS = Number(process.env.BENCH_LOGIN_ACCOUNTS ?? 5);
const PASSWORD = 'bench-login-Pa55word';
const PATH = '/api/v1/open/users/login';

module.exports = {
  title: `signed POST /open/users/login (bcrypt cost ${BCRYPT_COST})`,
  // Driven as the first-party login is, and for the same reasons (see login.js).
  driver: 'node',

  /** A few end users whose password is PASSWORD, hashed at BCRYPT_COST like the platform's own. */
  async seed({ db, cipher }) {
    const passwordHash = await bcrypt.hash(PASSWORD, BCRYPT_COST);
    const app = await createOpenApp(db, cipher, { count: ACCOUNTS, passwordHash });
    return { apiId: app.apiId, apiKey: app.apiKey, accounts: app.endUsers.map((user) => user.username), password: PASSWORD, passwordHash };
  },

  /** The accounts in turn, the right password every time, each request signed over its body. */
  load(state, target) {
    let next = 0;
    return {
      url: target,
      requests: [
        {
          method: 'POST',
          path: PATH,
          setupRequest: (request) => {
            const body = JSON.stringify({ account: state.accounts[next++ % state.accounts.length], password: state.password });
            const signed = { method: 'POST', url: PATH, timestamp: Math.floor(Date.now() / 1000), nonce: randomBytes(12).toString('base64url'), body };
            return {
              ...request,
              body,
              headers: { 'content-type': 'application/json', ...signedHeaders({ id: state.apiId, key: state.apiKey, idHeader: 'X-Api-Id' }, signed) },
            };
          },
        },
      ],
    };
  },

  baselineMeasure,
};
