import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { ErrorCode } from '../../core/errors/catalogue';
import { failsWith } from '../../core/errors/validation';

/** How long a captcha of either kind may be answered. */
export const CAPTCHA_TTL_MS = 5 * 60_000;
/** A solved ALTCHA challenge is well under 1 KiB of base64. */
const PAYLOAD_MAX = 4096;

/**
 * The answer to GET /captcha, sent along with the request it guards (registration): a solved
 * ALTCHA challenge (`altcha`, as the widget names its form field, or `captchaPayload`), or the
 * id and text of an image captcha.
 */
export class CaptchaAnswerDto {
  @ApiPropertyOptional({ description: "ALTCHA: the base64 JSON payload of the solved challenge (the widget's form field)" })
  @IsOptional()
  @IsString(failsWith(ErrorCode.CODE_WRONG))
  @MaxLength(PAYLOAD_MAX, failsWith(ErrorCode.CODE_WRONG))
  altcha?: string;

  @ApiPropertyOptional({ description: 'ALTCHA: the same payload under another name, for clients that are not forms' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.CODE_WRONG))
  @MaxLength(PAYLOAD_MAX, failsWith(ErrorCode.CODE_WRONG))
  captchaPayload?: string;

  @ApiPropertyOptional({ description: 'image captcha: its captchaId from GET /captcha' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.CODE_EXPIRED))
  captchaId?: string;

  @ApiPropertyOptional({ description: 'image captcha: the text of the image' })
  @IsOptional()
  @IsString(failsWith(ErrorCode.CODE_WRONG))
  @MaxLength(16, failsWith(ErrorCode.CODE_WRONG))
  captchaCode?: string;
}

/** An ALTCHA challenge's signed parameters, as altcha-lib makes them (PoW v2, ALTCHA widget 3). */
export class AltchaParametersDto {
  @ApiProperty({ example: 'PBKDF2/SHA-256' })
  algorithm: string;

  @ApiProperty({ description: 'PBKDF2 iterations per counter' })
  cost: number;

  @ApiProperty()
  nonce: string;

  @ApiProperty()
  salt: string;

  @ApiProperty()
  keyLength: number;

  @ApiProperty({ description: 'hex the derived key of the solution starts with' })
  keyPrefix: string;

  @ApiPropertyOptional()
  keySignature?: string;

  @ApiPropertyOptional({ description: 'unix seconds' })
  expiresAt?: number;
}

export class AltchaChallengeDto {
  @ApiProperty({ enum: ['altcha'] })
  kind: 'altcha';

  @ApiProperty({ type: AltchaParametersDto, description: 'with `signature`, the challenge to give the ALTCHA widget or solveChallenge' })
  parameters: AltchaParametersDto;

  @ApiProperty()
  signature: string;

  @ApiProperty()
  expiresAt: Date;
}

export class ImageCaptchaDto {
  @ApiProperty({ enum: ['image'] })
  kind: 'image';

  @ApiProperty()
  captchaId: string;

  @ApiProperty({ description: 'an SVG image of the text to type' })
  svg: string;

  @ApiProperty()
  expiresAt: Date;
}

export type CaptchaDto = AltchaChallengeDto | ImageCaptchaDto;
