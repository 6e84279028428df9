import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { trimmed } from '../../core/http/code-point-length';
import type { CheckinMonth, CheckinResult } from '../checkin.service';
import type { LedgerEntry } from '../ledger.service';

/** The required, trimmed, 1-200 character `reason` of every ledger movement. */
export const Reason = (example: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, maxLength: 200 }),
    Transform(trimmed),
    IsDefined(),
    IsString(failsWith(ErrorCode.MALFORMED_REQUEST)),
    MinLength(1, failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING, 'reason is required')),
    MaxLength(200, failsWith(ErrorCode.MALFORMED_REQUEST, 'reason is at most 200 characters')),
  );

export class SpendDto {
  @ApiProperty({ minimum: 1, example: 30 })
  @IsDefined()
  @IsInt(failsWith(ErrorCode.MALFORMED_REQUEST, 'amount must be a whole number'))
  @Min(1, failsWith(ErrorCode.MALFORMED_REQUEST, 'amount must be at least 1'))
  @Max(1_000_000_000, failsWith(ErrorCode.MALFORMED_REQUEST, 'amount is too large'))
  amount: number;

  @Reason('avatar frame')
  reason: string;

  @ApiProperty({ description: 'the same key again returns the first result and moves nothing', example: 'order-7f3a' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST))
  @Matches(/^[\x21-\x7e]{1,100}$/, failsWith(ErrorCode.MALFORMED_REQUEST, 'idempotencyKey is 1-100 printable ASCII characters'))
  idempotencyKey: string;
}

export class LedgerEntryDto {
  @ApiProperty({ description: 'entry id' })
  id: string;

  @ApiProperty({ description: 'points (or cents) added; negative when taken' })
  delta: number;

  @ApiProperty({ description: 'the total right after this entry' })
  balanceAfter: number;

  @ApiProperty({ example: 'CHECKIN' })
  kind: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ nullable: true, type: String })
  idempotencyKey: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ description: 'true when this answers a repeated idempotency key' })
  replayed: boolean;
}

/** JSON has no bigint: ids as strings, amounts as numbers (totals stay far below 2^53). */
export function ledgerEntryDto(entry: LedgerEntry): LedgerEntryDto {
  return {
    id: entry.id.toString(),
    delta: Number(entry.delta),
    balanceAfter: Number(entry.balanceAfter),
    kind: entry.kind,
    reason: entry.reason,
    idempotencyKey: entry.idempotencyKey,
    createdAt: entry.createdAt,
    replayed: entry.replayed,
  };
}

export class CheckinResultDto implements CheckinResult {
  @ApiProperty({ description: 'the calendar day checked in (TZ_CHECKIN)', example: '2026-11-30' })
  day: string;

  @ApiProperty({ description: 'points paid for it' })
  reward: number;

  @ApiProperty({ description: 'consecutive days up to this one' })
  streak: number;

  @ApiProperty({ description: 'the points total after the reward' })
  points: number;
}

export class CheckinMonthDto implements CheckinMonth {
  @ApiProperty()
  checkedInToday: boolean;

  @ApiProperty({ description: 'consecutive days up to today (or yesterday, while today is still open)' })
  streak: number;

  @ApiProperty({ example: '2026-11' })
  month: string;

  @ApiProperty({ type: [Number], description: 'days of the month (1-31) with a check-in' })
  days: number[];
}

export class PointsTotalsDto {
  @ApiProperty()
  points: number;

  @ApiProperty({ description: 'money, in cents' })
  balanceCents: number;
}

export class LeaderboardRowDto {
  @ApiProperty({ description: 'from 1' })
  rank: number;

  @ApiProperty()
  uuid: string;

  @ApiProperty()
  nickname: string;

  @ApiProperty({ description: "points from the calling app's ledger entries (earned less spent)" })
  points: number;
}
