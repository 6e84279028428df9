import { Injectable } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { clientKey } from '../core/rate-limit/client-key';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { AltchaCaptchaService } from './altcha-captcha.service';
import { CaptchaAnswerDto, CaptchaDto } from './dto/captcha.dto';
import { ImageCaptchaService } from './image-captcha.service';

/**
 * The captcha of the configured kind (CAPTCHA_KIND): a proof-of-work challenge (ALTCHA) by default,
 * or an image. Either way one IP (an IPv6 client's /64) gets at most CAPTCHA_LIMIT_PER_IP captchas, and may send at most
 * as many answers, per window (1075).
 */
@Injectable()
export class CaptchaService {
  constructor(
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly altcha: AltchaCaptchaService,
    private readonly image: ImageCaptchaService,
  ) {}

  async issue(ip: string): Promise<CaptchaDto> {
    await this.limit('issue', ip);
    if (this.config.CAPTCHA_KIND === 'image') {
      const { captchaId, svg, expiresAt } = await this.image.issue();
      return { kind: 'image', captchaId, svg, expiresAt };
    }
    return { kind: 'altcha', ...(await this.altcha.issue()) };
  }

  /**
   * Checks and spends the answer when CAPTCHA_REQUIRED: 1011 when none was sent, 1034 wrong,
   * 1033 unknown, expired or already used.
   */
  async check(answer: CaptchaAnswerDto, ip: string): Promise<void> {
    if (!this.config.CAPTCHA_REQUIRED) return;
    await this.limit('answer', ip);
    if (this.config.CAPTCHA_KIND === 'image') return this.image.check(answer.captchaId, answer.captchaCode);
    return this.altcha.check(answer.altcha ?? answer.captchaPayload);
  }

  private limit(action: 'issue' | 'answer', ip: string): Promise<void> {
    return this.limiter.consume(`captcha:${action}:ip:${clientKey(ip)}`, {
      limiter: action === 'issue' ? 'captcha_issue' : 'captcha_answer',
      limit: this.config.CAPTCHA_LIMIT_PER_IP,
      windowSeconds: this.config.CAPTCHA_LIMIT_WINDOW_SECONDS,
    });
  }
}
