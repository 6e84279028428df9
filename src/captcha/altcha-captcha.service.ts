import { hkdfSync, randomInt } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Challenge, ChallengeParameters, Solution } from 'altcha-lib';
import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

import { AppConfig } from '../core/config/app-config';
import { loadSecretKey } from '../core/crypto/secret-cipher';
import { sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Scheduler } from '../core/schedule/scheduler';
import { CAPTCHA_TTL_MS } from './dto/captcha.dto';

/** Native in browsers (WebCrypto) and in Node, so the widget and a script solve it alike. */
const ALGORITHM = 'PBKDF2/SHA-256';

export interface AltchaChallenge {
  parameters: ChallengeParameters;
  signature: string;
  expiresAt: Date;
}

interface SolvedChallenge {
  challenge: Challenge;
  solution: Solution;
}

/**
 * Proof-of-work captchas (ALTCHA, PoW v2): a challenge is signed, so issuing one stores nothing;
 * the client spends CPU finding the counter the server picked, and the server checks the answer
 * with one HMAC (the derived key's signature, made when the challenge was). A solved challenge
 * is recorded until it expires, so it is accepted once.
 */
@Injectable()
export class AltchaCaptchaService implements OnModuleInit {
  /** Derived from APP_SECRET_KEY (required in production), each for its one use. */
  private readonly secrets: { signature: string; keySignature: string };

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly scheduler: Scheduler,
  ) {
    const key = loadSecretKey(config);
    this.secrets = { signature: derive(key, 'captcha:altcha:challenge'), keySignature: derive(key, 'captcha:altcha:key') };
  }

  onModuleInit(): void {
    this.scheduler.register({ name: 'expired-captcha-solutions', everySeconds: this.scheduler.sweepPeriod(), run: () => this.sweep() });
  }

  /** A challenge whose answer is a counter between half of CAPTCHA_POW_MAX_NUMBER and all of it. */
  async issue(): Promise<AltchaChallenge> {
    const max = this.config.CAPTCHA_POW_MAX_NUMBER;
    const challenge = await createChallenge({
      algorithm: ALGORITHM,
      cost: this.config.CAPTCHA_POW_COST,
      counter: randomInt(Math.ceil(max / 2), max + 1),
      deriveKey,
      expiresAt: new Date(Date.now() + CAPTCHA_TTL_MS),
      hmacSignatureSecret: this.secrets.signature,
      hmacKeySignatureSecret: this.secrets.keySignature,
    });
    const { parameters, signature } = challenge;
    return { parameters, signature: signature!, expiresAt: new Date(parameters.expiresAt! * 1000) };
  }

  /**
   * Checks and spends a solved challenge (the widget's base64 JSON payload): 1011 when none was
   * sent, 1034 when it is not a solution of a challenge of ours, 1033 when expired or already used.
   */
  async check(payload: string | undefined): Promise<void> {
    if (!payload) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'altcha (the solved captcha) is required');
    const solved = parsePayload(payload);
    if (!solved) throw new DomainError(ErrorCode.CODE_WRONG, 'not an ALTCHA payload');
    const result = await verifySolution({
      ...solved,
      deriveKey,
      hmacSignatureSecret: this.secrets.signature,
      hmacKeySignatureSecret: this.secrets.keySignature,
    }).catch(() => undefined);
    if (result?.expired) throw new DomainError(ErrorCode.CODE_EXPIRED);
    if (!result?.verified) throw new DomainError(ErrorCode.CODE_WRONG);
    await this.spend(solved.challenge.parameters);
  }

  /** Once verified, the parameters are those we signed: a nonce, a salt and an expiry of ours. */
  private async spend({ nonce, salt, expiresAt }: ChallengeParameters): Promise<void> {
    const { count } = await this.prisma.captchaSolution.createMany({
      data: [{ challengeHash: sha256(`${nonce}:${salt}`), expiresAt: new Date(expiresAt! * 1000) }],
      skipDuplicates: true,
    });
    if (count === 0) throw new DomainError(ErrorCode.CODE_EXPIRED, 'this captcha was already used');
  }

  /** An expired challenge fails verification by itself, so its record is no longer needed. */
  private async sweep(): Promise<number> {
    const { count } = await this.prisma.captchaSolution.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - CAPTCHA_TTL_MS) } } });
    return count;
  }
}

const derive = (key: Buffer, purpose: string): string => Buffer.from(hkdfSync('sha256', key, '', purpose, 32)).toString('hex');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The payload's shape, or undefined; whether it holds is verifySolution's to say. */
function parsePayload(payload: string): SolvedChallenge | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(decoded) || !isObject(decoded.challenge) || !isObject(decoded.solution)) return undefined;
  const { parameters, signature } = decoded.challenge;
  if (!isObject(parameters) || typeof signature !== 'string' || typeof parameters.expiresAt !== 'number') return undefined;
  return {
    challenge: { parameters: parameters as unknown as ChallengeParameters, signature },
    solution: decoded.solution as unknown as Solution,
  };
}
