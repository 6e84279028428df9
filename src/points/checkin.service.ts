import { Injectable } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LedgerKind } from '../generated/prisma/client';
import { calendarDay, checkinReward } from './calendar-day';
import { LedgerService } from './ledger.service';

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
    private readonly ledger: LedgerService,
    private readonly config: AppConfig,
  ) {}

  /** The unique (user, app, day) key decides between racing requests: one wins, the rest 1040. */
  async checkIn(userId: string, appId: number, now = new Date()): Promise<CheckinResult> {
    const day = calendarDay(now, this.config.TZ_CHECKIN);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const previous = await tx.checkin.findUnique({
          where: { userId_appId_day: { userId, appId, day: asDate(dayBefore(day)) } },
          select: { streak: true },
        });
        const streak = (previous?.streak ?? 0) + 1;
        const reward = checkinReward(streak, {
          base: this.config.CHECKIN_BASE_POINTS,
          bonus: this.config.CHECKIN_STREAK_BONUS,
          cap: this.config.CHECKIN_STREAK_BONUS_CAP,
        });
        await tx.checkin.create({ data: { userId, appId, day: asDate(day), streak, reward } });
        const entry = await this.ledger.apply(
          'points',
          { userId, appId, delta: BigInt(reward), kind: LedgerKind.CHECKIN, reason: `daily check-in ${day}` },
          tx,
        );
        return { day, reward, streak, points: Number(entry.balanceAfter) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.ALREADY_CHECKED_IN);
      throw error;
    }
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
      days: rows.filter((row) => row.day >= first).map((row) => row.day.getUTCDate()).sort((a, b) => a - b),
    };
  }
}
