import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { IsDefined, IsEmail, IsString, Matches, MaxLength, validateSync } from 'class-validator';

import { foldEmail, USERNAME_PATTERN } from '../auth/account-names';
import { ErrorCode } from '../core/errors/catalogue';
import { failsWith, validationErrorToDomainError } from '../core/errors/validation';
import { CodePointLength, trimmed } from '../core/http/code-point-length';

// The rules of the fields that name an account, defined once for every way an account is made or
// changed (sign-up, profile, administrators, the command line, and logins that look names up).

export const USERNAME_RULE = '4-20 letters, digits or _, starting with a letter';
export const NICKNAME_RULE = '1-20 characters, no control characters';
export const EMAIL_MAX_LENGTH = 254;

const folded = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? foldEmail(value) : value);

/**
 * Characters a nickname may not hold: C0/C1 controls (CR and LF would start new lines in the
 * plain-text mails that greet people by nickname), line and paragraph separators, and the
 * bidirectional overrides and isolates that make text read otherwise than it is stored.
 */
const NICKNAME_CHARACTERS = /^[^\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]*$/u;

// class-validator checks a field's rules in the order they were applied and reports the first that
// fails; applyDecorators applies its list first to last (stacked decorators apply bottom to top).

/** A username (1021): 4-20 of A-Z a-z 0-9 _, starting with a letter. */
export const Username = (): PropertyDecorator =>
  applyDecorators(
    Matches(USERNAME_PATTERN, failsWith(ErrorCode.USERNAME_INVALID, `username must be ${USERNAME_RULE}`)),
    IsString(failsWith(ErrorCode.USERNAME_INVALID)),
  );

/** An email address (1022), folded as every address is stored. */
export const EmailAddress = (): PropertyDecorator =>
  applyDecorators(
    IsEmail({}, failsWith(ErrorCode.EMAIL_INVALID, 'email is not a valid address')),
    MaxLength(EMAIL_MAX_LENGTH, failsWith(ErrorCode.EMAIL_INVALID)),
    IsString(failsWith(ErrorCode.EMAIL_INVALID)),
    Transform(folded),
  );

/** A nickname (1029): trimmed, 1-20 characters, no control characters. */
export const Nickname = (): PropertyDecorator =>
  applyDecorators(
    Transform(trimmed),
    IsString(failsWith(ErrorCode.NICKNAME_INVALID)),
    CodePointLength(1, 20, failsWith(ErrorCode.NICKNAME_INVALID, 'nickname must be 1-20 characters')),
    Matches(NICKNAME_CHARACTERS, failsWith(ErrorCode.NICKNAME_INVALID, 'nickname must not hold control characters')),
  );

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

/** The name and address of a new account made outside a request (the command line). */
class AccountName {
  @IsDefined()
  @Username()
  username: string;

  @IsDefined()
  @EmailAddress()
  email: string;
}

/** The name and address checked by the rules of a sign-up: the address folded, or 1021 / 1022. */
export function checkedAccountName(input: { username: string; email: string }): { username: string; email: string } {
  const fields = plainToInstance(AccountName, { username: input.username, email: input.email });
  const errors = validateSync(fields, { stopAtFirstError: true });
  if (errors.length > 0) throw validationErrorToDomainError(errors);
  return fields;
}
