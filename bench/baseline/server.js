// The floor the platform is measured against: raw Fastify and node-postgres doing the same SQL
// and the same crypto for each scenario, with no framework, ORM or envelope around them.
const Fastify = require('fastify');
const { createHash, randomBytes, timingSafeEqual } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Pool } = require('pg');
const { loadSecretKey, SecretCipher } = require('../../dist/core/crypto/secret-cipher');
const { signature } = require('../../dist/signing/sign');
const { tutorialPageQuery, tutorialSummary } = require('../../dist/tutorials/tutorial-page.query');
const { attachment } = require('../../dist/files/byte-range');
const { TAKE_DOWNLOAD } = require('../../dist/files/download.query');
const { END_USER_PROFILE } = require('../../dist/open-api/end-user-profile.query');
const { OPEN_SESSION } = require('../../dist/auth/open-session.query');
const { parseMeAnswer, parseTokenAnswer, parseUserInfo } = require('../../dist/qq/qq-connect.answers');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const cipher = new SecretCipher(loadSecretKey({ APP_SECRET_KEY: process.env.APP_SECRET_KEY }));
const app = Fastify({ logger: false });

app.get('/live', async () => ({ status: 'up' }));

/**
 * Apps and sessions kept in memory for a minute, as the platform keeps them (it drops an entry
 * in every process when it changes; nothing changes during a run), so both sides send the same
 * SQL per request.
 */
const REMEMBER_MS = 60_000;
const remembered = new Map();
async function remember(key, load) {
  const hit = remembered.get(key);
  if (hit && hit.until > Date.now()) return hit.rows;
  const { rows } = await load();
  if (rows.length > 0) remembered.set(key, { rows, until: Date.now() + REMEMBER_MS });
  return rows;
}

/** Scenario "signed": look the app up, check the signature, take the nonce, describe the app (from the row read first). */
app.get('/api/v1/apps/me', async (request, reply) => {
  const h = request.headers;
  const apps = await remember(`app:${h['x-app-id']}`, () => pool.query('SELECT * FROM apps WHERE app_id = $1', [h['x-app-id']]));
  if (apps.length === 0) return reply.code(401).send({ code: 1013 });
  const key = cipher.open(apps[0].key_ciphertext, { table: 'apps', id: apps[0].app_id, keyVersion: apps[0].key_version });
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
  const row = apps[0];
  return { code: 0, message: 'ok', data: { appId: row.app_id, name: row.name, scopes: row.scopes } };
});

const BEARER = /^Bearer ([0-9a-fA-F-]{36})\.([A-Za-z0-9_-]{16,128})$/;
const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000;
const fail = (reply, status, code, message, data = null) => reply.code(status).send({ code, message, data });
/** The platform's default SESSION_MAX_AGE (30 days). */
const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/**
 * The session of `Authorization: Bearer <uuid>.<ukey>` under the app of X-App-Id: looked up by
 * the SHA-256 of ukey, with its user and app (remembered for a minute, as the platform does).
 * Its row, or undefined once the reply has been sent.
 */
async function session(request, reply) {
  const match = BEARER.exec(request.headers.authorization ?? '');
  if (!match) return void fail(reply, 401, 1030, 'log in first');
  const keyHash = createHash('sha256').update(match[2], 'utf8').digest();
  const [row] = await remember(`session:${keyHash.toString('hex')}`, () =>
    pool.query(
      `SELECT s.user_id, s.app_id AS app_pk, s.expires_at, s.last_seen_at, s.revoked_at, u.status, a.app_id, a.status AS app_status
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN apps a ON a.id = s.app_id
        WHERE s.key_hash = $1`,
      [keyHash],
    ),
  );
  if (!row || row.revoked_at !== null || row.user_id !== match[1].toLowerCase() || row.app_id !== request.headers['x-app-id'] || row.app_status !== 'ENABLED') {
    return void fail(reply, 401, 1031, 'no such session');
  }
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + SESSION_IDLE_MS <= now) return void fail(reply, 401, 1035, 'session expired');
  if (row.status !== 'ACTIVE') return void fail(reply, 403, 1036, `account is ${row.status}`);
  return row;
}

