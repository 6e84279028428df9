// Seeding helpers shared by the scenarios: active members and sessions under the `web` app,
// written straight into the tables (thousands in a few statements, no HTTP, no bcrypt per user).
const { createHash, randomBytes } = require('node:crypto');

const sha256 = (value) => createHash('sha256').update(value, 'utf8').digest();

/** A short tag that keeps one seeding's usernames and emails apart from every other's. */
const newTag = () => randomBytes(3).toString('hex');

async function ids(db) {
  const { rows } = await db.query(
    `SELECT (SELECT id FROM groups WHERE name = 'member') AS group_id, (SELECT id FROM apps WHERE app_id = 'web') AS app_id`,
  );
  return { groupId: rows[0].group_id, appId: rows[0].app_id };
}

/**
 * `count` ACTIVE members (usernames `b<tag><i>`, emails lower case) all with `passwordHash`;
 * returns their ids and usernames in order.
 */
async function createUsers(db, { count, passwordHash, tag = newTag() }) {
  const { groupId } = await ids(db);
  const { rows } = await db.query(
    `INSERT INTO users (username, email, password_hash, nickname, status, group_id, email_verified_at)
     SELECT 'b' || $1 || i, 'b' || $1 || i || '@bench.example', $2, 'Bench ' || i, 'ACTIVE', $3, now()
       FROM generate_series(1, $4::int) AS i
     ORDER BY i
     RETURNING id, username`,
    [tag, passwordHash, groupId, count],
  );
  return rows;
}

/** One session under `web` per user, as a login would make it (30 days); returns the credentials. */
async function createSessions(db, users) {
  const { appId } = await ids(db);
  const sessions = users.map((user) => ({ uuid: user.id, ukey: randomBytes(32).toString('base64url') }));
  await db.query(
    `INSERT INTO sessions (user_id, app_id, key_hash, expires_at, last_seen_at)
     SELECT u, $3, k, now() + interval '30 days', now() FROM unnest($1::uuid[], $2::bytea[]) AS t(u, k)`,
    [sessions.map((s) => s.uuid), sessions.map((s) => sha256(s.ukey)), appId],
  );
  return sessions;
}

/** An autocannon request that `apply` fills in with each of `items` in turn, across all connections. */
function inTurn(items, request, apply) {
  let next = 0;
  return { ...request, setupRequest: (req) => apply(req, items[next++ % items.length]) };
}

/** autocannon requests that rotate over `sessions`, one after the other across all connections. */
const rotating = (sessions, request) =>
  inTurn(sessions, request, (req, session) => ({
    ...req,
    headers: { ...req.headers, 'x-app-id': 'web', authorization: `Bearer ${session.uuid}.${session.ukey}` },
  }));

/**
 * A developer (a member, straight in the table) with one user library and one developer app bound
 * to it, its api key sealed as the platform seals it, and `count` ACTIVE end users all with
 * `passwordHash`; returns the app's credentials and the end users' ids and usernames.
 */
async function createOpenApp(db, cipher, { count, passwordHash, tag = newTag() }) {
  const [owner] = await createUsers(db, { count: 1, passwordHash, tag: `dev${tag}` });
  const apiId = `dkbench${tag}`;
  const apiKey = randomBytes(32).toString('base64url');
  const { rows: libraries } = await db.query(
    `INSERT INTO user_libraries (span_id, owner_id, name, expires_at) VALUES ($1, $2, 'bench', now() + interval '30 days') RETURNING id`,
    [`spbench${tag}`, owner.id],
  );
  const { rows: apps } = await db.query(
    `INSERT INTO developer_apps (api_id, owner_id, name, key_ciphertext, key_version, user_cap, expires_at, library_id)
     VALUES ($1, $2, 'bench', $3, 1, 1000000, now() + interval '30 days', $4) RETURNING id`,
    [apiId, owner.id, Buffer.from(cipher.seal(apiKey, { table: 'developer_apps', id: apiId, keyVersion: 1 })), libraries[0].id],
  );
  const { rows: endUsers } = await db.query(
    `INSERT INTO end_users (library_id, app_id, username, password_hash, nickname)
     SELECT $1, $2, 'e' || $3 || i, $4, 'End ' || i FROM generate_series(1, $5::int) AS i ORDER BY i
     RETURNING id, username`,
    [libraries[0].id, apps[0].id, tag, passwordHash, count],
  );
  return { apiId, apiKey, appPk: apps[0].id, endUsers };
}

/** One end-user session per end user under the developer app, as a login would make it (30 days). */
async function createEndUserSessions(db, appPk, endUsers) {
  const sessions = endUsers.map((user) => ({ uuid: user.id, ukey: randomBytes(32).toString('base64url') }));
  await db.query(
    `INSERT INTO end_user_sessions (end_user_id, app_id, key_hash, expires_at, last_seen_at)
     SELECT u, $3, k, now() + interval '30 days', now() FROM unnest($1::uuid[], $2::bytea[]) AS t(u, k)`,
    [sessions.map((s) => s.uuid), sessions.map((s) => sha256(s.ukey)), appPk],
  );
  return sessions;
}

/**
 * One QQ binding under `web` per user, as a bind would leave it: each user's openid (32 upper-case
 * hex characters, as QQ gives them) and nickname; returns the openids in the users' order.
 */
async function createQqBindings(db, users, tag = newTag()) {
  const { appId } = await ids(db);
  const openids = users.map((user) => createHash('md5').update(`qq${tag}${user.id}`).digest('hex').toUpperCase());
  await db.query(
    `INSERT INTO qq_bindings (app_id, user_id, openid, nickname, avatar_url)
     SELECT $3, u, o, 'QQ ' || left(o, 6), 'http://thirdqq.qlogo.cn/ek_qqapp/' || o || '/100'
       FROM unnest($1::uuid[], $2::text[]) AS t(u, o)`,
    [users.map((user) => user.id), openids, appId],
  );
  return openids;
}

/**
 * `count` unused LOGIN states under `web`, as GET /qq/authorize?intent=login would leave them (only
 * their SHA-256 kept, live for its 10 minutes): state `i` is `qqStateOf(secret, i)`, its verifier
 * `qqVerifierOf(secret, i)`, hashed here by PostgreSQL; returns the secret they are made from.
 */
async function createQqStates(db, { count, returnTo }) {
  const { appId } = await ids(db);
  const secret = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO qq_states (state_hash, verifier_hash, intent, app_id, user_id, return_to, expires_at)
     SELECT sha256(convert_to('s' || $1 || '.' || i, 'UTF8')), sha256(convert_to('v' || $1 || '.' || i, 'UTF8')),
            'LOGIN', $2, NULL, $3, now() + interval '10 minutes'
       FROM generate_series(0, $4::int - 1) AS i`,
    [secret, appId, returnTo, count],
  );
  return secret;
}
const qqStateOf = (secret, i) => `s${secret}.${i}`;
const qqVerifierOf = (secret, i) => `v${secret}.${i}`;

module.exports = { sha256, newTag, createUsers, createSessions, createOpenApp, createEndUserSessions, createQqBindings, createQqStates, qqStateOf, qqVerifierOf, inTurn, rotating };
