import { randomUUID } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';
import svgCaptcha from 'svg-captcha';

import { sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { ReadinessFailure } from '../core/process/readiness-check';
import { Scheduler } from '../core/schedule/scheduler';
import { captchaOutOfTries, spendCaptchaTry } from './captcha.sql';
import { CAPTCHA_TTL_MS } from './dto/captcha.dto';

export const CAPTCHA_MAX_ATTEMPTS = 5;
/** Letters and digits that cannot be mistaken for one another in the image. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

export interface IssuedCaptcha {
  captchaId: string;
  svg: string;
  expiresAt: Date;
  /** The text in the image: never sent to the client, only kept hashed. */
  answer: string;
}

/**
 * Image captchas (CAPTCHA_KIND=image): the answer is stored hashed (salted with the id),
 * single-use, 5 minutes, 5 tries. Scripts read these images; the proof-of-work kind is the default.
 */
const render = (): { text: string; data: string } => svgCaptcha.create({ size: 5, noise: 2, charPreset: ALPHABET, background: '#f4f4f5' });

@Injectable()
export class ImageCaptchaService implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: 'expired-captchas', everySeconds: this.scheduler.sweepPeriod(), run: () => this.sweep() });
  }

  async issue(): Promise<IssuedCaptcha> {
    const image = render();
    const expiresAt = new Date(Date.now() + CAPTCHA_TTL_MS);
    const id = randomUUID();
    await this.prisma.captcha.create({ data: { id, answerHash: answerHash(id, image.text), expiresAt } });
    return { captchaId: id, svg: image.data, expiresAt, answer: image.text };
  }

  /**
   * Checks and consumes the captcha, one try at a time (captcha.sql.ts): 1011 when none was sent,
   * 1033 unknown, used or expired, 1034 wrong (after CAPTCHA_MAX_ATTEMPTS of them it is burnt).
   */
  async check(captchaId: string | undefined, answer: string | undefined): Promise<void> {
    if (!captchaId || !answer) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'captchaId and captchaCode are required');
    const id = read.uuid(captchaId);
    if (!id) throw new DomainError(ErrorCode.CODE_EXPIRED);
    const accepted = await spendCaptchaTry(this.prisma, id, answerHash(id, answer), CAPTCHA_MAX_ATTEMPTS);
    if (accepted) return;
    if (accepted === false) throw new DomainError(ErrorCode.CODE_WRONG);
    if (await captchaOutOfTries(this.prisma, id, CAPTCHA_MAX_ATTEMPTS))
      throw new DomainError(ErrorCode.CODE_WRONG, 'too many wrong tries: ask for a new code');
    throw new DomainError(ErrorCode.CODE_EXPIRED);
  }

  /** For readiness (997): an image still renders, its letters drawn as paths from the font. */
  checkRenders(): Promise<void> {
    try {
      const image = render();
      if (image.text.length === 5 && /^<svg[\s\S]*<path[^>]* d="M[\s\S]*<\/svg>$/.test(image.data)) return Promise.resolve();
    } catch {
      // reported below
    }
    return Promise.reject(new ReadinessFailure('the captcha image does not render'));
  }

  /** Drops captchas long expired (indexed). */
  private async sweep(): Promise<number> {
    const { count } = await this.prisma.captcha.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - CAPTCHA_TTL_MS) } } });
    return count;
  }
}

/** Case-insensitive, as people read the image. */
const answerHash = (id: string, answer: string): Uint8Array<ArrayBuffer> => sha256(`${id}:${answer.trim().toLowerCase()}`);
