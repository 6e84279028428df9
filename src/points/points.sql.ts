import type { Db } from '../core/database/transaction';
import { LedgerKind, Prisma } from '../generated/prisma/client';

export type LedgerName = 'points' | 'balance';

/**
 * The largest total each ledger holds: points live in INTEGER columns, and balances leave as JSON
 * numbers, exact only up to 2^53 - 1.
 */
export const LEDGER_MAX: Record<LedgerName, bigint> = { points: 2_147_483_647n, balance: BigInt(Number.MAX_SAFE_INTEGER) };

/** Where each ledger keeps its entries, and its running total on the user row. */
const LEDGERS: Record<LedgerName, { table: Prisma.Sql; total: Prisma.Sql }> = {
  points: { table: Prisma.raw('"points_ledger"'), total: Prisma.raw('"points"') },
  balance: { table: Prisma.raw('"balance_ledger"'), total: Prisma.raw('"balance_cents"') },
};

export interface EntryRow {
  id: bigint;
  delta: bigint | number;
  balance_after: bigint | number;
  kind: LedgerKind;
  reason: string;
  app_id: number | null;
  idempotency_key: string | null;
  created_at: Date;
}

export interface LedgerChange {
  userId: string;
  /** Positive adds, negative takes; never zero. */
  delta: bigint;
  kind: LedgerKind;
  reason: string;
  appId?: number;
  idempotencyKey?: string;
}

/**
 * The ledgers' one statement: moves the user's total by `delta`, only if it stays between zero and
 * the ledger's maximum, and appends the entry with the total after; no crash or race can leave one
 * without the other. No row: the total would leave its range, or there is no such user.
 *
 * With `source`, a data-modifying statement run first within the same statement (a check-in row,
 * inserted unless the day has one), the movement is made only when `source` returns a row. When
 * it does and the total cannot move, the entry is left without its total, which the NOT NULL
 * column refuses (23502): the statement writes nothing at all, `source`'s row neither.
 */
export async function moveTotal(db: Db, ledger: LedgerName, change: LedgerChange, source?: Prisma.Sql): Promise<EntryRow[]> {
  const { table, total } = LEDGERS[ledger];
  const moved = (from: Prisma.Sql) => Prisma.sql`
    UPDATE "users" SET ${total} = ${total} + ${change.delta}::bigint ${from}
     WHERE "users"."id" = ${change.userId}::uuid AND ${total} + ${change.delta}::bigint BETWEEN 0 AND ${LEDGER_MAX[ledger]}::bigint
    RETURNING ${total} AS after`;
  const entry = (from: Prisma.Sql) => Prisma.sql`
    INSERT INTO ${table} ("user_id", "app_id", "kind", "delta", "balance_after", "reason", "idempotency_key")
    SELECT ${change.userId}::uuid, ${change.appId ?? null}::int, ${change.kind}::"LedgerKind", ${change.delta},
           moved.after, ${change.reason}, ${change.idempotencyKey ?? null}
      ${from}
    RETURNING *`;
  return db.$queryRaw<EntryRow[]>(
    source
      ? Prisma.sql`WITH source AS (${source}), moved AS (${moved(Prisma.sql`FROM source`)}) ${entry(Prisma.sql`FROM source LEFT JOIN moved ON true`)}`
      : Prisma.sql`WITH moved AS (${moved(Prisma.empty)}) ${entry(Prisma.sql`FROM moved`)}`,
  );
}

/** A user's entries, newest first. */
export function entries(db: Db, ledger: LedgerName, userId: string, page: { skip: number; take: number }): Promise<EntryRow[]> {
  return db.$queryRaw<EntryRow[]>`
    SELECT * FROM ${LEDGERS[ledger].table} WHERE "user_id" = ${userId}::uuid ORDER BY "id" DESC LIMIT ${page.take} OFFSET ${page.skip}`;
}

/** The user's entry made with this idempotency key. */
export async function entryByKey(db: Db, ledger: LedgerName, userId: string, key: string): Promise<EntryRow> {
  const [row] = await db.$queryRaw<EntryRow[]>`
    SELECT * FROM ${LEDGERS[ledger].table} WHERE "user_id" = ${userId}::uuid AND "idempotency_key" = ${key}`;
  return row;
}

/**
 * The check-in of the user under the app on `day`, unless there is one (the unique key decides
 * between racing requests): the `source` of its payment, returning a row only when inserted.
 */
export const newCheckin = (checkin: {
  userId: string;
  appId: number;
  day: string;
  streak: number;
  reward: number;
}): Prisma.Sql => Prisma.sql`
  INSERT INTO "checkins" ("user_id", "app_id", "day", "streak", "reward")
  VALUES (${checkin.userId}::uuid, ${checkin.appId}, ${checkin.day}::date, ${checkin.streak}, ${checkin.reward})
  ON CONFLICT ("user_id", "app_id", "day") DO NOTHING
  RETURNING 1`;

export interface LeaderboardRow {
  id: string;
  nickname: string;
  points: bigint;
}

/** Active users ranked by what they hold from this app's points entries (earned less spent). */
export function leaderboard(db: Db, appId: number, page: { skip: number; take: number }): Promise<LeaderboardRow[]> {
  return db.$queryRaw<LeaderboardRow[]>`
    SELECT u."id", u."nickname", SUM(p."delta") AS points
      FROM "points_ledger" p JOIN "users" u ON u."id" = p."user_id"
     WHERE p."app_id" = ${appId} AND u."status" = 'ACTIVE'
     GROUP BY u."id", u."nickname"
    HAVING SUM(p."delta") > 0
     ORDER BY points DESC, u."id"
     LIMIT ${page.take} OFFSET ${page.skip}`;
}
