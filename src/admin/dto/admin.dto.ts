import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
} from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { trimmed } from '../../core/http/code-point-length';
import { UserStatus } from '../../generated/prisma/client';
import { Reason } from '../../points/dto/points.dto';
import { IsAllowedOrigin } from '../../signing/allowed-origins';

const choice = (what: string) => failsWith(ErrorCode.CHOICE_INVALID, what);

/** A group's storage quota, optional wherever a group is written. */
const StorageQuotaBytes = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      example: 1073741824,
      description: 'bytes of files each member may hold; 0 (the default for a new group): unlimited',
    }),
    IsOptional(),
    IsInt(choice('storageQuotaBytes is a whole number')),
    Min(0, choice('storageQuotaBytes is 0 or more')),
    Max(Number.MAX_SAFE_INTEGER, choice('storageQuotaBytes is too large')),
  );

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ['ACTIVE', 'LOCKED', 'BANNED'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'LOCKED', 'BANNED'], choice('status must be ACTIVE, LOCKED or BANNED'))
  status?: 'ACTIVE' | 'LOCKED' | 'BANNED';

  @ApiPropertyOptional({ example: 'vip', description: 'group name' })
  @IsOptional()
  @IsString(choice('group is a group name'))
  @MaxLength(32, choice('no such group'))
  group?: string;
}

export class AdjustmentDto {
  @ApiProperty({ example: 50, description: 'added when positive, taken when negative; never zero' })
  @IsDefined()
  @IsInt(failsWith(ErrorCode.MALFORMED_REQUEST, 'delta must be a whole number'))
  @NotEquals(0, choice('delta must not be zero'))
  @Min(-1_000_000_000, failsWith(ErrorCode.MALFORMED_REQUEST, 'delta is too large'))
  @Max(1_000_000_000, failsWith(ErrorCode.MALFORMED_REQUEST, 'delta is too large'))
  delta: number;

  @Reason('compensation for the outage')
  reason: string;
}

export class GroupChangesDto {
  @ApiPropertyOptional({ example: 25 })
  @IsOptional()
  @IsInt(choice('rank is a whole number'))
  @Min(0, choice('rank is 0-1000'))
  @Max(1000, choice('rank is 0-1000'))
  rank?: number;

  @ApiPropertyOptional({ example: ['message.receive', 'file.upload'] })
  @IsOptional()
  @IsArray(choice('permissions is a list'))
  @ArrayMaxSize(50, choice('too many permissions'))
  @IsString({ each: true, ...choice('permissions are names') })
  permissions?: string[];

  @ApiPropertyOptional({ description: 'new users join the default group' })
  @IsOptional()
  @IsBoolean(choice('isDefault is true or false'))
  isDefault?: boolean;

  @StorageQuotaBytes()
  storageQuotaBytes?: number;
}

export class CreateGroupDto {
  @ApiProperty({ example: 'supporter' })
  @IsDefined()
  @IsString(choice('name is text'))
  @Matches(/^[a-z][a-z0-9_-]{1,31}$/, choice('name is 2-32 of a-z 0-9 _ -, starting with a letter'))
  name: string;

  @ApiProperty({ example: 25 })
  @IsDefined()
  @IsInt(choice('rank is a whole number'))
  @Min(0, choice('rank is 0-1000'))
  @Max(1000, choice('rank is 0-1000'))
  rank: number;

  @ApiProperty({ example: ['message.receive'] })
  @IsDefined()
  @IsArray(choice('permissions is a list'))
  @ArrayMaxSize(50, choice('too many permissions'))
  @IsString({ each: true, ...choice('permissions are names') })
  permissions: string[];

  @StorageQuotaBytes()
  storageQuotaBytes?: number;
}

export class CreateAppDto {
  @ApiProperty({ example: 'iOS' })
  @Transform(trimmed)
  @IsDefined()
  @IsString(failsWith(ErrorCode.MALFORMED_REQUEST))
  @MinLength(1, failsWith(ErrorCode.REQUIRED_PARAMETER_MISSING, 'name is required'))
  @MaxLength(80, failsWith(ErrorCode.MALFORMED_REQUEST, 'name is at most 80 characters'))
  name: string;

  @ApiPropertyOptional({
    example: ['accounts', 'auth', 'users'],
    description: 'endpoint groups, or * for all; default: app (GET /apps/me) only',
  })
  @IsOptional()
  @IsArray(choice('scopes is a list'))
  @ArrayMaxSize(50, choice('too many scopes'))
  @Matches(/^(\*|[a-z][a-z0-9_.-]{0,39})$/, { each: true, ...choice('a scope is * or a lower-case name') })
  scopes?: string[];

  @ApiPropertyOptional({
    example: ['https://app.example.com', 'https://*.example.com', 'http://localhost:3000'],
    description: 'origins; a bare host means https',
  })
  @IsOptional()
  @IsArray(choice('allowedDomains is a list'))
  @ArrayMaxSize(100, choice('too many domains'))
  @IsAllowedOrigin({ each: true, ...failsWith(ErrorCode.CHOICE_INVALID) })
  allowedDomains?: string[];

  @ApiPropertyOptional({ enum: ['ENABLED', 'DISABLED', 'CLOSED'] })
  @IsOptional()
  @IsIn(['ENABLED', 'DISABLED', 'CLOSED'], choice('status must be ENABLED, DISABLED or CLOSED'))
  status?: 'ENABLED' | 'DISABLED' | 'CLOSED';
}

/** Any of an app's settings; the ones left out stay as they are. */
export class AppSettingsDto extends PartialType(CreateAppDto) {}

/** A user as administrators see them (GET /admin/users). */
export class AdminUserDto {
  @ApiProperty()
  uuid: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  nickname: string;

  @ApiProperty({ enum: UserStatus })
  status: UserStatus;

  @ApiProperty({ example: 'member' })
  group: string;

  @ApiProperty()
  points: number;

  @ApiProperty({ description: 'money, in cents' })
  balanceCents: number;

  @ApiProperty({ nullable: true, type: Date })
  emailVerifiedAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

export class GroupDto {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'vip' })
  name: string;

  @ApiProperty({ description: 'higher ranks act on lower ones' })
  rank: number;

  @ApiProperty({ type: [String], example: ['message.receive', 'file.upload'] })
  permissions: string[];

  @ApiProperty({ description: 'the group every new user joins' })
  isDefault: boolean;

  @ApiProperty({ description: 'bytes of files each member may hold; 0 is unlimited' })
  storageQuotaBytes: number;

  @ApiProperty()
  createdAt: Date;
}

/** A first-party app as administrators see it: everything but its keys. */
export class AdminAppDto {
  @ApiProperty()
  appId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'ENABLED' })
  status: string;

  @ApiProperty({ type: [String] })
  scopes: string[];

  @ApiProperty({ type: [String] })
  allowedDomains: string[];

  @ApiProperty({ description: 'false for a public client such as web, which does not sign' })
  hasKey: boolean;

  @ApiProperty({ nullable: true, type: Date, description: 'until when the previous key still works' })
  previousKeyExpiresAt: Date | null;

  @ApiProperty({ nullable: true, type: String, description: 'the uuid of the administrator who registered it' })
  createdBy: string | null;

  @ApiProperty()
  createdAt: Date;
}

export class IssuedAppKeyDto {
  @ApiProperty()
  appId: string;

  @ApiProperty({ description: 'shown in this answer only' })
  appKey: string;
}

export class RotatedAppKeyDto extends IssuedAppKeyDto {
  @ApiProperty({ nullable: true, type: Date, description: 'until when the previous key still works (null: at once no more)' })
  previousKeyExpiresAt: Date | null;
}
