import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { RateLimiter, tooManyRequests } from '../core/rate-limit/rate-limiter';
import { UserStatus } from '../generated/prisma/client';
import { PasswordsService } from './passwords.service';
import { IssuedSession, SessionsService } from './sessions.service';

export interface LoginClient {
  ip: string;
  userAgent?: string;
}

interface LoginCandidate {
  id: string;
  password_hash: string;
  status: UserStatus;
}

/**
 * Password login. Unknown account and wrong password answer alike (1031) after the same bcrypt
 * work. Attempts are counted per account and per IP before the password is checked, so parallel
 * guesses cannot slip past the limit; a successful login clears the account's count.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async login(account: string, password: string, appId: number, client: LoginClient): Promise<IssuedSession> {
    const name = account.trim();
    const accountKey = `login:account:${name.toLowerCase()}`;
    await this.count(`login:ip:${client.ip}`, this.config.LOGIN_LIMIT_PER_IP, client, { ip: client.ip });
    await this.count(accountKey, this.config.LOGIN_LIMIT_PER_ACCOUNT, client, { account: name.toLowerCase() });

    const user = await this.find(name);
    if (!(await this.passwords.matches(password, user?.password_hash))) throw new DomainError(ErrorCode.LOGIN_FAILED);
    if (!user || user.status !== UserStatus.ACTIVE) {
      throw new DomainError(ErrorCode.ACCOUNT_NOT_ACTIVE, `account is ${user?.status}`, { data: { status: user?.status } });
    }
    if (this.config.LOGIN_LIMIT_PER_ACCOUNT > 0) await this.limiter.reset(accountKey, this.config.LOGIN_LIMIT_WINDOW_SECONDS);
    return this.sessions.create(user.id, appId, client);
  }

  /** Counts one attempt; past the limit 1075, and the first refusal of a window goes to the audit log. */
  private async count(key: string, limit: number, client: LoginClient, details: Record<string, string>): Promise<void> {
    if (limit <= 0) return;
    const state = await this.limiter.hit(key, this.config.LOGIN_LIMIT_WINDOW_SECONDS);
    if (state.count <= limit) return;
    if (state.count === limit + 1) {
      await this.audit.record({ action: 'login.limited', ip: client.ip, details: { ...details, limit } });
    }
    throw tooManyRequests(state);
  }

  /** By email when the account holds an @, else by username (case-insensitively, through the lower() index). */
  private async find(account: string): Promise<LoginCandidate | undefined> {
    const rows = account.includes('@')
      ? await this.prisma.hotQuery<LoginCandidate>('SELECT id, password_hash, status FROM users WHERE email = $1', [account.toLowerCase()])
      : await this.prisma.hotQuery<LoginCandidate>('SELECT id, password_hash, status FROM users WHERE lower(username) = lower($1)', [account]);
    return rows[0];
  }
}
