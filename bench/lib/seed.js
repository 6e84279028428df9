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

module.exports = { sha256, newTag, createUsers, createSessions, createOpenApp, createEndUserSessions, inTurn, rotating };
