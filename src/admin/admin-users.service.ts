import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { likeEscaped } from '../core/database/like-pattern';
import { PrismaService } from '../core/database/prisma.service';
import { ReplicaReads } from '../core/database/replica-reads';
import { AfterCommit, allAfterCommit, Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { LedgerKind, Prisma, UserStatus } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { assertBelow } from '../groups/rank-rules';
import { LedgerEntryDto, ledgerEntryDto } from '../points/dto/points.dto';
import { LedgerName, LedgerService } from '../points/ledger.service';
import { AccountStatus } from '../users/account-status';
import { lockUserAndGroup } from '../users/user-lock';
import { UsersService } from '../users/users.service';
import { AdjustmentDto, UpdateUserDto } from './dto/admin.dto';

export interface AdminUserView {
  uuid: string;
  username: string;
  email: string;
  nickname: string;
  status: UserStatus;
  group: string;
  points: number;
  balanceCents: number;
  emailVerifiedAt: Date | null;
  createdAt: Date;
}

const CONDITION = {
  status: read.oneOf(...Object.values(UserStatus)),
  group: read.text(32),
  q: read.text(64),
  since: read.date,
  until: read.date,
};

const VIEW = {
  id: true,
  username: true,
  email: true,
  nickname: true,
  status: true,
  points: true,
  balanceCents: true,
  emailVerifiedAt: true,
  createdAt: true,
  group: { select: { name: true, rank: true } },
} as const;
type ViewRow = Prisma.UserGetPayload<{ select: typeof VIEW }>;

const view = ({ id, group, balanceCents, ...rest }: ViewRow): AdminUserView => ({
  uuid: id,
  group: group.name,
  balanceCents: Number(balanceCents),
  ...rest,
});

/**
 * What administrators do to users: search them, change status or group, adjust points and
 * balance. An administrator acts only on users of a lower rank, and gives only groups of a lower
 * rank than their own (1054). Every action lands in the audit log in the same transaction.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly groups: GroupsService,
    private readonly users: UsersService,
    private readonly status: AccountStatus,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly replica: ReplicaReads,
  ) {}

  /** Read on the replica; `condition`: status, group, q (in username, email or nickname), since, until (1045 otherwise). */
  async list(condition: string | undefined, page: Page): Promise<AdminUserView[]> {
    const filter = parseCondition(condition, CONDITION);
    const q = filter.q && likeEscaped(filter.q);
    const rows = await this.replica.prisma.user.findMany({
      where: {
        status: filter.status,
        group: filter.group ? { name: filter.group } : undefined,
        createdAt: { gte: filter.since, lt: filter.until },
        OR: q
          ? [
              { username: { contains: q, mode: 'insensitive' } },
              { email: { contains: q.toLowerCase() } },
              { nickname: { contains: q, mode: 'insensitive' } },
            ]
          : undefined,
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      ...skipTake(page),
      select: VIEW,
    });
    return rows.map(view);
  }

  /** A ban ends the user's sessions at once; any change makes every process re-read them. */
  async update(actor: CurrentSessionUser, uuid: string, changes: UpdateUserDto, ip: string): Promise<AdminUserView> {
    const group = changes.group === undefined ? undefined : await this.groups.byName(changes.group);
    if (group) assertBelow(await this.groups.byId(actor.groupId), group.rank, `group ${group.name}`);
    const { updated, afterCommit } = await this.prisma.$transaction(async (tx) => {
      const target = await this.lockedTarget(tx, actor, uuid);
      const afterCommit = await this.changeIn(tx, { id: actor.id, ip }, target, { status: changes.status, group });
      return { updated: await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: VIEW }), afterCommit };
    });
    await afterCommit();
    return view(updated);
  }

  /**
   * Locks an ACTIVE user (a moderator's verdict on a report) the way `update` does, inside the
   * caller's transaction: the same rank rule (1053, 1054), the same audit row. A user already
   * locked or banned stays as they are. What it answers is to run once the transaction has committed.
   */
  async lockIn(tx: Prisma.TransactionClient, actor: CurrentSessionUser, uuid: string, ip: string): Promise<AfterCommit> {
    const target = await this.lockedTarget(tx, actor, uuid);
    return this.changeIn(tx, { id: actor.id, ip }, target, { status: UserStatus.LOCKED }, 'moderator');
  }

  /**
   * 1054 unless the actor outranks the user (1053 when unknown), under the locks a change of the
   * user takes, held to the commit: acting on what a user wrote or owns is acting on them.
   */
  async assertOutranksIn(tx: Prisma.TransactionClient, actor: CurrentSessionUser, userId: string): Promise<void> {
    await this.lockedTarget(tx, actor, userId);
  }

  /** Adds to (or takes from) the points or balance ledger, with the reason, audited. */
  async adjust(ledger: LedgerName, actor: CurrentSessionUser, uuid: string, change: AdjustmentDto, ip: string): Promise<LedgerEntryDto> {
    const target = await this.outranked(actor, uuid);
    const entry = await this.prisma.$transaction(async (tx) => {
      const made = await this.ledger.apply(
        ledger,
        { userId: target.id, delta: BigInt(change.delta), kind: LedgerKind.ADMIN, reason: change.reason },
        tx,
      );
      await this.audit.record(
        {
          action: `${ledger}.adjust`,
          actorId: actor.id,
          targetType: 'user',
          targetId: target.id,
          ip,
          details: { delta: change.delta, reason: change.reason },
        },
        tx,
      );
      return made;
    });
    return ledgerEntryDto(entry);
  }

  /**
   * Status and group move together with their audit row, the status only as account-status.ts lets
   * `mover` move it (a ban ends the sessions in the same transaction): a status it may not leave
   * stays, and nothing is recorded.
   */
  private async changeIn(
    tx: Prisma.TransactionClient,
    actor: { id: string; ip: string },
    target: ViewRow,
    changes: { status?: UserStatus; group?: { id: number; name: string } },
    mover: 'administrator' | 'moderator' = 'administrator',
  ): Promise<AfterCommit> {
    const { status, group } = changes;
    const moved = status ? await this.status.move(tx, target.id, mover, status) : undefined;
    if (moved && !moved.moved) return moved.afterCommit;
    const regrouped = group ? await this.users.setGroup(tx, target.id, group.id) : undefined;
    await this.audit.record(
      {
        action: 'user.update',
        actorId: actor.id,
        targetType: 'user',
        targetId: target.id,
        ip: actor.ip,
        details: {
          ...(moved && { status: { from: moved.from, to: moved.to } }),
          ...(group && { group: { from: target.group.name, to: group.name } }),
        },
      },
      tx,
    );
    return allAfterCommit(...[moved?.afterCommit, regrouped].filter((step) => step !== undefined));
  }

  /**
   * The target user read under locks held to the commit: their row, so a parallel change (a ban)
   * is neither overwritten nor overwrites this one unseen, and their group's, so they are not moved
   * out of the actor's reach, nor their group raised, between the rank check and the write.
   */
  private async lockedTarget(tx: Prisma.TransactionClient, actor: CurrentSessionUser, uuid: string): Promise<ViewRow> {
    const id = read.uuid(uuid);
    if (id) await lockUserAndGroup(tx, id);
    return this.outranked(actor, uuid, tx);
  }

  /** The target user (1053 unknown), who must rank below the actor (1054). */
  private async outranked(actor: CurrentSessionUser, uuid: string, db: Db = this.prisma): Promise<ViewRow> {
    const id = read.uuid(uuid);
    const target = id && (await db.user.findUnique({ where: { id }, select: VIEW }));
    if (!target) throw new DomainError(ErrorCode.USER_NOT_FOUND);
    assertBelow(await this.groups.byId(actor.groupId), target.group.rank, 'the user');
    return target;
  }
}
