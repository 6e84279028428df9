import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith, Nullable } from '../../core/errors/validation';
import { CodePointLength, trimmed } from '../../core/http/code-point-length';
import { TutorialStatus } from '../../generated/prisma/client';
import { UserSummaryDto } from '../../users/dto/profile.dto';
import { SUMMARY_LENGTH } from '../markdown';
import { MAX_TAGS, TAG_MAX_LENGTH } from '../tags';

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

/** Up to 8 words; each is normalized (see tags.ts), and one that is no tag is 1074. */
const Tags = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: MAX_TAGS,
      example: ['signing', '入门'],
      description: `at most ${MAX_TAGS}, each 1-${TAG_MAX_LENGTH} letters, digits or + # . _ -; stored lower-cased, spaces as -`,
    }),
    IsOptional(),
    IsArray(failsWith(ErrorCode.MALFORMED_REQUEST, 'tags is a list of words')),
    ArrayMaxSize(MAX_TAGS, failsWith(ErrorCode.MALFORMED_REQUEST, `at most ${MAX_TAGS} tags`)),
    IsString({ each: true, ...failsWith(ErrorCode.MALFORMED_REQUEST, 'a tag is text') }),
  );

/** The author's own excerpt; without one, lists show the start of the body's text. */
const Excerpt = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      nullable: true,
      description: `1-${SUMMARY_LENGTH} characters, trimmed; null removes it (lists then show the start of the text)`,
    }),
    Nullable(),
    IsOptional(),
    Transform(trimmed),
    IsString(failsWith(ErrorCode.MALFORMED_REQUEST, 'excerpt is text')),
    CodePointLength(1, SUMMARY_LENGTH, failsWith(ErrorCode.MALFORMED_REQUEST, `excerpt is 1-${SUMMARY_LENGTH} characters`)),
  );

/** A flid of the author's own image file (png, jpeg, gif or webp): 1048 not theirs, 1051 deleted, 1047 not an image. */
const Cover = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ nullable: true, description: 'flid of one of your image files (png, jpeg, gif, webp); null removes it' }),
    Nullable(),
    IsOptional(),
    IsUUID('all', failsWith(ErrorCode.FILE_NOT_FOUND, 'cover is a flid')),
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

  @ApiPropertyOptional({
    description: 'publish at once (PENDING until a publisher does, unless your group holds tutorial.publish)',
    default: false,
  })
  @IsOptional()
  @IsBoolean(failsWith(ErrorCode.MALFORMED_REQUEST, 'publish is true or false'))
  publish?: boolean;

  @Tags()
  tags?: string[];

  @Excerpt()
  excerpt?: string;

  @Cover()
  cover?: string;
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

  @Tags()
  tags?: string[];

  @Excerpt()
  excerpt?: string | null;

  @Cover()
  cover?: string | null;
}

/** A tutorial as lists show it: never the whole body. */
export class TutorialSummaryDto {
  @ApiProperty({ description: 'tutorial id' })
  tid: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: `the author's excerpt, else the first ${SUMMARY_LENGTH} characters of the text` })
  excerpt: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ nullable: true, type: String, description: 'flid of the cover image, served by GET /tutorials/:tid/cover; null if none' })
  cover: string | null;

  @ApiProperty({ type: UserSummaryDto })
  author: UserSummaryDto;

  @ApiProperty({ description: 'distinct logged-in readers' })
  views: number;

  @ApiProperty({ description: 'users who like it' })
  likes: number;

  @ApiProperty({ description: 'whether the caller likes it (false without a session)' })
  liked: boolean;

  @ApiProperty({ nullable: true, type: Date, description: 'when it was first published; null if never' })
  publishedAt: Date | null;
}

export class TutorialDto extends TutorialSummaryDto {
  @ApiProperty({ description: 'markdown, as its author sent it' })
  body: string;

  @ApiProperty({ description: 'the body rendered, sanitized: no script, event handler, frame or javascript:/data: URL survives' })
  html: string;

  @ApiProperty({ enum: STATUSES })
  status: TutorialStatus;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class TagCountDto {
  @ApiProperty({ example: 'signing' })
  tag: string;

  @ApiProperty({ description: 'published tutorials carrying it' })
  count: number;
}

export class LikeDto {
  @ApiProperty({ description: 'users who like the tutorial now' })
  likes: number;

  @ApiProperty()
  liked: boolean;
}
