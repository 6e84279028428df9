import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { LoginService } from '../auth/login.service';
import { PasswordsService } from '../auth/passwords.service';
import { SessionsService } from '../auth/sessions.service';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { UserStatus } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { ChangePasswordDto, ProfileDto, PublicProfileDto, UpdateProfileDto } from './dto/profile.dto';

interface ProfileRow {
  id: string;
  username: string;
  nickname: string;
  email: string;
  status: UserStatus;
  locale: string;
  points: number;
  balance_cents: string;
  email_verified_at: Date | null;
  created_at: Date;
  group_id: number;
}

/** Profiles: one's own (read and edit, change the password) and other people's public fields. */
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

  async profile(userId: string): Promise<ProfileDto> {
    // The hottest read of all, so one plain statement (Prisma's query builder cost more than the
    // query itself); the group's name comes from the groups every process keeps in memory.
    const [user] = await this.prisma.hotQuery<ProfileRow>(
      `SELECT id, username, nickname, email, status, locale, points, balance_cents, email_verified_at, created_at, group_id
         FROM users WHERE id = $1::uuid`,
      [userId],
    );
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
    const ended = await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      await this.audit.record({ action: 'password.change', actorId: userId, targetType: 'user', targetId: userId, ip }, tx);
      return this.sessions.revokeAllIn(tx, userId, sessionId);
    });
    await this.sessions.invalidate(ended);
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
