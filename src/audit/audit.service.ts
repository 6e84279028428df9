import { Injectable } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { ReplicaReads } from '../core/database/replica-reads';
import { Db } from '../core/database/transaction';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { AuditEntry, Prisma } from '../generated/prisma/client';

export interface AuditEvent {
  action: string;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string;
  /** Facts about the event; never a password, key, token or code. */
  details?: Prisma.InputJsonObject;
}

/** `{ [field]: { from, to } }` when the value moved, nothing otherwise: an edit's details for its audit row. */
export function changed<T extends Prisma.InputJsonValue>(field: string, from: T, to: T): Record<string, { from: T; to: T }> {
  return JSON.stringify(from) === JSON.stringify(to) ? {} : { [field]: { from, to } };
}

const CONDITION = {
  action: read.text(64),
  actor: read.uuid,
  targetType: read.text(32),
  target: read.text(64),
  since: read.date,
  until: read.date,
};

/** The append-only audit log of administrator actions and security events. */
@Injectable()
export class AuditService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly replica: ReplicaReads,
  ) {}

  async record(event: AuditEvent, db: Db = this.prisma): Promise<void> {
    await db.auditEntry.create({
      data: {
        action: event.action,
        actorId: event.actorId ?? null,
        targetType: event.targetType,
        targetId: event.targetId,
        ip: event.ip,
        details: event.details ?? {},
      },
    });
  }

  /** Newest first, read on the replica; `condition` filters by action, actor, targetType, target, since, until (1045 otherwise). */
  async list(condition: string | undefined, page: Page): Promise<AuditEntry[]> {
    const filter = parseCondition(condition, CONDITION);
    return this.replica.prisma.auditEntry.findMany({
      where: {
        action: filter.action,
        actorId: filter.actor,
        targetType: filter.targetType,
        targetId: filter.target,
        at: { gte: filter.since, lt: filter.until },
      },
      orderBy: { id: 'desc' },
      ...skipTake(page),
    });
  }
}
