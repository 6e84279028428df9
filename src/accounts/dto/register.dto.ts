import { applyDecorators } from '@nestjs/common';
import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { foldEmail, USERNAME_PATTERN } from '../../auth/account-names';
import { CaptchaAnswerDto } from '../../captcha/dto/captcha.dto';
import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { CodePointLength, trimmed } from '../../core/http/code-point-length';

const lowerCased = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? foldEmail(value) : value);

/**
 * Characters a nickname may not hold: C0/C1 controls (CR and LF would start new lines in the
 * plain-text mails that greet people by nickname), line and paragraph separators, and the
 * bidirectional overrides and isolates that make text read otherwise than it is stored.
 */
const NICKNAME_CHARACTERS = /^[^\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]*$/u;

/** The rules of a nickname wherever one is set (1029): trimmed, 1-20 characters, no control characters. */
export const Nickname = (): PropertyDecorator =>
  applyDecorators(
    Transform(trimmed),
    IsString(failsWith(ErrorCode.NICKNAME_INVALID)),
    CodePointLength(1, 20, failsWith(ErrorCode.NICKNAME_INVALID, 'nickname must be 1-20 characters')),
    Matches(NICKNAME_CHARACTERS, failsWith(ErrorCode.NICKNAME_INVALID, 'nickname must not hold control characters')),
  );

export class EmailDto {
  @ApiProperty({ example: 'alice@example.com', maxLength: 254 })
  @Transform(lowerCased)
  @IsDefined()
  @IsString(failsWith(ErrorCode.EMAIL_INVALID))
  @MaxLength(254, failsWith(ErrorCode.EMAIL_INVALID))
  @IsEmail({}, failsWith(ErrorCode.EMAIL_INVALID, 'email is not a valid address'))
  email: string;
}

/** A new password typed twice; the rules (length in bytes, common passwords) are PasswordsService's. */
export class NewPasswordDto {
  @ApiProperty({ description: '8-72 bytes, not a common password' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.PASSWORD_INVALID))
  password: string;

  @ApiProperty()
  @IsDefined()
  @IsString(failsWith(ErrorCode.PASSWORDS_DIFFER))
  passwordConfirm: string;
}

/** With the answer to GET /captcha when the platform asks for captchas (CAPTCHA_REQUIRED). */
export class RegisterDto extends IntersectionType(EmailDto, NewPasswordDto, CaptchaAnswerDto) {
  @ApiProperty({ example: 'alice_01', description: '4-20 of A-Z a-z 0-9 _, starting with a letter' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.USERNAME_INVALID))
  @Matches(USERNAME_PATTERN, failsWith(ErrorCode.USERNAME_INVALID, 'username must be 4-20 letters, digits or _, starting with a letter'))
  username: string;

  @ApiProperty({ example: '爱丽丝', description: '1-20 characters, no control characters' })
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
