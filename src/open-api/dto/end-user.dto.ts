import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith, Nullable } from '../../core/errors/validation';
import { EmailAddress, Nickname, Username } from '../../users/user-fields';

/** A QQ number (99992): 5-11 digits, not starting with 0. */
export const QQ_PATTERN = /^[1-9][0-9]{4,10}$/;

const Qq = (): PropertyDecorator => (target: object, key: string | symbol) => {
  Matches(QQ_PATTERN, failsWith(ErrorCode.OPEN_QQ_INVALID, 'qq is 5-11 digits, not starting with 0'))(target, key);
  IsString(failsWith(ErrorCode.OPEN_QQ_INVALID))(target, key);
};

export class RegisterEndUserDto {
  @ApiProperty({ example: 'player_one', description: '4-20 letters, digits or _, starting with a letter; unique in the library' })
  @IsDefined()
  @Username()
  username: string;

  @ApiPropertyOptional({ example: 'player@example.com', description: 'required when the library asks for verified addresses' })
  @IsOptional()
  @EmailAddress()
  email?: string;

  @ApiProperty({ description: '8-72 bytes, not a common password' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.PASSWORD_INVALID))
  password: string;

  @ApiPropertyOptional({ example: '小明', description: 'the username when not given' })
  @IsOptional()
  @Nickname()
  nickname?: string;

  @ApiPropertyOptional({ example: '10001', description: '5-11 digits, not starting with 0 (99992)' })
  @IsOptional()
  @Qq()
  qq?: string;
}

export class EndUserLoginDto {
  @ApiProperty({ description: 'username or email' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING))
  @MaxLength(254, failsWith(ErrorCode.OPEN_CREDENTIALS_WRONG))
  account: string;

  @ApiProperty()
  @IsDefined()
  @IsString(failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING))
  @MaxLength(200, failsWith(ErrorCode.OPEN_CREDENTIALS_WRONG))
  password: string;
}

export class UpdateEndUserDto {
  @ApiPropertyOptional({ example: '小明' })
  @IsOptional()
  @Nickname()
  nickname?: string;

  @ApiPropertyOptional({
    example: '10001',
    nullable: true,
    type: String,
    description: '5-11 digits, not starting with 0 (99992); null removes it',
  })
  @Nullable()
  @IsOptional()
  @Qq()
  qq?: string | null;
}

export class ChangeEndUserPasswordDto {
  @ApiProperty()
  @IsDefined()
  @IsString(failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING))
  @MaxLength(200, failsWith(ErrorCode.OPEN_CREDENTIALS_WRONG))
  currentPassword: string;

  @ApiProperty({ description: '8-72 bytes, not a common password' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.PASSWORD_INVALID))
  password: string;
}

export class EndUserSessionDto {
  @ApiProperty()
  uuid: string;

  @ApiProperty()
  ukey: string;

  @ApiProperty()
  expiresAt: Date;
}

/** What anyone in the library may see of an end user. */
export class PublicEndUserDto {
  @ApiProperty()
  uuid: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  nickname: string;

  @ApiProperty()
  createdAt: Date;
}

/** What an end user sees of themselves, and their developer of them. */
export class EndUserDto extends PublicEndUserDto {
  @ApiProperty({ nullable: true, type: String })
  email: string | null;

  @ApiProperty({ nullable: true, type: String })
  qq: string | null;

  @ApiProperty({ enum: ['PENDING', 'ACTIVE', 'BANNED', 'DELETED'] })
  status: string;
}

export class RegisteredEndUserDto extends EndUserDto {
  @ApiProperty({ description: 'true when a verification mail was sent and the user must follow it before logging in' })
  verificationRequired: boolean;
}
