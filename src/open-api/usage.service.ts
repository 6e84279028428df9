import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Observable } from 'rxjs';

import { CallerRequest } from '../auth/caller';
import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { addUsage } from './open-api.sql';

const utcDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/**
 * Open-API calls per developer app and day, counted in memory (no database write per request)
 * and added to the usage table every OPEN_USAGE_FLUSH_MS by one additive upsert, so any number
 * of processes add up; what a process counted and had not flushed is flushed as it stops.
 */
@Injectable()
export class UsageCounter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UsageCounter.name);
  /** `${appId}|${day}` -> calls not flushed yet. */
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {}

  count(appId: number): void {
    const key = `${appId}|${utcDay(Date.now())}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** Calls of `appId` this process counted and has not flushed yet, per day. */
  unflushed(appId: number): Map<string, number> {
    const days = new Map<string, number>();
    for (const [key, calls] of this.pending) {
      const [id, day] = key.split('|');
      if (Number(id) === appId) days.set(day, calls);
    }
    return days;
  }

  /** Adds what was counted to the table; on failure the counts are kept for the next flush. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const taken = this.pending;
    this.pending = new Map();
    const counts = [...taken].map(([key, calls]) => {
      const [appId, day] = key.split('|');
      return { appId: Number(appId), day, calls };
    });
    try {
      await addUsage(this.prisma, counts);
    } catch (error) {
      for (const [key, calls] of taken) this.pending.set(key, (this.pending.get(key) ?? 0) + calls);
      throw error;
    }
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: Error) => this.logger.warn(`usage not flushed: ${error.message}`));
    }, this.config.OPEN_USAGE_FLUSH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch((error: Error) => this.logger.warn(`usage not flushed at shutdown: ${error.message}`));
  }
}

/** Counts each open-API request the access guard let through, for its developer app. */
@Injectable()
export class CountUsage implements NestInterceptor {
  constructor(private readonly counter: UsageCounter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const app = context.switchToHttp().getRequest<CallerRequest>().openApp;
    if (app) this.counter.count(app.id);
    return next.handle();
  }
}
