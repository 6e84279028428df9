import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { NewPasswordDto, Nickname, NICKNAME_RULE } from '../user-fields';

export class PublicProfileDto {
  @ApiProperty()
  uuid: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  nickname: string;

  @ApiProperty({ example: 'member' })
  group: string;

  @ApiProperty()
  createdAt: Date;
}

/** Someone as other records show them: a message's sender, a tutorial's author. */
export class UserSummaryDto extends PickType(PublicProfileDto, ['uuid', 'username', 'nickname'] as const) {}

/** The user columns a UserSummaryDto needs, as a Prisma relation select. */
export const USER_SUMMARY = { select: { id: true, username: true, nickname: true } } as const;

export const userSummary = ({ id, username, nickname }: { id: string; username: string; nickname: string }): UserSummaryDto => ({
  uuid: id,
  username,
  nickname,
});

export class ProfileDto extends PublicProfileDto {
  @ApiProperty()
  email: string;

  @ApiProperty({ example: 'ACTIVE' })
  status: string;

  @ApiProperty({ example: 'zh' })
  locale: string;

  @ApiProperty()
  points: number;

  @ApiProperty({ description: 'money, in cents' })
  balanceCents: number;

  @ApiProperty({ nullable: true, type: Date })
  emailVerifiedAt: Date | null;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ description: NICKNAME_RULE })
  @IsOptional()
  @Nickname()
  nickname?: string;

  @ApiPropertyOptional({ enum: ['zh', 'en'], description: 'the language of the mail you receive' })
  @IsOptional()
  @IsIn(['zh', 'en'], failsWith(ErrorCode.CHOICE_INVALID))
  locale?: 'zh' | 'en';
}

export class ChangePasswordDto extends NewPasswordDto {
  @ApiProperty()
  @IsDefined()
  @IsString(failsWith(ErrorCode.PASSWORD_INVALID))
  @MaxLength(1024, failsWith(ErrorCode.PASSWORD_INVALID))
  currentPassword: string;
}
