import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { LoginService } from '../auth/login.service';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { LoginMethod, Prisma, UserStatus } from '../generated/prisma/client';
import { MailService } from '../mail/mail.service';
import { QqBindingDto } from './dto/qq.dto';
import { insertBinding } from './qq.sql';
import { QqIdentity } from './qq-connect.answers';

interface BindingRow {
  id: string;
  nickname: string;
  avatarUrl: string | null;
  createdAt: Date;
  app: { appId: string };
}

const BINDING_FIELDS = { id: true, nickname: true, avatarUrl: true, createdAt: true, app: { select: { appId: true } } } as const;

const toDto = (row: BindingRow): QqBindingDto => ({
  raid: row.id,
  app: row.app.appId,
  nickname: row.nickname,
  avatarUrl: row.avatarUrl,
  createdAt: row.createdAt,
});

const notFound = (): DomainError => new DomainError(ErrorCode.QQ_BINDING_NOT_FOUND, 'no such binding of yours under this app');

/**
 * QQ bindings, each under the app it was made with. Under one app a user holds one QQ and a QQ
 * one user: two unique constraints decide, however many binds race (1038 this user already holds
 * this QQ, 1039 the user holds another or the QQ is another's). A binding is a way into the
 * account without its password, so its owner is mailed each new one, and a password reset ends
 * them all.
 */
@Injectable()
export class QqBindingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly login: LoginService,
    private readonly mail: MailService,
  ) {}

  /**
   * Binds in the caller's transaction, audited as `qq.bind` and mailed to the account's address
   * there (the notice exists exactly when the binding does); a conflict is 1038 or 1039 and leaves nothing.
   */
  async bind(tx: Prisma.TransactionClient, appId: number, userId: string, identity: QqIdentity, ip: string): Promise<QqBindingDto> {
    const id = await insertBinding(tx, { appId, userId, ...identity });
    if (!id) throw await this.conflict(tx, appId, userId, identity.openid);
    await this.audit.record({ action: 'qq.bind', actorId: userId, targetType: 'qq_binding', targetId: id, ip, details: { appId } }, tx);
    await this.notifyOwner(tx, appId, userId, identity);
    return toDto(await tx.qqBinding.findUniqueOrThrow({ where: { id }, select: BINDING_FIELDS }));
  }

  /** The active-or-not owner of the QQ under the app, for a QQ login; undefined when nobody holds it. */
  async ownerOf(appId: number, openid: string): Promise<{ userId: string; status: UserStatus } | undefined> {
    const row = await this.prisma.qqBinding.findUnique({
      where: { appId_openid: { appId, openid } },
      select: { userId: true, user: { select: { status: true } } },
    });
    return row ? { userId: row.userId, status: row.user.status } : undefined;
  }

  /** The caller's bindings under the app of their session. */
  async list(user: CurrentSessionUser): Promise<QqBindingDto[]> {
    const rows = await this.prisma.qqBinding.findMany({
      where: { userId: user.id, appId: user.appId },
      select: BINDING_FIELDS,
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toDto);
  }

  /** 1037 when the raid is unknown, another user's or another app's. */
  async get(user: CurrentSessionUser, raid: string): Promise<QqBindingDto> {
    const id = read.uuid(raid);
    const row = id
      ? await this.prisma.qqBinding.findFirst({ where: { id, userId: user.id, appId: user.appId }, select: BINDING_FIELDS })
      : null;
    if (!row) throw notFound();
    return toDto(row);
  }

  /**
   * Removes the binding (1037 as `get`), audited as `qq.unbind`; sessions stay. When the session
   * asking was opened with QQ, the person has shown no other way in: the account password is asked
   * first (1011 without it, 1028 wrong, tried on the login's budget), so nobody locks themselves
   * out, and a QQ session alone cannot cut the QQ off its account.
   */
  async remove(user: CurrentSessionUser, raid: string, password: string | undefined, ip: string): Promise<void> {
    const binding = await this.get(user, raid);
    if (await this.openedWithQq(user.sessionId)) {
      if (!password) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'password is required: this session was opened with QQ');
      await this.login.confirmPassword(user.id, password, { ip });
    }
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.qqBinding.deleteMany({ where: { id: binding.raid, userId: user.id, appId: user.appId } });
      if (count === 0) throw notFound();
      await this.audit.record(
        { action: 'qq.unbind', actorId: user.id, targetType: 'qq_binding', targetId: binding.raid, ip, details: { appId: user.appId } },
        tx,
      );
    });
  }

  /**
   * Removes every binding of the user, under every app, in the caller's transaction, each audited
   * as `qq.unbind` with the reason: after a password reset the account may have been someone
   * else's, and so may every way in that was added meanwhile.
   */
  async removeAllOf(tx: Prisma.TransactionClient, userId: string, reason: 'password.reset', ip: string): Promise<void> {
    const removed = await tx.$queryRaw<
      { id: string; app_id: number }[]
    >`DELETE FROM "qq_bindings" WHERE "user_id" = ${userId}::uuid RETURNING "id", "app_id"`;
    for (const binding of removed) {
      await this.audit.record(
        {
          action: 'qq.unbind',
          actorId: userId,
          targetType: 'qq_binding',
          targetId: binding.id,
          ip,
          details: { appId: binding.app_id, reason },
        },
        tx,
      );
    }
  }

  /** The owner hears of every new way in, in their language: a binding they did not make means their password is known. */
  private async notifyOwner(tx: Prisma.TransactionClient, appId: number, userId: string, identity: QqIdentity): Promise<void> {
    const owner = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, username: true, nickname: true, locale: true },
    });
    const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { name: true } });
    const values = { nickname: owner.nickname, username: owner.username, qqNickname: identity.nickname, app: app.name };
    await this.mail.enqueue(tx, owner.email, 'qq-bound', owner.locale as Locale, values);
  }

  /** Which of the two constraints refused the insert, read in its transaction. */
  private async conflict(tx: Prisma.TransactionClient, appId: number, userId: string, openid: string): Promise<DomainError> {
    const same = await tx.qqBinding.count({ where: { appId, userId, openid } });
    if (same > 0) return new DomainError(ErrorCode.QQ_ALREADY_BOUND, 'you already bound this QQ under this app');
    return new DomainError(ErrorCode.QQ_OTHER_BOUND, 'you hold another QQ under this app, or this QQ belongs to another account');
  }

  private async openedWithQq(sessionId: string): Promise<boolean> {
    const session = await this.prisma.session.findUnique({ where: { id: sessionId }, select: { loginMethod: true } });
    return session?.loginMethod === LoginMethod.QQ;
  }
}
