import { Injectable } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LoginFailureReason, Metrics } from '../core/metrics/metrics';
import { UserStatus } from '../generated/prisma/client';
import { foldEmail, USERNAME_PATTERN } from './account-names';
import { AttemptsService } from './attempts.service';
import { LoginCandidate, loginCandidateByEmail, loginCandidateByUsername } from './auth.sql';
import { PasswordsService } from './passwords.service';
import { IssuedSession, SessionsService } from './sessions.service';

export interface LoginClient {
  ip: string;
  userAgent?: string;
}

/** 1032 (with the status) unless the account is active: every way in answers a locked, banned or unverified account so. */
export function assertCanLogIn(status: UserStatus | undefined): void {
  if (status !== UserStatus.ACTIVE) throw new DomainError(ErrorCode.ACCOUNT_NOT_ACTIVE, `account is ${status}`, { data: { status } });
}

/**
 * Password login. Unknown account and wrong password answer alike (1031) after the same bcrypt
 * work. Attempts are counted per IP, then per account (the account the name resolves to, so its
 * username and email share one budget), before the password is checked; a successful login clears
 * the account's count and is audited with its session.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    private readonly attempts: AttemptsService,
    private readonly metrics: Metrics,
  ) {}

  async login(account: string, password: string, appId: number, client: LoginClient): Promise<IssuedSession> {
    const user = await this.checkPassword(account, password, client);
    return this.sessions.create(user.id, appId, client);
  }

  /**
   * The active account `account` names, when `password` is its password: the checks of a login
   * without the session (1031, 1032, 1075), for a flow that opens the session itself. 1075 comes
   * first, before any query, when password checks are queued past BCRYPT_MAX_WAIT_MS.
   */
  async checkPassword(account: string, password: string, client: LoginClient): Promise<{ id: string }> {
    await this.passwords.admitHashing();
    const name = account.trim();
    await this.attempts.countClient(client).catch((error: unknown) => this.refused(error));
    const user = await this.find(name);
    const target = { userId: user?.id, name: name.toLowerCase() };
    await this.attempts.countAccount(this.attempts.password, target, client).catch((error: unknown) => this.refused(error));

    const matched = await this.passwords.matches(password, user?.password_hash);
    if (!matched || !user) {
      this.failed(user ? 'wrong_password' : 'unknown_account');
      throw new DomainError(ErrorCode.LOGIN_FAILED);
    }
    if (user.status !== UserStatus.ACTIVE) this.failed('not_active');
    assertCanLogIn(user.status);
    await this.attempts.clear(this.attempts.password, target);
    this.metrics.passwords.loginSuccesses.inc({});
    return { id: user.id };
  }

  /** Counts a refused login by its reason (the client sees 1031 for both unknown and wrong, the operator tells them apart). */
  private failed(reason: LoginFailureReason): void {
    this.metrics.passwords.loginFailures.inc({ reason });
  }

  /** An attempt the limiter refused is a login failure too; any other error (the store down) is not. */
  private refused(error: unknown): never {
    if (error instanceof DomainError && error.code === ErrorCode.RATE_LIMITED) this.failed('rate_limited');
    throw error;
  }

  /**
   * The logged-in user's own password, asked again before something that needs it (a password
   * change, removing the QQ a session was opened with): 1028 when wrong. Tries draw on the login's
   * budget of the account and of the IP, counted before the compare (1075 past it), so a stolen
   * session cannot guess the password any faster than a login can.
   */
  async confirmPassword(userId: string, password: string, client: LoginClient): Promise<void> {
    await this.attempts.countClient(client);
    await this.attempts.countAccount(this.attempts.password, { userId }, client);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
    if (!(await this.passwords.matches(password, user.passwordHash))) {
      throw new DomainError(ErrorCode.PASSWORD_INVALID, 'the current password is wrong');
    }
    await this.attempts.clear(this.attempts.password, { userId });
  }

  /**
   * By email when the name holds an @ (folded as every email is stored), else by username through
   * the lower() index that keeps usernames unique. Usernames are ASCII, where lower() and
   * JavaScript agree; any other name is no username, so it never reaches lower() (which folds
   * e.g. `İ` to `i` under some collations and would match `admİn` to `admin`).
   */
  private async find(name: string): Promise<LoginCandidate | undefined> {
    if (name.includes('@')) return loginCandidateByEmail(this.prisma, foldEmail(name));
    if (!USERNAME_PATTERN.test(name)) return undefined;
    return loginCandidateByUsername(this.prisma, name);
  }
}
