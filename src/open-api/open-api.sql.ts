import type { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import { EndUserStatus, Prisma } from '../generated/prisma/client';
import { END_USER_PROFILE, EndUserProfileRow } from './end-user-profile.query';

/** An end user as a login finds them by name within a library. */
export interface EndUserLoginRow {
  id: string;
  password_hash: string;
  status: EndUserStatus;
}

export interface NewEndUser {
  libraryId: number;
  appId: number;
  username: string;
  email: string | null;
  passwordHash: string;
  nickname: string;
  qq: string | null;
  status: EndUserStatus;
}

/**
 * Holds the app's end-user cap to the end of the transaction: registrations through one app queue
 * on this lock, so each counts the users the others made (the first key names the lock's kind).
 */
export async function lockUserCap(tx: Prisma.TransactionClient, appId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('end-user-cap'), ${appId}::int)`;
}

/** The live (not deleted) end users the app has registered. */
export async function usersOfApp(tx: Prisma.TransactionClient, appId: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM end_users WHERE app_id = ${appId} AND status <> 'DELETED'`;
  return row.n;
}

/** A new end user; the unique lower() indexes refuse a name or address taken in the library. */
export async function insertEndUser(tx: Prisma.TransactionClient, user: NewEndUser): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO end_users (library_id, app_id, username, email, password_hash, nickname, qq, status)
    VALUES (${user.libraryId}, ${user.appId}, ${user.username}, ${user.email}, ${user.passwordHash}, ${user.nickname},
            ${user.qq}, ${user.status}::"EndUserStatus")
    RETURNING id`;
  return row.id;
}

/** By username or email (case-insensitively) within the library, deleted users left out; on the pool (every login try). */
export async function endUserForLogin(prisma: PrismaService, libraryId: number, name: string): Promise<EndUserLoginRow | undefined> {
  const column = name.includes('@') ? 'email' : 'username';
  const rows = await prisma.hotQuery<EndUserLoginRow>(
    `SELECT id, password_hash, status FROM end_users
      WHERE library_id = $1 AND lower(${column}) = lower($2) AND status <> 'DELETED'`,
    [libraryId, name],
  );
  return rows[0];
}

/** The end user of the library with this (folded) address while waiting for their mailbox to be proven. */
export async function pendingEndUserByEmail(
  db: Db,
  libraryId: number,
  email: string,
): Promise<{ id: string; email: string; nickname: string } | undefined> {
  const [row] = await db.$queryRaw<{ id: string; email: string; nickname: string }[]>`
    SELECT id, email, nickname FROM end_users
     WHERE library_id = ${libraryId} AND lower(email) = lower(${email}) AND status = 'PENDING'`;
  return row;
}

/** The end user's own profile, on the pool (the open API's most frequent read). */
export async function endUserProfile(prisma: PrismaService, id: string): Promise<EndUserProfileRow | undefined> {
  return (await prisma.hotQuery<EndUserProfileRow>(END_USER_PROFILE, [id]))[0];
}

/** Adds each app's calls of the day to what other processes added (safe from any number of them). */
export async function addUsage(db: Db, counts: { appId: number; day: string; calls: number }[]): Promise<void> {
  if (counts.length === 0) return;
  const rows = counts.map((c) => Prisma.sql`(${c.appId}, ${c.day}::date, ${c.calls})`);
  await db.$executeRaw`
    INSERT INTO developer_app_usage (app_id, day, calls) VALUES ${Prisma.join(rows)}
    ON CONFLICT (app_id, day) DO UPDATE SET calls = developer_app_usage.calls + EXCLUDED.calls`;
}

/** The app's calls per day since `since` (a UTC date), oldest first. */
export async function usageSince(db: Db, appId: number, since: string): Promise<{ day: string; calls: number }[]> {
  return db.$queryRaw<{ day: string; calls: number }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, calls::float8 AS calls
      FROM developer_app_usage WHERE app_id = ${appId} AND day >= ${since}::date ORDER BY day`;
}

/** Locks an end user of the library to the end of the transaction; undefined when the library has none such. */
export async function lockEndUser(
  tx: Prisma.TransactionClient,
  libraryId: number,
  id: string,
): Promise<{ id: string; status: EndUserStatus } | undefined> {
  const [row] = await tx.$queryRaw<{ id: string; status: EndUserStatus }[]>`
    SELECT id, status FROM end_users WHERE id = ${id}::uuid AND library_id = ${libraryId} FOR UPDATE`;
  return row;
}
