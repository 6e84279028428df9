import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsString, IsUUID } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { CodePointLength, trimmed } from '../../core/http/code-point-length';
import { UserSummaryDto } from '../../users/dto/profile.dto';

export class SendMessageDto {
  @ApiProperty({ description: "the recipient's uuid" })
  @IsDefined()
  @IsUUID('all', failsWith(ErrorCode.USER_NOT_FOUND, 'to is not a user id'))
  to: string;

  @ApiProperty({ description: '1-100 characters', example: 'About your tutorial' })
  @Transform(trimmed)
  @IsDefined()
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST))
  @CodePointLength(1, 100, failsWith(ErrorCode.MALFORMED_REQUEST, 'title must be 1-100 characters'))
  @IsNotEmpty() // below the others: class-validator checks the lowest decorator first
  title: string;

  @ApiProperty({ description: '1-5000 characters' })
  @Transform(trimmed)
  @IsDefined()
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST))
  @CodePointLength(1, 5000, failsWith(ErrorCode.MALFORMED_REQUEST, 'body must be 1-5000 characters'))
  @IsNotEmpty()
  body: string;
}

export class MessageSummaryDto {
  @ApiProperty({ description: 'message id' })
  mgid: string;

  @ApiPropertyOptional({ type: UserSummaryDto, nullable: true, description: 'null when the platform wrote it, or the sender is gone' })
  from: UserSummaryDto | null;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: 'the first 120 characters of the body' })
  preview: string;

  @ApiProperty({ nullable: true, type: Date, description: 'null while unread' })
  readAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

export class MessageDto extends MessageSummaryDto {
  @ApiProperty()
  body: string;
}

export class UnreadCountDto {
  @ApiProperty()
  unread: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'how many messages were marked read' })
  marked: number;
}
