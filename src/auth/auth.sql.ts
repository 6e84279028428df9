import type { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import { EndUserStatus, LoginMethod, Prisma, UserStatus } from '../generated/prisma/client';
import { OPEN_SESSION } from './open-session.query';

/** An account as a login finds it by name. */
export interface LoginCandidate {
  id: string;
  password_hash: string;
  status: UserStatus;
}

/** A session with what every request checks of its user. */
export interface SessionRow {
  id: string;
  user_id: string;
  app_id: number;
  expires_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
  status: UserStatus;
  group_id: number;
}

export interface NewSession {
  userId: string;
  appId: number;
  keyHash: Uint8Array;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  method: LoginMethod;
}

/**
 * A new session and its `auth.login` audit row, in one statement on the pool (one round trip on
 * the login path, and no session without its audit row); a session opened with QQ says so in both.
 */
export async function openSession(prisma: PrismaService, session: NewSession): Promise<void> {
  await prisma.hotQuery(OPEN_SESSION, [
    session.userId,
    session.appId,
    session.keyHash,
    session.expiresAt,
    session.ip,
    session.userAgent,
    session.method,
  ]);
}

/** One round trip: the session of this key hash with its user's status and group. */
export async function sessionByKey(prisma: PrismaService, keyHash: Buffer): Promise<SessionRow | undefined> {
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s.id, s.user_id, s.app_id, s.expires_at, s.last_seen_at, s.revoked_at, u.status, u.group_id
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.key_hash = ${keyHash}`;
  return row;
}

/** Ends the user's live session `sessionId`; the key hash (hex) of what it ended, none when it was not theirs or already ended. */
export function revokeSession(db: Db, userId: string, sessionId: string): Promise<string[]> {
  return revokeWhere(db, Prisma.sql`id = ${sessionId}::uuid AND user_id = ${userId}::uuid`);
}

/** Ends every live session of the user but `keep`; the key hashes (hex) of those it ended. */
export function revokeUserSessions(db: Db, userId: string, keep?: string): Promise<string[]> {
  const except = keep ? Prisma.sql`AND id <> ${keep}::uuid` : Prisma.empty;
  return revokeWhere(db, Prisma.sql`user_id = ${userId}::uuid ${except}`);
}

async function revokeWhere(db: Db, condition: Prisma.Sql): Promise<string[]> {
  const rows = await db.$queryRaw<{ key_hash: Uint8Array }[]>`
    UPDATE sessions SET revoked_at = now() WHERE ${condition} AND revoked_at IS NULL RETURNING key_hash`;
  return rows.map((row) => Buffer.from(row.key_hash).toString('hex'));
}

/** By email, as stored (folded), on the pool: a login reads it on every try. */
export async function loginCandidateByEmail(prisma: PrismaService, email: string): Promise<LoginCandidate | undefined> {
  return (await prisma.hotQuery<LoginCandidate>('SELECT id, password_hash, status FROM users WHERE email = $1', [email]))[0];
}

/** By username, through the lower() index that keeps usernames unique. */
export async function loginCandidateByUsername(prisma: PrismaService, username: string): Promise<LoginCandidate | undefined> {
  return (
    await prisma.hotQuery<LoginCandidate>('SELECT id, password_hash, status FROM users WHERE lower(username) = lower($1)', [username])
  )[0];
}

/** An end user's session with what every open-API request checks of its user. */
export interface EndUserSessionRow {
  id: string;
  end_user_id: string;
  app_id: number;
  expires_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
  status: EndUserStatus;
  library_id: number;
}

export interface NewEndUserSession {
  endUserId: string;
  appId: number;
  keyHash: Uint8Array;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A new end-user session, on the pool (the open API's login path). */
export async function openEndUserSession(prisma: PrismaService, session: NewEndUserSession): Promise<void> {
  await prisma.hotQuery(
    `INSERT INTO end_user_sessions (end_user_id, app_id, key_hash, expires_at, ip, user_agent) VALUES ($1::uuid, $2, $3, $4, $5, $6)`,
    [session.endUserId, session.appId, session.keyHash, session.expiresAt, session.ip, session.userAgent],
  );
}

/** One round trip on the pool: the end-user session of this key hash with its user's status and library. */
export async function endUserSessionByKey(prisma: PrismaService, keyHash: Buffer): Promise<EndUserSessionRow | undefined> {
  const rows = await prisma.hotQuery<EndUserSessionRow>(
    `SELECT s.id, s.end_user_id, s.app_id, s.expires_at, s.last_seen_at, s.revoked_at, u.status, u.library_id
       FROM end_user_sessions s JOIN end_users u ON u.id = s.end_user_id
      WHERE s.key_hash = $1`,
    [keyHash],
  );
  return rows[0];
}

export async function touchEndUserSession(prisma: PrismaService, sessionId: string, at: Date): Promise<void> {
  await prisma.hotQuery('UPDATE end_user_sessions SET last_seen_at = $2 WHERE id = $1::uuid AND revoked_at IS NULL', [sessionId, at]);
}

/** Ends one live end-user session; the key hash (hex) of what it ended, none when it had ended already. */
export async function revokeEndUserSession(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ key_hash: Uint8Array }[]>`
    UPDATE end_user_sessions SET revoked_at = now() WHERE id = ${sessionId}::uuid AND revoked_at IS NULL RETURNING key_hash`;
  return rows.map((row) => Buffer.from(row.key_hash).toString('hex'));
}

/** Ends every live session of the end user but `keep`; the key hashes (hex) of those it ended. */
export async function revokeEndUserSessions(db: Db, endUserId: string, keep?: string): Promise<string[]> {
  const except = keep ? Prisma.sql`AND id <> ${keep}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<{ key_hash: Uint8Array }[]>`
    UPDATE end_user_sessions SET revoked_at = now()
     WHERE end_user_id = ${endUserId}::uuid ${except} AND revoked_at IS NULL RETURNING key_hash`;
  return rows.map((row) => Buffer.from(row.key_hash).toString('hex'));
}
