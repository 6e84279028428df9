import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { IsDefined, IsString, Matches, MaxLength } from 'class-validator';

import { CaptchaAnswerDto } from '../../captcha/dto/captcha.dto';
import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { EMAIL_MAX_LENGTH, EmailAddress, NewPasswordDto, Nickname, NICKNAME_RULE, Username, USERNAME_RULE } from '../../users/user-fields';

export class EmailDto {
  @ApiProperty({ example: 'alice@example.com', maxLength: EMAIL_MAX_LENGTH })
  @IsDefined()
  @EmailAddress()
  email: string;
}

/** With the answer to GET /captcha when the platform asks for captchas (CAPTCHA_REQUIRED). */
export class RegisterDto extends IntersectionType(EmailDto, NewPasswordDto, CaptchaAnswerDto) {
  @ApiProperty({ example: 'alice_01', description: USERNAME_RULE })
  @IsDefined()
  @Username()
  username: string;

  @ApiProperty({ example: '爱丽丝', description: NICKNAME_RULE })
  @IsDefined()
  @Nickname()
  nickname: string;
}

export class RegisteredDto {
  @ApiProperty()
  uuid: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ example: 'PENDING' })
  status: string;
}

export class VerifiedDto {
  @ApiProperty({ example: 'ACTIVE', description: 'the account status after the link was used' })
  status: string;
}

export class TokenDto {
  @ApiProperty({ description: 'the token of the mailed link' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.LINK_INVALID))
  @MaxLength(128, failsWith(ErrorCode.LINK_INVALID))
  token: string;
}

export class PasswordResetDto extends IntersectionType(EmailDto, NewPasswordDto) {
  @ApiProperty({ example: '042917' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.CODE_WRONG))
  @Matches(/^\d{6}$/, failsWith(ErrorCode.CODE_WRONG, 'the code is 6 digits'))
  code: string;
}
