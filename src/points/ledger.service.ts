import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LedgerKind, Prisma } from '../generated/prisma/client';

export type LedgerName = 'points' | 'balance';

/**
 * The largest total each ledger holds: points live in INTEGER columns, and balances leave as JSON
 * numbers, exact only up to 2^53 - 1. A change that would pass it is refused (1043), so no total
 * ever overflows its column or its answer.
 */
export const LEDGER_MAX: Record<LedgerName, bigint> = { points: 2_147_483_647n, balance: BigInt(Number.MAX_SAFE_INTEGER) };

/** The two ledgers differ only in where they live and what running out is called. */
const LEDGERS: Record<LedgerName, { table: Prisma.Sql; total: Prisma.Sql; insufficient: ErrorCode; max: bigint }> = {
  points: { table: Prisma.raw('"points_ledger"'), total: Prisma.raw('"points"'), insufficient: ErrorCode.POINTS_INSUFFICIENT, max: LEDGER_MAX.points },
  balance: { table: Prisma.raw('"balance_ledger"'), total: Prisma.raw('"balance_cents"'), insufficient: ErrorCode.BALANCE_INSUFFICIENT, max: LEDGER_MAX.balance },
};

/** The refusal of a change that would take a total past its ledger's maximum. */
export const totalTooLarge = (ledger: LedgerName): DomainError =>
  new DomainError(ErrorCode.CHOICE_INVALID, `the ${ledger} total would pass its maximum of ${LEDGER_MAX[ledger]}`);

export interface LedgerChange {
  userId: string;
  /** Positive adds, negative takes; never zero. */
  delta: bigint;
  kind: LedgerKind;
  reason: string;
  appId?: number;
  /** The same key twice for one user moves nothing the second time and returns the first entry. */
  idempotencyKey?: string;
}

export interface LedgerEntry {
  id: bigint;
  delta: bigint;
  balanceAfter: bigint;
  kind: LedgerKind;
  reason: string;
  appId: number | null;
  idempotencyKey: string | null;
  createdAt: Date;
  /** True when an earlier request with the same idempotency key already made this entry. */
  replayed: boolean;
}

type Db = Prisma.TransactionClient | PrismaService;

interface EntryRow {
  id: bigint;
  delta: bigint | number;
  balance_after: bigint | number;
  kind: LedgerKind;
  reason: string;
  app_id: number | null;
  idempotency_key: string | null;
  created_at: Date;
}

const toEntry = (row: EntryRow, replayed: boolean): LedgerEntry => ({
  id: row.id,
  delta: BigInt(row.delta),
  balanceAfter: BigInt(row.balance_after),
  kind: row.kind,
  reason: row.reason,
  appId: row.app_id,
  idempotencyKey: row.idempotency_key,
  createdAt: row.created_at,
  replayed,
});

/**
 * Points and balance as append-only ledgers with the running total on the user row. One SQL
 * statement moves the total (only if it stays between zero and the ledger's maximum) and appends
 * the entry, so no crash or race can leave one without the other, nor a total out of range.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly prisma: PrismaService) {}

  async apply(ledger: LedgerName, change: LedgerChange, db: Db = this.prisma): Promise<LedgerEntry> {
    const { table, total, insufficient, max } = LEDGERS[ledger];
    if (change.delta === 0n) throw new DomainError(ErrorCode.CHOICE_INVALID, 'a change must move something');
    try {
      const rows = await db.$queryRaw<EntryRow[]>`
        WITH moved AS (
          UPDATE "users" SET ${total} = ${total} + ${change.delta}::bigint
           WHERE "id" = ${change.userId}::uuid AND ${total} + ${change.delta}::bigint BETWEEN 0 AND ${max}::bigint
          RETURNING ${total} AS after
        )
        INSERT INTO ${table} ("user_id", "app_id", "kind", "delta", "balance_after", "reason", "idempotency_key")
        SELECT ${change.userId}::uuid, ${change.appId ?? null}::int, ${change.kind}::"LedgerKind", ${change.delta},
               moved.after, ${change.reason}, ${change.idempotencyKey ?? null}
          FROM moved
        RETURNING *`;
      if (rows.length === 1) return toEntry(rows[0], false);
    } catch (error) {
      if (change.idempotencyKey && isUniqueViolation(error)) return this.replay(ledger, change.userId, change.idempotencyKey);
      throw error;
    }
    const user = await db.user.findUnique({ where: { id: change.userId }, select: { id: true } });
    if (!user) throw new DomainError(ErrorCode.USER_ABNORMAL);
    throw change.delta > 0n ? totalTooLarge(ledger) : new DomainError(insufficient);
  }

  /** A user's entries, newest first. */
  async list(ledger: LedgerName, userId: string, page: { skip: number; take: number }): Promise<LedgerEntry[]> {
    const { table } = LEDGERS[ledger];
    const rows = await this.prisma.$queryRaw<EntryRow[]>`
      SELECT * FROM ${table} WHERE "user_id" = ${userId}::uuid ORDER BY "id" DESC LIMIT ${page.take} OFFSET ${page.skip}`;
    return rows.map((row) => toEntry(row, false));
  }

  private async replay(ledger: LedgerName, userId: string, key: string): Promise<LedgerEntry> {
    const { table } = LEDGERS[ledger];
    const [row] = await this.prisma.$queryRaw<EntryRow[]>`
      SELECT * FROM ${table} WHERE "user_id" = ${userId}::uuid AND "idempotency_key" = ${key}`;
    return toEntry(row, true);
  }
}
