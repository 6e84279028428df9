import { Injectable } from '@nestjs/common';

import { AuditEvent, AuditService } from '../audit/audit.service';
import { AppConfig } from '../core/config/app-config';
import { LimiterName } from '../core/metrics/metrics';
import { clientKey } from '../core/rate-limit/client-key';
import { RateLimiter } from '../core/rate-limit/rate-limiter';

/** A secret people type and attackers guess, with how many tries one account gets per window. */
export interface GuessedSecret {
  /** Starts the limiter keys and names the audit action (`<name>.limited`). */
  name: 'login' | 'reset' | 'open_login';
  perAccount: number;
  windowSeconds: number;
}

/**
 * Whom an attempt aims at: the account the typed name resolved to, else the typed name itself
 * (folded), so an unknown name is limited like an account and the limit tells nothing.
 */
export interface AttemptTarget {
  userId?: string;
  name?: string;
}

export interface AttemptClient {
  ip: string;
}

/**
 * Attempts wherever a secret is checked (login, password change, reset code), counted BEFORE the
 * check so parallel guesses cannot slip past, in the shared limiter (PostgreSQL or Redis) so the
 * limit holds across processes. Per account, keyed by the account's id: its username and email
 * share one budget. Per client (its IP, an IPv6 client's /64), one budget for every kind of secret. 1075 with Retry-After
 * past either; the first refusal of a window is audited.
 */
@Injectable()
export class AttemptsService {
  /** The account password: login and password change draw on one budget. */
  readonly password: GuessedSecret;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.password = { name: 'login', perAccount: config.LOGIN_LIMIT_PER_ACCOUNT, windowSeconds: config.LOGIN_LIMIT_WINDOW_SECONDS };
  }

  /** Counts one attempt from the client's IP. */
  async countClient(client: AttemptClient): Promise<void> {
    const { LOGIN_LIMIT_PER_IP: limit, LOGIN_LIMIT_WINDOW_SECONDS: windowSeconds } = this.config;
    await this.count('login_ip', `login:ip:${clientKey(client.ip)}`, limit, windowSeconds, {
      action: 'login.limited',
      ip: client.ip,
      details: { ip: client.ip, limit },
    });
  }

  /** Counts one attempt at `target`'s `secret`. */
  async countAccount(secret: GuessedSecret, target: AttemptTarget, client: AttemptClient): Promise<void> {
    const details = { ...(target.name !== undefined && { account: target.name }), limit: secret.perAccount };
    const subject = target.userId ? { targetType: 'user', targetId: target.userId } : {};
    await this.count(`${secret.name}_account`, accountKey(secret, target), secret.perAccount, secret.windowSeconds, {
      action: `${secret.name}.limited`,
      ip: client.ip,
      ...subject,
      details,
    });
  }

  /** Forgets the account's count once its secret was right. */
  async clear(secret: GuessedSecret, target: AttemptTarget): Promise<void> {
    if (secret.perAccount > 0) await this.limiter.reset(accountKey(secret, target), secret.windowSeconds);
  }

  private async count(limiter: LimiterName, key: string, limit: number, windowSeconds: number, refusal: AuditEvent): Promise<void> {
    if (limit <= 0) return;
    const state = await this.limiter.hit(key, windowSeconds);
    if (state.count <= limit) return;
    if (state.count === limit + 1) await this.audit.record(refusal);
    throw this.limiter.refuse(limiter, state);
  }
}

const accountKey = (secret: GuessedSecret, target: AttemptTarget): string =>
  target.userId ? `${secret.name}:account:${target.userId}` : `${secret.name}:name:${target.name ?? ''}`;
