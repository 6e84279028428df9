import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { EndUserSessionsService } from '../auth/end-user-sessions.service';
import { likeEscaped } from '../core/database/like-pattern';
import { PrismaService } from '../core/database/prisma.service';
import { nothingAfterCommit } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { EndUserStatus } from '../generated/prisma/client';
import { EndUserDto } from './dto/end-user.dto';
import { UsageDto } from './dto/usage.dto';
import { endUserDto } from './end-users.service';
import { lockEndUser, usageSince } from './open-api.sql';
import { UsageCounter } from './usage.service';

const CONDITION = { status: read.oneOf(...Object.values(EndUserStatus)), q: read.text(80) };

/** What a developer may do to an end user, from which statuses. */
const MOVES = {
  ban: { from: [EndUserStatus.ACTIVE, EndUserStatus.PENDING], to: EndUserStatus.BANNED },
  unban: { from: [EndUserStatus.BANNED], to: EndUserStatus.ACTIVE },
  delete: { from: [EndUserStatus.ACTIVE, EndUserStatus.PENDING, EndUserStatus.BANNED], to: EndUserStatus.DELETED },
} as const;

export type EndUserMove = keyof typeof MOVES;

const DAY_MS = 24 * 3600 * 1000;

/**
 * A developer's view of their end users and apps' usage: the users of one of their libraries
 * (never another developer's: 1071), banned, unbanned or deleted one at a time, each audited; a
 * ban or deletion ends the user's sessions in every process.
 */
@Injectable()
export class EndUserManagementService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly sessions: EndUserSessionsService,
    private readonly usage: UsageCounter,
  ) {}

  /** `condition`: status, q (in username, email or nickname); 1045 otherwise. */
  async list(ownerId: string, spanId: string, condition: string | undefined, paging: Page): Promise<EndUserDto[]> {
    const filter = parseCondition(condition, CONDITION);
    const library = await this.ownLibrary(ownerId, spanId);
    const q = filter.q ? { contains: likeEscaped(filter.q), mode: 'insensitive' as const } : undefined;
    const users = await this.prisma.endUser.findMany({
      where: {
        libraryId: library.id,
        status: filter.status,
        ...(q && { OR: [{ username: q }, { email: q }, { nickname: q }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      ...skipTake(paging),
    });
    return users.map((user) => endUserDto({ ...user, library_id: user.libraryId, created_at: user.createdAt, status: user.status }));
  }

  /** 99993 when the library has no such user, 1043 when the move does not apply to the user's status. */
  async move(owner: CurrentSessionUser, spanId: string, uuid: string, move: EndUserMove, ip: string): Promise<EndUserDto> {
    const library = await this.ownLibrary(owner.id, spanId);
    const { from, to } = MOVES[move];
    const afterCommit = await this.prisma.$transaction(async (tx) => {
      const user = read.uuid(uuid) && (await lockEndUser(tx, library.id, uuid.toLowerCase()));
      if (!user) throw new DomainError(ErrorCode.OPEN_TARGET_NOT_FOUND, 'no such end user in this library');
      if (!(from as readonly EndUserStatus[]).includes(user.status)) {
        throw new DomainError(ErrorCode.CHOICE_INVALID, `cannot ${move} a user who is ${user.status}`);
      }
      await tx.endUser.update({ where: { id: user.id }, data: { status: to } });
      await this.audit.record(
        {
          action: `end-user.${move}`,
          actorId: owner.id,
          targetType: 'end-user',
          targetId: user.id,
          ip,
          details: { spanId, from: user.status, to },
        },
        tx,
      );
      return to === EndUserStatus.ACTIVE ? nothingAfterCommit : this.sessions.revokeAllWithin(tx, user.id);
    });
    await afterCommit();
    const user = await this.prisma.endUser.findUniqueOrThrow({ where: { id: uuid.toLowerCase() } });
    return endUserDto({ ...user, library_id: user.libraryId, created_at: user.createdAt });
  }

  /** The app's calls per day over the last `days` (UTC), this process's unflushed ones included, and its library's end users. */
  async usageOf(ownerId: string, apiId: string, days: number): Promise<UsageDto> {
    const app = await this.prisma.developerApp.findFirst({ where: { apiId, ownerId }, include: { library: true } });
    if (!app) throw new DomainError(ErrorCode.API_ID_UNKNOWN, 'no such developer app');
    const since = new Date(Date.now() - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    const perDay = new Map((await usageSince(this.prisma, app.id, since)).map((row) => [row.day, row.calls]));
    for (const [day, calls] of this.usage.unflushed(app.id)) if (day >= since) perDay.set(day, (perDay.get(day) ?? 0) + calls);
    const endUsers = app.library
      ? await this.prisma.endUser.count({ where: { libraryId: app.library.id, status: { not: EndUserStatus.DELETED } } })
      : 0;
    return {
      apiId,
      calls: [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, calls]) => ({ day, calls })),
      spanId: app.library?.spanId ?? null,
      endUsers,
    };
  }

  private async ownLibrary(ownerId: string, spanId: string): Promise<{ id: number }> {
    const library = await this.prisma.userLibrary.findFirst({ where: { spanId, ownerId }, select: { id: true } });
    if (!library) throw new DomainError(ErrorCode.LIBRARY_NOT_FOUND, 'no such user library');
    return library;
  }
}
