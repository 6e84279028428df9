import { Injectable, OnModuleDestroy } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics';
import { PrismaService } from './prisma.service';

/**
 * The client for reads that tolerate replication lag (public lists, the leaderboard,
 * administrators' lists, the audit log): a pool on DATABASE_REPLICA_URL, or the primary's client
 * when none is set. Never for what the caller itself may just have written: those read the primary.
 */
@Injectable()
export class ReplicaReads implements OnModuleDestroy {
  readonly prisma: PrismaService;
  private readonly own?: PrismaService;

  constructor(primary: PrismaService, config: AppConfig) {
    // Unmeasured: the pool gauges describe the primary's pool, which a second sampler would replace.
    this.own = config.DATABASE_REPLICA_URL ? new PrismaService(config.DATABASE_REPLICA_URL, config, new Metrics(false)) : undefined;
    this.prisma = this.own ?? primary;
  }

  /** Whether reads go to a replica of their own (DATABASE_REPLICA_URL set). */
  get separate(): boolean {
    return this.own !== undefined;
  }

  async onModuleDestroy(): Promise<void> {
    await this.own?.onModuleDestroy();
  }
}
