import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsInt, Max, Min } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';

export const MAX_DOWNLOADS = 1000;

export class FileDto {
  @ApiProperty({ description: 'file id' })
  flid: string;

  @ApiProperty({ description: 'the uploaded file name, without folders or control characters' })
  name: string;

  @ApiProperty({ description: '1-8 of [0-9A-Za-z], as sent; zip files are checked as archives' })
  type: string;

  @ApiProperty({ description: 'bytes' })
  size: number;

  @ApiProperty({ description: 'hex SHA-256 of the bytes (also the ETag of a download)' })
  sha256: string;

  @ApiProperty()
  createdAt: Date;
}

export class CreateCredentialDto {
  @ApiProperty({ minimum: 1, maximum: MAX_DOWNLOADS, description: 'downloads the credential allows (1049 outside)' })
  @IsDefined()
  @IsInt(failsWith(ErrorCode.DOWNLOAD_COUNT_INVALID, 'maxDownloads is a whole number'))
  @Min(1, failsWith(ErrorCode.DOWNLOAD_COUNT_INVALID, `maxDownloads is 1-${MAX_DOWNLOADS}`))
  @Max(MAX_DOWNLOADS, failsWith(ErrorCode.DOWNLOAD_COUNT_INVALID, `maxDownloads is 1-${MAX_DOWNLOADS}`))
  maxDownloads: number;

  @ApiProperty({ minimum: 1, description: 'seconds the credential works, at most CREDENTIAL_MAX_SECONDS (1074 outside)' })
  @IsDefined()
  @IsInt(failsWith(ErrorCode.MALFORMED_REQUEST, 'expiresInSeconds is a whole number'))
  @Min(1, failsWith(ErrorCode.MALFORMED_REQUEST, 'expiresInSeconds is at least 1'))
  expiresInSeconds: number;
}

export class CredentialDto {
  @ApiProperty({ description: '256 bits, URL-safe; shown once (only its SHA-256 is kept)' })
  credential: string;

  @ApiProperty({ example: '/api/v1/download/3q2-7wX...' })
  url: string;

  @ApiProperty()
  expiresAt: Date;
}
