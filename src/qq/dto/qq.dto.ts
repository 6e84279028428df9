import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { IssuedSessionDto, LoginDto } from '../../auth/dto/login.dto';
import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';

export const INTENTS = ['bind', 'login'] as const;
export type Intent = (typeof INTENTS)[number];

export class AuthorizeQueryDto {
  @ApiProperty({ enum: INTENTS, description: 'bind: bind a QQ to the logged-in user; login: log in with a QQ' })
  @IsDefined()
  @IsIn(INTENTS, failsWith(ErrorCode.CHOICE_INVALID, 'intent must be bind or login'))
  intent: Intent;

  @ApiProperty({
    description: "where the person goes back to: an http(s) URL on the app's allowed domains",
    example: 'https://app.example.com/qq-done',
  })
  @IsDefined()
  @IsString(failsWith(ErrorCode.DOMAIN_FORBIDDEN))
  @MaxLength(2048, failsWith(ErrorCode.DOMAIN_FORBIDDEN, 'returnTo is longer than 2048 characters'))
  returnTo: string;
}

export class AuthorizeBodyDto extends AuthorizeQueryDto {
  @ApiPropertyOptional({ description: 'the account password, asked again to bind a QQ (a session alone does not add a way in)' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.PASSWORD_INVALID))
  @MaxLength(1024, failsWith(ErrorCode.PASSWORD_INVALID))
  password?: string;
}

export class AuthorizeDto {
  @ApiProperty({ description: "QQ's authorize page (also the Location of the 302)" })
  url: string;

  @ApiProperty({ description: 'when the state in it stops working' })
  expiresAt: Date;

  @ApiProperty({
    description:
      'finishes this flow, once: keep it in the client that asked (never in a URL) and send it as X-QQ-Verifier to GET /qq/callback',
  })
  verifier: string;
}

export class QqReturnDto {
  @ApiProperty({ description: 'the returnTo given to /qq/authorize' })
  returnTo: string;
}

export class QqBindingDto {
  @ApiProperty({ description: 'the binding id' })
  raid: string;

  @ApiProperty({ description: 'app_id the binding was made under' })
  app: string;

  @ApiProperty({ description: "the QQ's nickname when it was bound" })
  nickname: string;

  @ApiProperty({ nullable: true, type: String })
  avatarUrl: string | null;

  @ApiProperty()
  createdAt: Date;
}

export class QqTicketDto {
  @ApiProperty({ description: 'single-use: POST /auth/login/qq binds this QQ to an account and logs in' })
  ticket: string;

  @ApiProperty()
  expiresAt: Date;

  @ApiProperty()
  nickname: string;

  @ApiProperty({ nullable: true, type: String })
  avatarUrl: string | null;
}

export const OUTCOMES = ['bound', 'session', 'ticket'] as const;

/** What a callback gave: exactly one of binding, session or ticket, as `outcome` says. */
export class QqCallbackDto {
  @ApiProperty({ enum: OUTCOMES, description: 'bound: the QQ is bound; session: logged in; ticket: the QQ is bound to no account yet' })
  outcome: (typeof OUTCOMES)[number];

  @ApiProperty({ description: 'the returnTo given to /qq/authorize' })
  returnTo: string;

  @ApiPropertyOptional({ type: QqBindingDto })
  binding?: QqBindingDto;

  @ApiPropertyOptional({ type: IssuedSessionDto })
  session?: IssuedSessionDto;

  @ApiPropertyOptional({ type: QqTicketDto })
  ticket?: QqTicketDto;
}

export class QqLoginDto extends LoginDto {
  @ApiProperty({ description: 'the ticket a login callback gave for a QQ no account holds yet' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.LINK_INVALID))
  @MaxLength(128, failsWith(ErrorCode.LINK_INVALID))
  ticket: string;
}

export class QqLoginResultDto extends IssuedSessionDto {
  @ApiProperty({ type: QqBindingDto })
  binding: QqBindingDto;
}

export class DeleteBindingDto {
  @ApiPropertyOptional({ description: 'the account password: needed when this session was opened with QQ' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.PASSWORD_INVALID))
  @MaxLength(1024, failsWith(ErrorCode.PASSWORD_INVALID))
  password?: string;
}
