import { Injectable } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Metrics } from '../core/metrics/metrics';
import { LedgerKind } from '../generated/prisma/client';
import { calendarDay, checkinReward } from './calendar-day';
import { LedgerService } from './ledger.service';
import { newCheckin } from './points.sql';

export interface CheckinResult {
  day: string;
  reward: number;
  streak: number;
  points: number;
}

export interface CheckinMonth {
  checkedInToday: boolean;
  /** Consecutive days up to today (or up to yesterday, while today is still open). */
  streak: number;
  month: string;
  /** Days of the month (1-31) with a check-in. */
  days: number[];
}

const asDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
const dayBefore = (day: string): string => new Date(asDate(day).getTime() - 86_400_000).toISOString().slice(0, 10);

/** One check-in per user, app and calendar day (TZ_CHECKIN), paid into the points ledger. */
@Injectable()
export class CheckinService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly ledger: LedgerService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * One statement pays the check-in: the ledger's, with the check-in row as its source, so the
   * row, the ledger entry and the new total commit together or not at all. Of racing requests the
   * unique (user, app, day) key lets one in; the others insert nothing, pay nothing and answer
   * 1040. A reward that would take the total past its maximum writes nothing (1043).
   */
  async checkIn(userId: string, appId: number, now = new Date()): Promise<CheckinResult> {
    const day = calendarDay(now, this.config.TZ_CHECKIN);
    // Yesterday is closed, so reading its streak ahead of the write cannot race with anything.
    const previous = await this.prisma.checkin.findUnique({
      where: { userId_appId_day: { userId, appId, day: asDate(dayBefore(day)) } },
      select: { streak: true },
    });
    const streak = (previous?.streak ?? 0) + 1;
    const reward = checkinReward(streak, {
      base: this.config.CHECKIN_BASE_POINTS,
      bonus: this.config.CHECKIN_STREAK_BONUS,
      cap: this.config.CHECKIN_STREAK_BONUS_CAP,
    });
    const payment = { userId, appId, delta: BigInt(reward), kind: LedgerKind.CHECKIN, reason: `daily check-in ${day}` };
    const paid = await this.ledger.apply('points', payment, this.prisma, newCheckin({ userId, appId, day, streak, reward }));
    if (!paid) throw new DomainError(ErrorCode.ALREADY_CHECKED_IN);
    this.metrics.points.checkins.inc({});
    return { day, reward, streak, points: Number(paid.balanceAfter) };
  }

  async month(userId: string, appId: number, now = new Date()): Promise<CheckinMonth> {
    const today = calendarDay(now, this.config.TZ_CHECKIN);
    const month = today.slice(0, 7);
    const first = asDate(`${month}-01`);
    const rows = await this.prisma.checkin.findMany({
      where: { userId, appId, day: { gte: asDate(dayBefore(`${month}-01`)), lte: asDate(today) } },
      orderBy: { day: 'desc' },
      select: { day: true, streak: true },
    });
    const latest = rows[0];
    const latestDay = latest?.day.toISOString().slice(0, 10);
    const live = latestDay === today || latestDay === dayBefore(today);
    return {
      checkedInToday: latestDay === today,
      streak: live ? latest.streak : 0,
      month,
      days: rows
        .filter((row) => row.day >= first)
        .map((row) => row.day.getUTCDate())
        .sort((a, b) => a - b),
    };
  }
}
