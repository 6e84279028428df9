import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';

export class LoginDto {
  @ApiProperty({ description: 'username or email', example: 'alice' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.LOGIN_FAILED))
  @MaxLength(254, failsWith(ErrorCode.LOGIN_FAILED))
  account: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.LOGIN_FAILED))
  @MaxLength(1024, failsWith(ErrorCode.LOGIN_FAILED))
  password: string;
}

export class IssuedSessionDto {
  @ApiProperty({ description: 'the user id', example: '6f1c2d3e-0000-4000-8000-000000000000' })
  uuid: string;

  @ApiProperty({ description: 'the session key: shown once, send it as Authorization: Bearer <uuid>.<ukey>' })
  ukey: string;

  @ApiProperty()
  expiresAt: Date;
}

export class SessionDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ description: 'app_id the session was created under' })
  app: string;

  @ApiProperty({ nullable: true, type: String })
  ip: string | null;

  @ApiProperty({ nullable: true, type: String })
  userAgent: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  lastSeenAt: Date;

  @ApiProperty()
  expiresAt: Date;

  @ApiProperty({ description: 'the session of this request' })
  current: boolean;
}
