import { Injectable } from '@nestjs/common';

import { AuditService, changed } from '../audit/audit.service';
import { InvalidationBus } from '../core/cache/invalidation-bus';
import { LocalCache } from '../core/cache/local-cache';
import { isForeignKeyViolation, isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Group, Prisma } from '../generated/prisma/client';
import { lockGroupsForEdit } from './groups.sql';
import { isPermission, Permission, privilegedAmong } from './permissions';
import { Actor, assertBelow, assertHoldsAll } from './rank-rules';

type Tx = Prisma.TransactionClient;

export interface GroupChanges {
  rank?: number;
  permissions?: string[];
  isDefault?: boolean;
  storageQuotaBytes?: number;
}

/** What an edit did: its answer, and the groups every process must re-read. */
interface Edited<T> {
  result: T;
  changed: number[];
}

/** A safety net only: edits drop the cached group in every process at once. */
const CACHE_MS = 60_000;

/**
 * User groups: a rank, a set of permissions, and the default group of new users. Whoever edits
 * groups (group.manage) reaches only groups strictly below their own rank, keeps them there, and
 * grants only permissions their own group holds (1054 / 1042); the edit and its audit row commit
 * together.
 */
@Injectable()
export class GroupsService {
  private readonly cache: LocalCache<Group>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    bus: InvalidationBus,
  ) {
    this.cache = new LocalCache(bus, 'group', CACHE_MS);
  }

  list(): Promise<Group[]> {
    return this.prisma.group.findMany({ orderBy: { rank: 'asc' } });
  }

  /** A group below the actor's rank holding only permissions the actor holds; 1043 when the name is taken. */
  async create(actor: Actor, input: { name: string; rank: number; permissions: string[]; storageQuotaBytes?: number }): Promise<Group> {
    const permissions = this.validPermissions(input.permissions);
    return this.edit(actor, async (tx, own) => {
      assertBelow(own, input.rank, 'the new group');
      assertHoldsAll(own, permissions);
      const group = await tx.group.create({
        data: { name: input.name, rank: input.rank, permissions, storageQuotaBytes: input.storageQuotaBytes },
      });
      await this.record(tx, actor, 'group.create', group.name, {
        rank: group.rank,
        permissions: group.permissions,
        storageQuotaBytes: Number(group.storageQuotaBytes),
      });
      return { result: group, changed: [] };
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.CHOICE_INVALID, `group ${input.name} exists`);
      throw error;
    });
  }

  /**
   * Rank, permissions or the default mark of a group below the actor, which stays below them with
   * only permissions they hold. Making a group the default takes the mark off the previous one,
   * which must be within reach too. The default group holds no privileged permission (1043).
   */
  async update(actor: Actor, name: string, changes: GroupChanges): Promise<Group> {
    const permissions = changes.permissions && this.validPermissions(changes.permissions);
    return this.edit(actor, async (tx, own) => {
      const group = await this.reachable(tx, own, name);
      if (changes.isDefault === false && group.isDefault) {
        throw new DomainError(ErrorCode.CHOICE_INVALID, 'new users need a default group: make another group the default instead');
      }
      const rank = changes.rank ?? group.rank;
      assertBelow(own, rank, 'the group');
      assertHoldsAll(own, permissions ?? group.permissions);
      if (changes.isDefault ?? group.isDefault) assertFitForDefault(permissions ?? group.permissions);
      const previous = changes.isDefault && !group.isDefault ? await tx.group.findFirst({ where: { isDefault: true } }) : null;
      if (previous) {
        assertBelow(own, previous.rank, `the default group ${previous.name}`);
        await tx.group.update({ where: { id: previous.id }, data: { isDefault: false } });
      }
      const updated = await tx.group.update({
        where: { id: group.id },
        data: { rank: changes.rank, permissions, isDefault: changes.isDefault, storageQuotaBytes: changes.storageQuotaBytes },
      });
      await this.record(tx, actor, 'group.update', name, {
        ...changed('rank', group.rank, updated.rank),
        ...changed('permissions', group.permissions, updated.permissions),
        ...changed('isDefault', group.isDefault, updated.isDefault),
        ...changed('storageQuotaBytes', Number(group.storageQuotaBytes), Number(updated.storageQuotaBytes)),
        ...(previous && { previousDefault: previous.name }),
      });
      return { result: updated, changed: previous ? [group.id, previous.id] : [group.id] };
    });
  }

  /** Deletes a group below the actor; not the default one, nor one that still has members (1043). */
  async remove(actor: Actor, name: string): Promise<void> {
    await this.edit(actor, async (tx, own) => {
      const group = await this.reachable(tx, own, name);
      if (group.isDefault)
        throw new DomainError(ErrorCode.CHOICE_INVALID, 'the default group cannot be deleted: make another group the default first');
      await tx.group.delete({ where: { id: group.id } });
      await this.record(tx, actor, 'group.delete', name, { rank: group.rank, permissions: group.permissions });
      return { result: undefined, changed: [group.id] };
    }).catch((error: unknown) => {
      // The users' foreign key holds this, however many moves into the group race the deletion.
      if (isForeignKeyViolation(error)) throw new DomainError(ErrorCode.CHOICE_INVALID, `group ${name} still has members: move them first`);
      throw error;
    });
  }

  async byName(name: string): Promise<Group> {
    const group = await this.prisma.group.findUnique({ where: { name } });
    if (!group) throw new DomainError(ErrorCode.CHOICE_INVALID, `no group ${name}`);
    return group;
  }

  /** The group of `groupId`, kept per process (every request that checks a permission needs it). */
  async byId(groupId: number): Promise<Group> {
    const group = await this.cache.get(
      String(groupId),
      async () => (await this.prisma.group.findUnique({ where: { id: groupId } })) ?? undefined,
    );
    if (!group) throw new DomainError(ErrorCode.CHOICE_INVALID, `no group ${groupId}`);
    return group;
  }

  async hasPermission(groupId: number, permission: Permission): Promise<boolean> {
    return (await this.byId(groupId)).permissions.includes(permission);
  }

  /** The rank of a user's group, read through `db` (1053 when there is no such user). */
  async rankOfUser(userId: string, db: Tx | PrismaService = this.prisma): Promise<number> {
    const user = await db.user.findUnique({ where: { id: userId }, select: { group: { select: { rank: true } } } });
    if (!user) throw new DomainError(ErrorCode.USER_NOT_FOUND);
    return user.group.rank;
  }

  /** The highest rank any group has. */
  async highestRank(db: Tx | PrismaService = this.prisma): Promise<number> {
    return (await db.group.aggregate({ _max: { rank: true } }))._max.rank ?? 0;
  }

  /**
   * Runs one group edit. Edits take turns on the table (reads, permission checks and new members
   * go on), so each sees the ranks the one before left, the actor's own group included: none can
   * act on a group that a parallel edit just moved out of its reach. Every process drops the
   * changed groups once the edit has committed.
   */
  private async edit<T>(actor: Actor, work: (tx: Tx, own: Group) => Promise<Edited<T>>): Promise<T> {
    const { result, changed } = await this.prisma.$transaction(async (tx) => {
      await lockGroupsForEdit(tx);
      const own = await tx.group.findUniqueOrThrow({ where: { id: actor.groupId } });
      return work(tx, own);
    });
    await Promise.all(changed.map((id) => this.cache.invalidate(String(id))));
    return result;
  }

  /** The group named `name` (1043 when there is none), which must rank below the actor's (1054). */
  private async reachable(tx: Tx, own: Group, name: string): Promise<Group> {
    const group = await tx.group.findUnique({ where: { name } });
    if (!group) throw new DomainError(ErrorCode.CHOICE_INVALID, `no group ${name}`);
    assertBelow(own, group.rank, `group ${name}`);
    return group;
  }

  private record(tx: Tx, actor: Actor, action: string, name: string, details: Prisma.InputJsonObject): Promise<void> {
    return this.audit.record({ action, actorId: actor.id, targetType: 'group', targetId: name, ip: actor.ip, details }, tx);
  }

  private validPermissions(permissions: string[]): Permission[] {
    const unknown = permissions.filter((p) => !isPermission(p));
    if (unknown.length) throw new DomainError(ErrorCode.CHOICE_INVALID, `unknown permission ${unknown.join(', ')}`);
    return [...new Set(permissions)] as Permission[];
  }
}

/** 1043 when the default group (every new registrant's) would hold a privileged permission. */
function assertFitForDefault(permissions: readonly string[]): void {
  const privileged = privilegedAmong(permissions);
  if (privileged.length)
    throw new DomainError(ErrorCode.CHOICE_INVALID, `the default group, every new user's, cannot hold ${privileged.join(', ')}`);
}