/** Scenario "users-me": the session, then the profile with the group's name. */
app.get('/api/v1/users/me', async (request, reply) => {
  const caller = await session(request, reply);
  if (!caller) return reply;
  const found = await pool.query(
    `SELECT u.id, u.username, u.nickname, u.email, u.status, u.locale, u.points, u.balance_cents, u.email_verified_at,
            u.created_at, g.name AS group_name
       FROM users u JOIN groups g ON g.id = u.group_id WHERE u.id = $1`,
    [caller.user_id],
  );
  const u = found.rows[0];
  return {
    code: 0,
    message: 'ok',
    data: {
      uuid: u.id,
      group: u.group_name,
      balanceCents: Number(u.balance_cents),
      username: u.username,
      nickname: u.nickname,
      email: u.email,
      status: u.status,
      locale: u.locale,
      points: u.points,
      emailVerifiedAt: u.email_verified_at,
      createdAt: u.created_at,
    },
  };
});

/** The calendar day (YYYY-MM-DD) in the platform's default TZ_CHECKIN. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const dayBefore = (day) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Scenario "checkin": the session, then one transaction: yesterday's streak, today's row (the
 * unique key refuses a second), the points moved on the user row and the ledger entry appended.
 */
app.post('/api/v1/checkin', async (request, reply) => {
  const caller = await session(request, reply);
  if (!caller) return reply;
  const { user_id: userId, app_pk: appId } = caller;
  const day = dayFormat.format(new Date());
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const previous = await client.query('SELECT streak FROM checkins WHERE user_id = $1 AND app_id = $2 AND day = $3', [userId, appId, dayBefore(day)]);
    const streak = (previous.rows[0]?.streak ?? 0) + 1;
    const reward = 10 + Math.min((streak - 1) * 2, 20);
    const inserted = await client.query(
      `INSERT INTO checkins (user_id, app_id, day, streak, reward) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, app_id, day) DO NOTHING RETURNING id`,
      [userId, appId, day, streak, reward],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return fail(reply, 409, 1040, 'already checked in');
    }
    const entry = await client.query(
      `WITH moved AS (
         UPDATE users SET points = points + $3 WHERE id = $1 AND points + $3 >= 0 RETURNING points AS after
       )
       INSERT INTO points_ledger (user_id, app_id, kind, delta, balance_after, reason)
       SELECT $1, $2, 'CHECKIN', $3, moved.after, $4 FROM moved
       RETURNING balance_after`,
      [userId, appId, reward, `daily check-in ${day}`],
    );
    await client.query('COMMIT');
    return { code: 0, message: 'ok', data: { day, reward, streak, points: entry.rows[0].balance_after } };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

/**
 * Scenario "tutorials": the public app (remembered, as the platform does), then the first page of
 * published tutorials, hottest first: the platform's own statement (ranked from the indexed
 * columns, the page's rows joined to their authors) and its own row mapping, from dist/.
 */
const HOT_FIRST_PAGE = tutorialPageQuery({ status: 'PUBLISHED' }, 'hot', { page: 1, pageSize: 20 });

app.get('/api/v1/tutorials', async (request, reply) => {
  const appId = request.headers['x-app-id'];
  const apps = await remember(`app:${appId}`, () => pool.query('SELECT * FROM apps WHERE app_id = $1', [appId]));
  if (apps.length === 0 || apps[0].key_ciphertext !== null) return fail(reply, 401, 1013, 'unknown app');
  if (apps[0].status !== 'ENABLED') return fail(reply, 403, 1065, 'app not enabled');
  const { rows } = await pool.query(HOT_FIRST_PAGE.text, HOT_FIRST_PAGE.values);
  return { code: 0, message: 'ok', data: rows.map(tutorialSummary) };
});

/**
 * Scenario "download": the platform's UPDATE taking a whole file's bytes (from dist/), then the
 * file streamed from the storage folder with fs.createReadStream, read 256 KiB at a time as the
 * platform reads (the bare server keeps Node's default).
 */
app.get('/api/v1/download/:credential', async (request, reply) => {
  const tokenHash = createHash('sha256').update(request.params.credential, 'utf8').digest();
  const { rows } = await pool.query(TAKE_DOWNLOAD, [tokenHash, null]);
  if (rows.length === 0) return fail(reply, 403, 1050, 'credential invalid');
  const [file] = rows;
  return reply
    .headers({
      'content-type': 'application/octet-stream',
      'content-length': file.size,
      'content-disposition': attachment(file.name),
      etag: `"${file.sha256.toString('hex')}"`,
    })
    .send(fs.createReadStream(path.join(process.env.STORAGE_DIR, file.storage_key), { highWaterMark: 256 * 1024 }));
});

/**
 * Scenario "open-me": the developer app of X-Api-Id with its library (remembered), its signature
 * and nonce, the end user's session (remembered), then the profile query the platform sends.
 */
app.get('/api/v1/open/users/me', async (request, reply) => {
  const h = request.headers;
  const apiId = String(h['x-api-id']);
  const [dev] = await remember(`api:${apiId}`, () =>
    pool.query(
      `SELECT d.id, d.api_id, d.status, d.expires_at, d.key_ciphertext, d.key_version, l.id AS library_id, l.expires_at AS library_expires_at
         FROM developer_apps d LEFT JOIN user_libraries l ON l.id = d.library_id WHERE d.api_id = $1`,
      [apiId],
    ),
  );
  if (!dev) return fail(reply, 401, 1062, 'unknown api id');
  if (dev.status !== 'ENABLED' || dev.expires_at.getTime() <= Date.now()) return fail(reply, 403, 1065, 'app not usable');
  if (!dev.library_id || dev.library_expires_at.getTime() <= Date.now()) return fail(reply, 409, 1070, 'library not usable');
  const key = cipher.open(dev.key_ciphertext, { table: 'developer_apps', id: dev.api_id, keyVersion: dev.key_version });
  const expected = Buffer.from(signature(key, { method: request.method, url: request.url, timestamp: h['x-timestamp'], nonce: h['x-nonce'] }));
  const given = Buffer.from(String(h['x-signature']));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail(reply, 401, 1068, 'bad signature');
  const nonce = await pool.query(
    `INSERT INTO request_nonces (app_id, nonce, expires_at) VALUES ($1, $2, now() + make_interval(secs => 600))
     ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE request_nonces.expires_at < now()
     RETURNING 1`,
    [`api:${apiId}`, h['x-nonce']],
  );
  if (nonce.rowCount === 0) return fail(reply, 401, 1015, 'nonce used');

  const match = BEARER.exec(h.authorization ?? '');
  if (!match) return fail(reply, 401, 99996, 'log in first');
  const keyHash = createHash('sha256').update(match[2], 'utf8').digest();
  const [session] = await remember(`end-user-session:${keyHash.toString('hex')}`, () =>
    pool.query(
      `SELECT s.id, s.end_user_id, s.app_id, s.expires_at, s.last_seen_at, s.revoked_at, u.status, u.library_id
         FROM end_user_sessions s JOIN end_users u ON u.id = s.end_user_id WHERE s.key_hash = $1`,
      [keyHash],
    ),
  );
  if (!session || session.revoked_at !== null || session.end_user_id !== match[1].toLowerCase() || session.app_id !== dev.id) {
    return fail(reply, 401, 99996, 'no such session');
  }
  const now = Date.now();
  if (session.expires_at.getTime() <= now || session.last_seen_at.getTime() + SESSION_IDLE_MS <= now) return fail(reply, 401, 99995, 'expired');
  if (session.status !== 'ACTIVE' || session.library_id !== dev.library_id) return fail(reply, 401, 99994, 'user not usable');
  const { rows } = await pool.query(END_USER_PROFILE, [session.end_user_id]);
  const u = rows[0];
  return {
    code: 0,
    message: 'ok',
    data: { uuid: u.id, username: u.username, nickname: u.nickname, createdAt: u.created_at, email: u.email, qq: u.qq, status: u.status },
  };
});

/** QQ Connect (the bench's fake, QQ_CONNECT_BASE) over keep-alive node:http, each call bounded as the platform's (5 s). */
const qqAgent = new http.Agent({ keepAlive: true });
const QQ_TIMEOUT_MS = 5000;
const sha256 = (value) => createHash('sha256').update(value, 'utf8').digest();

/** The text of QQ Connect's 2xx answer to GET `pathname?query`. */
function askQq(pathname, query) {
  return new Promise((resolve, reject) => {
    const url = `${process.env.QQ_CONNECT_BASE}${pathname}?${new URLSearchParams(query).toString()}`;
    const request = http.get(url, { agent: qqAgent, timeout: QQ_TIMEOUT_MS }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => (response.statusCode >= 200 && response.statusCode < 300 ? resolve(text) : reject(new Error(`QQ answered ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('QQ gave no answer')));
    request.on('error', reject);
  });
}

/**
 * Scenario "qq-login": the public app (remembered), the state read and its verifier and app
 * checked, then used (the platform's two statements), QQ's code for a token, the token for the
 * openid, the profile (parsed by the platform's own functions, from dist/), the binding with its
 * user's status, and the session with its audit row (the platform's statement, from dist/).
 */
app.get('/api/v1/qq/callback', async (request, reply) => {
  const appId = request.headers['x-app-id'];
  const apps = await remember(`app:${appId}`, () => pool.query('SELECT * FROM apps WHERE app_id = $1', [appId]));
  if (apps.length === 0 || apps[0].key_ciphertext !== null) return fail(reply, 401, 1013, 'unknown app');
  if (apps[0].status !== 'ENABLED') return fail(reply, 403, 1065, 'app not enabled');
  if (!apps[0].scopes.includes('*') && !apps[0].scopes.includes('qq')) return fail(reply, 403, 10000, 'scope qq not granted');
  const { code, state } = request.query;
  if (typeof state !== 'string' || state === '') return fail(reply, 400, 1011, 'state is required');
  const stateHash = sha256(state);
  const {
    rows: [found],
  } = await pool.query(
    `SELECT intent, app_id, user_id, verifier_hash, expires_at > now() AS live FROM qq_states WHERE state_hash = $1 AND used_at IS NULL`,
    [stateHash],
  );
  if (!found) return fail(reply, 400, 1025, 'state unknown or used');
  if (!found.live) return fail(reply, 400, 1026, 'state expired');
  const verifier = request.headers['x-qq-verifier'];
  const given = typeof verifier === 'string' && verifier.length <= 128 ? sha256(verifier) : undefined;
  const verified = timingSafeEqual(found.verifier_hash, given ?? Buffer.alloc(found.verifier_hash.length)) && given !== undefined;
  if (!verified || found.app_id !== apps[0].id || found.intent !== 'LOGIN') return fail(reply, 400, 1025, 'not the client that started this');
  const used = await pool.query(
    `UPDATE qq_states SET used_at = now() WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING *`,
    [stateHash],
  );
  if (used.rowCount === 0) return fail(reply, 400, 1025, 'state unknown or used');
  const { return_to: returnTo } = used.rows[0];
  if (typeof code !== 'string' || code === '') return fail(reply, 400, 1011, 'QQ sent no code');

  const { QQ_APP_ID: qqAppId, QQ_APP_KEY: qqAppKey, QQ_REDIRECT_URI: redirectUri } = process.env;
  let openid;
  try {
    const accessToken = parseTokenAnswer(
      await askQq('/oauth2.0/token', { grant_type: 'authorization_code', client_id: qqAppId, client_secret: qqAppKey, code, redirect_uri: redirectUri }),
    );
    openid = parseMeAnswer(await askQq('/oauth2.0/me', { access_token: accessToken }), qqAppId);
    parseUserInfo(await askQq('/user/get_user_info', { access_token: accessToken, oauth_consumer_key: qqAppId, openid }));
  } catch {
    return fail(reply, 502, 996, 'QQ Connect failed', { returnTo });
  }

  const {
    rows: [owner],
  } = await pool.query('SELECT b.user_id, u.status FROM qq_bindings b JOIN users u ON u.id = b.user_id WHERE b.app_id = $1 AND b.openid = $2', [
    apps[0].id,
    openid,
  ]);
  if (!owner) return fail(reply, 409, 1025, 'no account holds this QQ (the bench seeds one for each)');
  if (owner.status !== 'ACTIVE') return fail(reply, 403, 1032, `account is ${owner.status}`);
  const ukey = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_MS);
  const userAgent = request.headers['user-agent'];
  await pool.query(OPEN_SESSION, [owner.user_id, apps[0].id, sha256(ukey), expiresAt, request.ip, userAgent ? userAgent.slice(0, 255) : null, 'QQ']);
  return { code: 0, message: 'ok', data: { outcome: 'session', session: { uuid: owner.user_id, ukey, expiresAt }, returnTo } };
});

app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => pool.end()).then(() => process.exit(0)));
