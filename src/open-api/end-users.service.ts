import { Injectable, OnModuleInit } from '@nestjs/common';

import { VerificationService } from '../accounts/verification.service';
import { foldEmail, USERNAME_PATTERN } from '../auth/account-names';
import { AttemptsService, GuessedSecret } from '../auth/attempts.service';
import { CallerOpenApp, CurrentEndUser } from '../auth/caller';
import { EndUserSessionsService } from '../auth/end-user-sessions.service';
import { PasswordsService } from '../auth/passwords.service';
import { AppConfig } from '../core/config/app-config';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { EndUserStatus } from '../generated/prisma/client';
import {
  ChangeEndUserPasswordDto,
  EndUserDto,
  EndUserSessionDto,
  PublicEndUserDto,
  RegisteredEndUserDto,
  RegisterEndUserDto,
  UpdateEndUserDto,
} from './dto/end-user.dto';
import { EndUserProfileRow } from './end-user-profile.query';
import {
  endUserForLogin,
  EndUserLoginRow,
  endUserProfile,
  insertEndUser,
  lockUserCap,
  pendingEndUserByEmail,
  usersOfApp,
} from './open-api.sql';

export interface EndUserClient {
  ip: string;
  userAgent?: string;
  locale: Locale;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const endUserDto = (row: EndUserProfileRow): EndUserDto => ({
  uuid: row.id,
  username: row.username,
  nickname: row.nickname,
  createdAt: row.created_at,
  email: row.email,
  qq: row.qq,
  status: row.status,
});

/**
 * The end users of developers' libraries, as they act through a developer app: register (within
 * the app's cap, unique names per library), log in (99999 alike for an unknown name and a wrong
 * password, after the same bcrypt work; attempts counted per IP and per account as platform logins
 * are), their profile and password, and others' public profiles within the library.
 */
@Injectable()
export class EndUsersService implements OnModuleInit {
  /** End users' passwords: their own budget per account, the same window and size as platform logins. */
  private readonly secret: GuessedSecret;

  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly attempts: AttemptsService,
    private readonly sessions: EndUserSessionsService,
    private readonly verification: VerificationService,
    config: AppConfig,
  ) {
    this.secret = { name: 'open_login', perAccount: config.LOGIN_LIMIT_PER_ACCOUNT, windowSeconds: config.LOGIN_LIMIT_WINDOW_SECONDS };
  }

  onModuleInit(): void {
    this.verification.onEndUserMailboxProven(async (tx, endUserId) => {
      await tx.endUser.updateMany({ where: { id: endUserId, status: EndUserStatus.PENDING }, data: { status: EndUserStatus.ACTIVE } });
    });
  }

  /**
   * A new end user of the app's library: 1020 when the name or address is taken there, 1066 when
   * the app has registered its cap; PENDING with a mailed link when the library asks for one.
   */
  async register(app: CallerOpenApp, input: RegisterEndUserDto, client: EndUserClient): Promise<RegisteredEndUserDto> {
    const library = libraryOf(app);
    this.passwords.assertAcceptable(input.password, input.password);
    if (library.requireEmailVerification && !input.email) {
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'this app asks for an email address to verify');
    }
    const passwordHash = await this.passwords.hash(input.password);
    const status = library.requireEmailVerification ? EndUserStatus.PENDING : EndUserStatus.ACTIVE;
    const nickname = input.nickname ?? input.username;
    let id: string;
    try {
      id = await this.prisma.$transaction(async (tx) => {
        await lockUserCap(tx, app.id);
        if ((await usersOfApp(tx, app.id)) >= app.userCap) throw new DomainError(ErrorCode.API_USER_CAP_REACHED);
        const created = await insertEndUser(tx, {
          libraryId: library.id,
          appId: app.id,
          username: input.username,
          email: input.email ?? null,
          passwordHash,
          nickname,
          qq: input.qq ?? null,
          status,
        });
        if (status === EndUserStatus.PENDING && input.email) {
          await this.verification.queueEndUserLink({ id: created, email: input.email, nickname, appName: app.name }, client.locale, tx);
        }
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.IDENTITY_TAKEN, 'username or email taken in this library');
      throw error;
    }
    return { ...endUserDto(await this.profileRow(id)), verificationRequired: status === EndUserStatus.PENDING };
  }

  /**
   * A fresh verification link for the pending end user of the app's library with this address,
   * answered the same, at once, whether or not there is one (no address is told apart); the mail
   * names the app asking, and counts against the address's hourly mail limit like every other.
   */
  resendVerification(app: CallerOpenApp, email: string, client: EndUserClient): void {
    const library = libraryOf(app);
    this.verification.resendEndUser(async () => {
      const user = await pendingEndUserByEmail(this.prisma, library.id, foldEmail(email));
      return user && { ...user, appName: app.name };
    }, client.locale);
  }

