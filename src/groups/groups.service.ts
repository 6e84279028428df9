import { Injectable } from '@nestjs/common';
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
}

/** How long a process trusts what it read of a group; edits reach every process within it. */
const CACHE_MS = 5_000;

/** User groups: a rank, a set of permissions, and the default group of new users. */
@Injectable()
export class GroupsService {
  private cache = new Map<number, { group: Group; until: number }>();

  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<Group[]> {
    return this.prisma.group.findMany({ orderBy: { rank: 'asc' } });
  }

  async create(group: { name: string; rank: number; permissions: string[] }): Promise<Group> {
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
    const permissions = changes.permissions && this.validPermissions(changes.permissions);
    const updated = await this.prisma.$transaction(async (tx) => {
      if (changes.isDefault) await tx.group.updateMany({ where: { isDefault: true, NOT: { id: existing.id } }, data: { isDefault: false } });
      return tx.group.update({ where: { id: existing.id }, data: { rank: changes.rank, permissions, isDefault: changes.isDefault } });
    });
    this.cache.delete(existing.id);
    return updated;
  }

  async byName(name: string): Promise<Group> {
    const group = await this.prisma.group.findUnique({ where: { name } });
    if (!group) throw new DomainError(ErrorCode.CHOICE_INVALID, `no group ${name}`);
    return group;
  }

  /** The group of `groupId`, read at most every few seconds per process. */
  async byId(groupId: number): Promise<Group> {
    const cached = this.cache.get(groupId);
    if (cached && cached.until > Date.now()) return cached.group;
    const group = await this.prisma.group.findUniqueOrThrow({ where: { id: groupId } });
    this.cache.set(groupId, { group, until: Date.now() + CACHE_MS });
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
