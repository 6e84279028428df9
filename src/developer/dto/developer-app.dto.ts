import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, MinLength } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { CodePointLength, trimmed } from '../../core/http/code-point-length';
import { AppStatus, DeveloperApp } from '../../generated/prisma/client';
import { IsAllowedOrigin } from '../../signing/allowed-origins';

/** A developer app's (or user library's) trimmed name: 1-80 characters as people count them (the column is VARCHAR(80)). */
export const DeveloperAppName = (): PropertyDecorator =>
  applyDecorators(
    Transform(trimmed),
    IsString(failsWith(ErrorCode.MALFORMED_REQUEST, 'name is text')),
    MinLength(1, failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING, 'name is required')),
    CodePointLength(1, 80, failsWith(ErrorCode.MALFORMED_REQUEST, 'name is at most 80 characters')),
  );

const OWNER_STATUSES = [AppStatus.ENABLED, AppStatus.DISABLED] as const;
const ALL_STATUSES = Object.values(AppStatus);

export class CreateDeveloperAppDto {
  @ApiProperty({ example: 'My game', maxLength: 80 })
  @IsDefined()
  @DeveloperAppName()
  name: string;
}

/** What the owner may change: the name, and ENABLED or DISABLED (only an administrator closes). */
export class UpdateDeveloperAppDto {
  @ApiPropertyOptional({ example: 'My game (beta)', maxLength: 80 })
  @IsOptional()
  @DeveloperAppName()
  name?: string;

  @ApiPropertyOptional({ enum: OWNER_STATUSES })
  @IsOptional()
  @IsIn(OWNER_STATUSES, failsWith(ErrorCode.CHOICE_INVALID, 'status must be ENABLED or DISABLED'))
  status?: (typeof OWNER_STATUSES)[number];

  @ApiPropertyOptional({
    example: ['https://game.example.com'],
    description: 'origins the open API accepts in Origin/Referer (-1 otherwise); a bare host means https',
  })
  @IsOptional()
  @IsArray(failsWith(ErrorCode.CHOICE_INVALID, 'allowedDomains is a list'))
  @ArrayMaxSize(100, failsWith(ErrorCode.CHOICE_INVALID, 'too many domains'))
  @IsAllowedOrigin({ each: true, ...failsWith(ErrorCode.CHOICE_INVALID) })
  allowedDomains?: string[];
}

export class AdminDeveloperAppStatusDto {
  @ApiProperty({ enum: ALL_STATUSES, description: 'CLOSED shuts the app’s API; ENABLED or DISABLED reopens it' })
  @IsDefined()
  @IsIn(ALL_STATUSES, failsWith(ErrorCode.CHOICE_INVALID, 'status must be ENABLED, DISABLED or CLOSED'))
  status: AppStatus;
}

export class DeveloperAppDto {
  @ApiProperty({ example: 'dk0123456789abcdef0123' })
  apiId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ALL_STATUSES })
  status: AppStatus;

  @ApiProperty({ description: 'end users the app may register' })
  userCap: number;

  @ApiProperty({ type: [String] })
  allowedDomains: string[];

  @ApiProperty()
  expiresAt: Date;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

/** The answer that carries the key: creation and rotation, never again. */
export class IssuedDeveloperAppDto extends DeveloperAppDto {
  @ApiProperty({ description: 'HMAC-SHA256 key of the open API; shown in this answer only' })
  apiKey: string;

  @ApiPropertyOptional({ nullable: true, type: Date, description: 'after a rotation: until when the previous key still signs' })
  previousKeyExpiresAt?: Date | null;
}

/** The answer of a binding: the app and the span id of its library. */
export class BoundDeveloperAppDto extends DeveloperAppDto {
  @ApiProperty({ example: 'sp0123456789abcdef0123' })
  spanId: string;
}

export class AdminDeveloperAppDto extends DeveloperAppDto {
  @ApiProperty({ description: "the owner's uuid" })
  ownerUuid: string;
}

/** Everything but the key. */
export const developerAppDto = (app: DeveloperApp): DeveloperAppDto => ({
  apiId: app.apiId,
  name: app.name,
  status: app.status,
  userCap: app.userCap,
  allowedDomains: app.allowedDomains,
  expiresAt: app.expiresAt,
  createdAt: app.createdAt,
  updatedAt: app.updatedAt,
});

export const adminDeveloperAppDto = (app: DeveloperApp): AdminDeveloperAppDto => ({ ...developerAppDto(app), ownerUuid: app.ownerId });
