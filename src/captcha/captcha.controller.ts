import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access } from '../auth/access.decorators';
import { ApiData } from '../core/http/envelope';
import { CaptchaService } from './captcha.service';
import { AltchaChallengeDto, CaptchaDto, ImageCaptchaDto } from './dto/captcha.dto';

@ApiTags('captcha')
@Controller('captcha')
export class CaptchaController {
  constructor(private readonly captchas: CaptchaService) {}

  @Get()
  @Access({ caller: 'app', scope: 'accounts' })
  @ApiOperation({
    summary: 'A new captcha, 5 minutes, one use: an ALTCHA proof-of-work challenge, or an image (CAPTCHA_KIND=image, 5 tries)',
  })
  @ApiData({ oneOf: [AltchaChallengeDto, ImageCaptchaDto] })
  issue(@Req() request: FastifyRequest): Promise<CaptchaDto> {
    return this.captchas.issue(request.ip);
  }
}
