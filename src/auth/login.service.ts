import { Injectable } from '@nestjs/common';
import { foldEmail, USERNAME_PATTERN } from '../accounts/dto/register.dto';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { UserStatus } from '../generated/prisma/client';
import { AttemptsService } from './attempts.service';
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
  ) {}

  async login(account: string, password: string, appId: number, client: LoginClient): Promise<IssuedSession> {
    const name = account.trim();
    await this.attempts.countClient(client);
    const user = await this.find(name);
    const target = { userId: user?.id, name: name.toLowerCase() };
    await this.attempts.countAccount(this.attempts.password, target, client);

    if (!(await this.passwords.matches(password, user?.password_hash))) throw new DomainError(ErrorCode.LOGIN_FAILED);
    if (!user || user.status !== UserStatus.ACTIVE) {
      throw new DomainError(ErrorCode.ACCOUNT_NOT_ACTIVE, `account is ${user?.status}`, { data: { status: user?.status } });
    }
    await this.attempts.clear(this.attempts.password, target);
    return this.sessions.create(user.id, appId, client);
  }

  /**
   * By email when the name holds an @ (folded as every email is stored), else by username through
   * the lower() index that keeps usernames unique. Usernames are ASCII, where lower() and
   * JavaScript agree; any other name is no username, so it never reaches lower() (which folds
   * e.g. `İ` to `i` under some collations and would match `admİn` to `admin`).
   */
  private async find(name: string): Promise<LoginCandidate | undefined> {
    if (name.includes('@')) {
      return (await this.prisma.hotQuery<LoginCandidate>('SELECT id, password_hash, status FROM users WHERE email = $1', [foldEmail(name)]))[0];
    }
    if (!USERNAME_PATTERN.test(name)) return undefined;
    return (await this.prisma.hotQuery<LoginCandidate>('SELECT id, password_hash, status FROM users WHERE lower(username) = lower($1)', [name]))[0];
  }
}
