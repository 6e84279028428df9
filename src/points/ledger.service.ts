import { Injectable } from '@nestjs/common';

import { isNotNullViolation, isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Metrics } from '../core/metrics/metrics';
import { LedgerKind, Prisma } from '../generated/prisma/client';
import { entries, entryByKey, EntryRow, LEDGER_MAX, LedgerChange, LedgerName, moveTotal } from './points.sql';

export { LEDGER_MAX, type LedgerChange, type LedgerName };

/** What running out of each ledger is called. */
const INSUFFICIENT: Record<LedgerName, ErrorCode> = { points: ErrorCode.POINTS_INSUFFICIENT, balance: ErrorCode.BALANCE_INSUFFICIENT };

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
 * Points and balance as append-only ledgers with the running total on the user row, written by
 * nothing else: every movement of either goes through `apply`, whose one statement moves the
 * total (only if it stays between zero and the ledger's maximum) and appends the entry.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Moves the total and appends the entry: 1041 / 1059 when the total would fall below zero, 1043
   * past the ledger's maximum, 1058 when there is no such user. A repeated idempotency key moves
   * nothing and answers the first entry. With `source` (see points.sql.ts: a check-in's row), the
   * movement is made only when `source` makes its row, in the same statement, and undefined is
   * the answer when it made none.
   */
  apply(ledger: LedgerName, change: LedgerChange, db?: Db): Promise<LedgerEntry>;
  apply(ledger: LedgerName, change: LedgerChange, db: Db, source: Prisma.Sql): Promise<LedgerEntry | undefined>;
  async apply(ledger: LedgerName, change: LedgerChange, db: Db = this.prisma, source?: Prisma.Sql): Promise<LedgerEntry | undefined> {
    if (change.delta === 0n) throw new DomainError(ErrorCode.CHOICE_INVALID, 'a change must move something');
    let refusedBy: Db = db;
    try {
      const rows = await moveTotal(db, ledger, change, source);
      if (rows.length === 1) {
        // Counted when written: a caller's transaction that rolls back afterwards leaves it counted.
        this.metrics.points.ledgerMovements.inc({ ledger, direction: change.delta > 0n ? 'credit' : 'debit' });
        return toEntry(rows[0], false);
      }
      if (source) return undefined;
    } catch (error) {
      if (change.idempotencyKey && isUniqueViolation(error)) return this.replay(ledger, change.userId, change.idempotencyKey);
      if (!(source && isNotNullViolation(error))) throw error;
      // A failed statement ends the transaction it ran in: why is read outside it.
      refusedBy = this.prisma;
    }
    const user = await refusedBy.user.findUnique({ where: { id: change.userId }, select: { id: true } });
    if (!user) throw new DomainError(ErrorCode.USER_ABNORMAL);
    throw change.delta > 0n
      ? new DomainError(ErrorCode.CHOICE_INVALID, `the ${ledger} total would pass its maximum of ${LEDGER_MAX[ledger]}`)
      : new DomainError(INSUFFICIENT[ledger]);
  }

  /** A user's entries, newest first. */
  async list(ledger: LedgerName, userId: string, page: { skip: number; take: number }): Promise<LedgerEntry[]> {
    return (await entries(this.prisma, ledger, userId, page)).map((row) => toEntry(row, false));
  }

  private async replay(ledger: LedgerName, userId: string, key: string): Promise<LedgerEntry> {
    return toEntry(await entryByKey(this.prisma, ledger, userId, key), true);
  }
}
