import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { CodePointLength, trimmed } from '../../core/http/code-point-length';
import { TutorialStatus } from '../../generated/prisma/client';
import { UserSummaryDto } from '../../users/dto/profile.dto';

const TITLE_MAX = 100;
const BODY_MAX = 100_000;
const STATUSES = Object.values(TutorialStatus);

/** Text of 1-`max` characters: blank counts as missing (1011), anything else wrong is 1074. */
const TutorialText = (field: string, max: number): PropertyDecorator =>
  applyDecorators(
    IsString(failsWith(ErrorCode.MALFORMED_REQUEST, `${field} is text`)),
    Matches(/\S/, failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING, `${field} is required`)),
    CodePointLength(1, max, failsWith(ErrorCode.MALFORMED_REQUEST, `${field} is at most ${max} characters`)),
  );

export class CreateTutorialDto {
  @ApiProperty({ description: `1-${TITLE_MAX} characters, trimmed`, example: 'Signing requests in five minutes' })
  @IsDefined()
  @Transform(trimmed)
  @TutorialText('title', TITLE_MAX)
  title: string;

  @ApiProperty({ description: `markdown, stored as sent; 1-${BODY_MAX} characters` })
  @IsDefined()
  @TutorialText('body', BODY_MAX)
  body: string;

  @ApiPropertyOptional({ description: 'publish at once (PENDING until a publisher does, unless your group holds tutorial.publish)', default: false })
  @IsOptional()
  @IsBoolean(failsWith(ErrorCode.MALFORMED_REQUEST, 'publish is true or false'))
  publish?: boolean;
}

export class UpdateTutorialDto {
  @ApiPropertyOptional({ description: `1-${TITLE_MAX} characters, trimmed` })
  @IsOptional()
  @Transform(trimmed)
  @TutorialText('title', TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ description: `markdown, stored as sent; 1-${BODY_MAX} characters` })
  @IsOptional()
  @TutorialText('body', BODY_MAX)
  body?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'authors: DRAFT, PENDING (or PUBLISHED with tutorial.publish); publishers: any' })
  @IsOptional()
  @IsIn(STATUSES, failsWith(ErrorCode.CHOICE_INVALID, `status must be one of ${STATUSES.join(', ')}`))
  status?: TutorialStatus;
}


/** A tutorial as lists show it: never the whole body. */
export class TutorialSummaryDto {
  @ApiProperty({ description: 'tutorial id' })
  tid: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: 'the first 200 characters of the body' })
  summary: string;

  @ApiProperty({ type: UserSummaryDto })
  author: UserSummaryDto;

  @ApiProperty({ description: 'distinct logged-in readers' })
  views: number;

  @ApiProperty({ nullable: true, type: Date, description: 'when it was first published; null if never' })
  publishedAt: Date | null;
}

export class TutorialDto extends OmitType(TutorialSummaryDto, ['summary'] as const) {
  @ApiProperty({ description: 'markdown, as its author sent it' })
  body: string;

  @ApiProperty({ enum: STATUSES })
  status: TutorialStatus;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}
