import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';

export class UsageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(failsWith(ErrorCode.CONDITION_INVALID))
  @Min(1, failsWith(ErrorCode.CONDITION_INVALID))
  @Max(366, failsWith(ErrorCode.CONDITION_INVALID))
  days: number = 30;
}

export class UsageDayDto {
  @ApiProperty({ example: '2026-11-30', description: 'calendar day, UTC' })
  day: string;

  @ApiProperty()
  calls: number;
}

export class UsageDto {
  @ApiProperty()
  apiId: string;

  @ApiProperty({ type: [UsageDayDto], description: 'open-API calls per day, oldest first; days without calls left out' })
  calls: UsageDayDto[];

  @ApiProperty({ nullable: true, type: String, description: 'the span id of the library the app is bound to' })
  spanId: string | null;

  @ApiProperty({ description: 'end users of that library (deleted ones not counted)' })
  endUsers: number;
}
