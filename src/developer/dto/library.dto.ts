import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsOptional, IsString, Matches } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';
import { DeveloperAppName } from './developer-app.dto';

export class CreateLibraryDto {
  @ApiProperty({ example: 'Players', maxLength: 80 })
  @IsDefined()
  @DeveloperAppName()
  name: string;

  @ApiPropertyOptional({ description: 'new end users confirm their address by a mailed link before they can log in', default: false })
  @IsOptional()
  @IsBoolean(failsWith(ErrorCode.MALFORMED_REQUEST, 'requireEmailVerification is true or false'))
  requireEmailVerification?: boolean;
}

export class UpdateLibraryDto {
  @ApiPropertyOptional({ example: 'Players (EU)', maxLength: 80 })
  @IsOptional()
  @DeveloperAppName()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(failsWith(ErrorCode.MALFORMED_REQUEST, 'requireEmailVerification is true or false'))
  requireEmailVerification?: boolean;
}

export class BindLibraryDto {
  @ApiProperty({ example: 'sp0123456789abcdef0123' })
  @IsDefined()
  @IsString(failsWith(ErrorCode.LIBRARY_NOT_FOUND))
  @Matches(/^[A-Za-z0-9]{1,40}$/, failsWith(ErrorCode.LIBRARY_NOT_FOUND, 'no such user library'))
  spanId: string;
}

export class LibraryDto {
  @ApiProperty({ example: 'sp0123456789abcdef0123' })
  spanId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  requireEmailVerification: boolean;

  @ApiProperty()
  expiresAt: Date;

  @ApiProperty({ nullable: true, type: Date, description: 'set once its owner deleted it' })
  deletedAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

/** One library in detail: its end users (deleted ones not counted) and the apps bound to it. */
export class LibraryDetailDto extends LibraryDto {
  @ApiProperty()
  endUsers: number;

  @ApiProperty({ type: [String], description: 'api ids of the apps bound to it' })
  apps: string[];
}
