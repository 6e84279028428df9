import type { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import { Prisma, UserStatus } from '../generated/prisma/client';

/** A user's own profile as GET /users/me shows it. */
export interface ProfileRow {
  id: string;
  username: string;
  nickname: string;
  email: string;
  status: UserStatus;
  locale: string;
  points: number;
  balance_cents: string; // BIGINT, as node-postgres returns it
  email_verified_at: Date | null;
  created_at: Date;
  group_id: number;
}

/** The hottest read of all, so one plain statement on the pool (Prisma's query builder cost more than the query itself). */
export async function profileRow(prisma: PrismaService, userId: string): Promise<ProfileRow | undefined> {
  const [row] = await prisma.hotQuery<ProfileRow>(
    `SELECT id, username, nickname, email, status, locale, points, balance_cents, email_verified_at, created_at, group_id
       FROM users WHERE id = $1::uuid`,
    [userId],
  );
  return row;
}

/**
 * Locks the user's row to the end of the transaction and reads its status; undefined when there
 * is no such user. NO KEY UPDATE is the lock a balance debit takes on this row anyway: it does not
 * hold up inserts elsewhere that merely reference the user (sessions, messages).
 */
export async function lockedStatus(tx: Prisma.TransactionClient, userId: string): Promise<UserStatus | undefined> {
  const [row] = await tx.$queryRaw<{ status: UserStatus }[]>`SELECT status FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
  return row?.status;
}

/**
 * Locks the user's row (NO KEY UPDATE, as lockedStatus) and their group's row (SHARE: a group edit
 * waits for the end of the transaction) and reads the group's rank; undefined when there is no such user.
 */
export async function lockedWithGroup(tx: Prisma.TransactionClient, userId: string): Promise<number | undefined> {
  const [row] = await tx.$queryRaw<{ rank: number }[]>`
    SELECT g.rank FROM users u JOIN groups g ON g.id = u.group_id
     WHERE u.id = ${userId}::uuid FOR NO KEY UPDATE OF u FOR SHARE OF g`;
  return row?.rank;
}

/** Whether a user holds this username, compared as the unique lower() index compares it. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM users WHERE lower(username) = lower(${username})`;
  return rows.length > 0;
}
