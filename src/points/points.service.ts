import { Injectable } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { ReplicaReads } from '../core/database/replica-reads';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Page, skipTake } from '../core/http/paging.dto';
import { LedgerKind } from '../generated/prisma/client';
import { LedgerEntry, LedgerName, LedgerService } from './ledger.service';
import { leaderboard } from './points.sql';

export interface LeaderboardRow {
  rank: number;
  uuid: string;
  nickname: string;
  points: number;
}

/** A user's points and balance, their ledgers, spending, and the per-app leaderboard. */
@Injectable()
export class PointsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly ledger: LedgerService,
    private readonly replica: ReplicaReads,
  ) {}

  async totals(userId: string): Promise<{ points: number; balanceCents: bigint }> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { points: true, balanceCents: true } });
    if (!user) throw new DomainError(ErrorCode.USER_ABNORMAL);
    return user;
  }

  history(ledger: LedgerName, userId: string, page: Page): Promise<LedgerEntry[]> {
    return this.ledger.list(ledger, userId, skipTake(page));
  }

  /** Takes points (1041 when there are not enough); a repeated idempotency key moves nothing. */
  spend(userId: string, appId: number, spend: { amount: number; reason: string; idempotencyKey: string }): Promise<LedgerEntry> {
    return this.ledger.apply('points', {
      userId,
      appId,
      delta: -BigInt(spend.amount),
      kind: LedgerKind.SPEND,
      reason: spend.reason,
      idempotencyKey: spend.idempotencyKey,
    });
  }

  /** Users ranked by the points they hold from this app's ledger entries (earned less spent); read on the replica. */
  async leaderboard(appId: number, page: Page): Promise<LeaderboardRow[]> {
    const { skip, take } = skipTake(page);
    const rows = await leaderboard(this.replica.prisma, appId, { skip, take });
    return rows.map((row, index) => ({ rank: skip + index + 1, uuid: row.id, nickname: row.nickname, points: Number(row.points) }));
  }
}
