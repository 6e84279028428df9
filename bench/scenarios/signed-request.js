// Scenario 2: a signed first-party request (HMAC check + nonce) to a cheap endpoint.
const { randomBytes } = require('node:crypto');
const { signedHeaders } = require('../../dist/signing/sign');

module.exports = {
  title: 'signed GET /apps/me',

  /** Registers one app and returns what the load needs (plain JSON: it crosses a process). */
  async seed({ db, cipher }) {
    const appKey = randomBytes(32).toString('base64url');
    const appId = `app_bench${randomBytes(4).toString('hex')}`;
    await db.query(`INSERT INTO apps (app_id, name, key_ciphertext, scopes) VALUES ($1, 'bench', $2, '{*}')`, [
      appId,
      Buffer.from(cipher.seal(appKey, { table: 'apps', id: appId, keyVersion: 1 })),
    ]);
    return { appId, appKey };
  },

  /** The same requests for the platform and the baseline: each with its own timestamp and nonce. */
  load(state, target) {
    const path = '/api/v1/apps/me';
    return {
      url: target,
      requests: [
        {
          method: 'GET',
          path,
          setupRequest: (request) => ({
            ...request,
            headers: signedHeaders(
              { id: state.appId, key: state.appKey },
              { method: 'GET', url: path, timestamp: Math.floor(Date.now() / 1000), nonce: randomBytes(12).toString('base64url') },
            ),
          }),
        },
      ],
    };
  },
};
