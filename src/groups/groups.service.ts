import { Injectable } from '@nestjs/common';
import { InvalidationBus } from '../core/cache/invalidation-bus';
import { LocalCache } from '../core/cache/local-cache';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Group } from '../generated/prisma/client';
import { isPermission, Permission } from './permissions';

export interface GroupChanges {
  rank?: number;
  permissions?: string[];
  isDefault?: boolean;
  storageQuotaBytes?: number;
}

/** A safety net only: edits drop the cached group in every process at once. */
const CACHE_MS = 60_000;

/** User groups: a rank, a set of permissions, and the default group of new users. */
@Injectable()
export class GroupsService {
  private readonly cache: LocalCache<Group>;

  constructor(
    private readonly prisma: PrismaService,
    bus: InvalidationBus,
  ) {
    this.cache = new LocalCache(bus, 'group', CACHE_MS);
  }

  list(): Promise<Group[]> {
    return this.prisma.group.findMany({ orderBy: { rank: 'asc' } });
  }

  async create(group: { name: string; rank: number; permissions: string[]; storageQuotaBytes?: number }): Promise<Group> {
    try {
      return await this.prisma.group.create({ data: { ...group, permissions: this.validPermissions(group.permissions) } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError(ErrorCode.CHOICE_INVALID, `group ${group.name} exists`);
      throw error;
    }
  }

  /** Making a group the default takes the mark off the previous one in the same transaction. */
  async update(name: string, changes: GroupChanges): Promise<Group> {
    const existing = await this.byName(name);
    if (changes.isDefault === false && existing.isDefault) {
      throw new DomainError(ErrorCode.CHOICE_INVALID, 'new users need a default group: make another group the default instead');
    }
    const permissions = changes.permissions && this.validPermissions(changes.permissions);
    const updated = await this.prisma.$transaction(async (tx) => {
      if (changes.isDefault) await tx.group.updateMany({ where: { isDefault: true, NOT: { id: existing.id } }, data: { isDefault: false } });
      return tx.group.update({ where: { id: existing.id }, data: { rank: changes.rank, permissions, isDefault: changes.isDefault, storageQuotaBytes: changes.storageQuotaBytes } });
    });
    await this.cache.invalidate(String(existing.id));
    return updated;
  }

  async byName(name: string): Promise<Group> {
    const group = await this.prisma.group.findUnique({ where: { name } });
    if (!group) throw new DomainError(ErrorCode.CHOICE_INVALID, `no group ${name}`);
    return group;
  }

  /** The group of `groupId`, kept per process (every request that checks a permission needs it). */
  async byId(groupId: number): Promise<Group> {
    const group = await this.cache.get(String(groupId), async () => (await this.prisma.group.findUnique({ where: { id: groupId } })) ?? undefined);
    if (!group) throw new DomainError(ErrorCode.CHOICE_INVALID, `no group ${groupId}`);
    return group;
  }

  async hasPermission(groupId: number, permission: Permission): Promise<boolean> {
    return (await this.byId(groupId)).permissions.includes(permission);
  }

  private validPermissions(permissions: string[]): Permission[] {
    const unknown = permissions.filter((p) => !isPermission(p));
    if (unknown.length) throw new DomainError(ErrorCode.CHOICE_INVALID, `unknown permission ${unknown.join(', ')}`);
    return [...new Set(permissions)] as Permission[];
  }
}
