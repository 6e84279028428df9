import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { CodePointLength, trimmed } from '../../core/http/code-point-length';
import { ReportReason, ReportStatus, ReportTargetType } from '../../generated/prisma/client';
import { UserSummaryDto } from '../../users/dto/profile.dto';

const TARGET_TYPES = Object.values(ReportTargetType);
const REASONS = Object.values(ReportReason);
const STATUSES = Object.values(ReportStatus);
export const VERDICTS = ['approve', 'reject'] as const;
export type Verdict = (typeof VERDICTS)[number];

const choice = (what: string) => failsWith(ErrorCode.CHOICE_INVALID, what);

export class CreateReportDto {
  @ApiProperty({ enum: TARGET_TYPES })
  @IsIn(TARGET_TYPES, choice(`targetType is one of ${TARGET_TYPES.join(', ')}`))
  targetType: ReportTargetType;

  @ApiProperty({ description: "the tutorial's tid, message's mgid, user's uuid or file's flid" })
  @IsDefined()
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST, 'targetId is an id'))
  targetId: string;

  @ApiProperty({ enum: REASONS })
  @IsIn(REASONS, choice(`reason is one of ${REASONS.join(', ')}`))
  reason: ReportReason;

  @ApiPropertyOptional({ description: '1-1000 characters, trimmed: what the moderators should know' })
  @IsOptional()
  @Transform(trimmed)
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST, 'detail is text'))
  @CodePointLength(1, 1000, failsWith(ErrorCode.MALFORMED_REQUEST, 'detail is 1-1000 characters'))
  detail?: string;
}

export class ReviewReportDto {
  // No @IsDefined: a missing verdict is a choice outside the set too (1043).
  @ApiProperty({ enum: VERDICTS, description: 'approve takes the target down; reject leaves it' })
  @IsIn(VERDICTS, choice('verdict is approve or reject'))
  verdict: Verdict;

  @ApiPropertyOptional({
    description: "1-500 characters, trimmed; goes into the audit log and the notices to the reporters and the target's author",
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST, 'note is text'))
  @CodePointLength(1, 500, failsWith(ErrorCode.MALFORMED_REQUEST, 'note is 1-500 characters'))
  note?: string;
}

/** A report as its reporter sees it. */
export class ReportDto {
  @ApiProperty({ description: 'report id' })
  id: string;

  @ApiProperty({ enum: TARGET_TYPES })
  targetType: ReportTargetType;

  @ApiProperty()
  targetId: string;

  @ApiProperty({ enum: REASONS })
  reason: ReportReason;

  @ApiProperty({ nullable: true, type: String })
  detail: string | null;

  @ApiProperty({ enum: STATUSES })
  status: ReportStatus;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  reviewedAt: Date | null;
}

/** What a moderator sees of a report's target, as it is now. */
export class ReportTargetDto {
  @ApiProperty({ description: 'false once the target is gone (deleted by its owner, or removed by an earlier verdict)' })
  exists: boolean;

  @ApiProperty({ nullable: true, type: String, description: "tutorial title, message title, user's nickname or file name" })
  name: string | null;

  @ApiProperty({ nullable: true, type: String, description: "tutorial's markdown, message's body" })
  text: string | null;

  @ApiProperty({ nullable: true, type: String, description: "tutorial's status, user's status, or for a file live / deleted" })
  state: string | null;

  @ApiProperty({
    nullable: true,
    type: UserSummaryDto,
    description: "who is answerable for it: the tutorial's author, message's sender (null: the platform), the user, the file's owner",
  })
  author: UserSummaryDto | null;
}

export class AdminReportDto extends ReportDto {
  @ApiProperty({ type: UserSummaryDto })
  reporter: UserSummaryDto;

  @ApiProperty({ nullable: true, type: UserSummaryDto })
  reviewer: UserSummaryDto | null;

  @ApiProperty({ nullable: true, type: String })
  note: string | null;
}

export class AdminReportDetailDto extends AdminReportDto {
  @ApiProperty({ type: ReportTargetDto })
  target: ReportTargetDto;

  @ApiProperty({ description: 'pending reports of the same target (one verdict reviews them all)' })
  openReports: number;
}
