import { Injectable, OnModuleInit } from '@nestjs/common';

import { deleteExpired } from '../core/database/delete-in-batches';
import { PrismaService } from '../core/database/prisma.service';
import { Scheduler } from '../core/schedule/scheduler';

/**
 * Days a session's row is kept past its maximum age: until then its holder is told it expired
 * (1035, log in again) rather than that it is unknown. A session revoked or left idle ends
 * earlier and is swept at the same time (revoked ones answer as unknown either way).
 */
export const SESSION_RETENTION_DAYS = 30;
/** Hourly by default: rows wait a month anyway, and each run is a range of the expires_at index. */
const SWEEP_PERIOD_FACTOR = 60;

/**
 * Forgets the platform's and end users' sessions a month past their maximum age, once per period
 * across all processes; otherwise every login would leave a row behind for good.
 */
@Injectable()
export class SessionsSweeps implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    const everySeconds = this.scheduler.sweepPeriod(SWEEP_PERIOD_FACTOR);
    const jobs = { 'expired-sessions': 'sessions', 'expired-end-user-sessions': 'end_user_sessions' } as const;
    for (const [name, table] of Object.entries(jobs)) {
      this.scheduler.register({ name, everySeconds, run: (stopping) => this.sweep(table, stopping) });
    }
  }

  /** Deletes the sessions of `table` past their retention (no further batch once `stopping` is aborted); how many went. */
  sweep(table: 'sessions' | 'end_user_sessions', stopping?: AbortSignal): Promise<number> {
    return deleteExpired(this.prisma, table, SESSION_RETENTION_DAYS, stopping);
  }
}
