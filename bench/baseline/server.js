// The floor the platform is measured against: raw Fastify and node-postgres doing the same SQL
// and the same crypto for each scenario, with no framework, ORM or envelope around them.
const Fastify = require('fastify');
const { timingSafeEqual } = require('node:crypto');
const { Pool } = require('pg');
const { loadSecretKey, SecretCipher } = require('../../dist/core/crypto/secret-cipher');
const { signature } = require('../../dist/signing/sign');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const cipher = new SecretCipher(loadSecretKey({ APP_SECRET_KEY: process.env.APP_SECRET_KEY }));
const app = Fastify({ logger: false });

app.get('/live', async () => ({ status: 'up' }));

/** Scenario "signed": look the app up, check the signature, take the nonce, describe the app. */
app.get('/api/v1/apps/me', async (request, reply) => {
  const h = request.headers;
  const found = await pool.query('SELECT * FROM apps WHERE app_id = $1', [h['x-app-id']]);
  if (found.rowCount === 0) return reply.code(401).send({ code: 1013 });
  const key = cipher.open(found.rows[0].key_ciphertext);
  const expected = Buffer.from(
    signature(key, { method: request.method, url: request.url, timestamp: h['x-timestamp'], nonce: h['x-nonce'] }),
  );
  const given = Buffer.from(String(h['x-signature']));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return reply.code(401).send({ code: 1014 });
  const nonce = await pool.query(
    `INSERT INTO request_nonces (app_id, nonce, expires_at) VALUES ($1, $2, now() + make_interval(secs => 600))
     ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE request_nonces.expires_at < now()
     RETURNING 1`,
    [h['x-app-id'], h['x-nonce']],
  );
  if (nonce.rowCount === 0) return reply.code(401).send({ code: 1015 });
  const described = await pool.query('SELECT app_id, name, scopes FROM apps WHERE app_id = $1', [h['x-app-id']]);
  const row = described.rows[0];
  return { code: 0, message: 'ok', data: { appId: row.app_id, name: row.name, scopes: row.scopes } };
});

app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => pool.end()).then(() => process.exit(0)));
