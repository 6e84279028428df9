import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { LoginService } from '../auth/login.service';
import { PasswordsService } from '../auth/passwords.service';
import { SessionsService } from '../auth/sessions.service';
import { PrismaService } from '../core/database/prisma.service';
import { AfterCommit, Db } from '../core/database/transaction';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { Prisma, User, UserStatus } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { ChangePasswordDto, ProfileDto, PublicProfileDto, UpdateProfileDto } from './dto/profile.dto';
import { profileRow, usernameTaken } from './users.sql';

/** A new account's fields, their rules checked (user-fields.ts) and its password hashed. */
export interface NewAccount {
  username: string;
  email: string;
  nickname: string;
  passwordHash: string;
  locale?: Locale;
  /** ACTIVE at once in this group, its address taken as proven (the command line's first administrator); else PENDING in the default group. */
  activeIn?: string;
}

/**
 * The users table's one writer, but for the status (account-status.ts) and the points and balance
 * totals (the ledger): accounts made, profiles read and edited, passwords and groups set. Other
 * modules change a user through these methods.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly groups: GroupsService,
  ) {}

  /** A new account; a taken username or email fails on the unique indexes (P2002). */
  async create(db: Db, account: NewAccount): Promise<User> {
    const { activeIn, ...fields } = account;
    if (activeIn !== undefined) {
      return db.user.create({
        data: { ...fields, status: UserStatus.ACTIVE, emailVerifiedAt: new Date(), group: { connect: { name: activeIn } } },
      });
    }
    const group = await db.group.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
    return db.user.create({ data: { ...fields, groupId: group.id } });
  }

  /** Whether a user holds this username, compared as its unique index compares them (case-insensitively). */
  usernameTaken(username: string): Promise<boolean> {
    return usernameTaken(this.prisma, username);
  }

  async profile(userId: string): Promise<ProfileDto> {
    const user = await profileRow(this.prisma, userId);
    if (!user) throw new DomainError(ErrorCode.SESSION_USER_INVALID);
    return {
      uuid: user.id,
      username: user.username,
      nickname: user.nickname,
      email: user.email,
      status: user.status,
      locale: user.locale,
      points: user.points,
      balanceCents: Number(user.balance_cents),
      emailVerifiedAt: user.email_verified_at,
      createdAt: user.created_at,
      // From the groups every process keeps in memory.
      group: (await this.groups.byId(user.group_id)).name,
    };
  }

  /** 1011 when nothing is asked (a field sent as null asks nothing). */
  async update(userId: string, changes: UpdateProfileDto): Promise<ProfileDto> {
    if (changes.nickname === undefined && changes.locale === undefined) {
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'nickname or locale is required');
    }
    await this.prisma.user.update({ where: { id: userId }, data: { nickname: changes.nickname, locale: changes.locale } });
    return this.profile(userId);
  }

  /**
   * 1028 when the current password is wrong, tried on the login's budget (LoginService.confirmPassword).
   * The other sessions end, this one stays.
   */
  async changePassword(userId: string, sessionId: string, input: ChangePasswordDto, ip: string): Promise<void> {
    this.passwords.assertAcceptable(input.password, input.passwordConfirm);
    await this.login.confirmPassword(userId, input.currentPassword, { ip });
    const passwordHash = await this.passwords.hash(input.password);
    const afterCommit = await this.prisma.$transaction(async (tx) => {
      await this.setPassword(tx, userId, passwordHash);
      await this.audit.record({ action: 'password.change', actorId: userId, targetType: 'user', targetId: userId, ip }, tx);
      return this.sessions.revokeAllWithin(tx, userId, sessionId);
    });
    await afterCommit();
  }

  /** Stores a new password's hash in `tx`; ending the sessions it replaces is the caller's (SessionsService.revokeAllWithin). */
  async setPassword(tx: Prisma.TransactionClient, userId: string, passwordHash: string): Promise<void> {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  }

  /** Moves the user to another group in `tx`; once committed, every process reads their sessions again (the group they carry). */
  async setGroup(tx: Prisma.TransactionClient, userId: string, groupId: number): Promise<AfterCommit> {
    await tx.user.update({ where: { id: userId }, data: { groupId } });
    return () => this.sessions.forgetUser(userId);
  }

  /** 1053 when no such user (or not yet verified), 1058 when locked or banned. */
  async publicProfile(uuid: string): Promise<PublicProfileDto> {
    const id = read.uuid(uuid);
    const user = id
      ? await this.prisma.user.findUnique({
          where: { id },
          select: { id: true, username: true, nickname: true, status: true, createdAt: true, group: { select: { name: true } } },
        })
      : null;
    if (!user || user.status === UserStatus.PENDING) throw new DomainError(ErrorCode.USER_NOT_FOUND);
    if (user.status !== UserStatus.ACTIVE) throw new DomainError(ErrorCode.USER_ABNORMAL, `account is ${user.status}`);
    return { uuid: user.id, username: user.username, nickname: user.nickname, group: user.group.name, createdAt: user.createdAt };
  }
}