  /** 99999 for an unknown name or a wrong password alike; 99998 when banned or not verified yet. */
  async login(app: CallerOpenApp, account: string, password: string, client: EndUserClient): Promise<EndUserSessionDto> {
    const library = libraryOf(app);
    const name = account.trim();
    await this.attempts.countClient(client);
    const user = await this.find(library.id, name);
    const target = { userId: user?.id, name: `${library.id}:${name.toLowerCase()}` };
    await this.attempts.countAccount(this.secret, target, client);
    const matched = await this.passwords.matches(password, user?.password_hash);
    if (!matched || !user) throw new DomainError(ErrorCode.OPEN_CREDENTIALS_WRONG);
    if (user.status === EndUserStatus.PENDING) throw new DomainError(ErrorCode.OPEN_USER_ABNORMAL, 'verify your email address first');
    if (user.status !== EndUserStatus.ACTIVE) throw new DomainError(ErrorCode.OPEN_USER_ABNORMAL, 'this account is locked');
    await this.attempts.clear(this.secret, target);
    return this.sessions.create(user.id, app.id, client);
  }

  /**
   * By email (folded as stored) when the name holds an @, else by username; a name that is no
   * username never reaches lower() (which folds some non-ASCII letters onto ASCII ones).
   */
  private find(libraryId: number, name: string): Promise<EndUserLoginRow | undefined> {
    if (name.includes('@')) return endUserForLogin(this.prisma, libraryId, foldEmail(name));
    if (!USERNAME_PATTERN.test(name)) return Promise.resolve(undefined);
    return endUserForLogin(this.prisma, libraryId, name);
  }

  async me(user: CurrentEndUser): Promise<EndUserDto> {
    return endUserDto(await this.profileRow(user.id));
  }

  /** Nickname and QQ (99992 when malformed; null removes it); 1011 when nothing is asked. */
  async update(user: CurrentEndUser, changes: UpdateEndUserDto): Promise<EndUserDto> {
    const nickname = changes.nickname ?? undefined;
    if (nickname === undefined && changes.qq === undefined)
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'nickname or qq is required');
    await this.prisma.endUser.update({ where: { id: user.id }, data: { nickname, qq: changes.qq } });
    return this.me(user);
  }

  /**
   * A new password, the current one asked again (99999 when wrong, drawing on the login's budget);
   * every other session of the user ends.
   */
  async changePassword(user: CurrentEndUser, input: ChangeEndUserPasswordDto, client: EndUserClient): Promise<void> {
    this.passwords.assertAcceptable(input.password, input.password);
    await this.attempts.countClient(client);
    await this.attempts.countAccount(this.secret, { userId: user.id }, client);
    const current = await this.prisma.endUser.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    if (!(await this.passwords.matches(input.currentPassword, current.passwordHash))) {
      throw new DomainError(ErrorCode.OPEN_CREDENTIALS_WRONG, 'the current password is wrong');
    }
    await this.attempts.clear(this.secret, { userId: user.id });
    const passwordHash = await this.passwords.hash(input.password);
    const afterCommit = await this.prisma.$transaction(async (tx) => {
      await tx.endUser.update({ where: { id: user.id }, data: { passwordHash } });
      return this.sessions.revokeAllWithin(tx, user.id, user.sessionId);
    });
    await afterCommit();
  }

  logout(user: CurrentEndUser): Promise<void> {
    return this.sessions.revoke(user.sessionId);
  }

  /** Another end user of the same library, while active; 99993 otherwise. */
  async publicProfile(user: CurrentEndUser, uuid: string): Promise<PublicEndUserDto> {
    const row = UUID.test(uuid) ? await endUserProfile(this.prisma, uuid.toLowerCase()) : undefined;
    if (!row || row.status !== EndUserStatus.ACTIVE || row.library_id !== user.libraryId)
      throw new DomainError(ErrorCode.OPEN_TARGET_NOT_FOUND, 'no such user');
    return { uuid: row.id, username: row.username, nickname: row.nickname, createdAt: row.created_at };
  }

  private async profileRow(id: string): Promise<EndUserProfileRow> {
    const row = await endUserProfile(this.prisma, id);
    if (!row) throw new DomainError(ErrorCode.OPEN_TOKEN_USER_INVALID);
    return row;
  }
}

/** The access guard let the request through only with a usable library. */
function libraryOf(app: CallerOpenApp): NonNullable<CallerOpenApp['library']> {
  if (!app.library) throw new DomainError(ErrorCode.LIBRARY_NOT_BOUND);
  return app.library;
}
