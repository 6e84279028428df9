import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { claimNextPeriod, recordOutcome } from './schedule.sql';

export interface PeriodicJob {
  /** Unique across the deployment (the key of its row in scheduled_runs). */
  name: string;
  /** Length of a period, in seconds: the job runs once in each, in one process. */
  everySeconds: number;
  /**
   * The work; what it answers (rows swept) goes to the log and to scheduled_runs.outcome.
   * `stopping` is aborted when the process shuts down: a long run ends early at a safe point (the
   * next period goes on where it stopped), since shutdown waits for it.
   */
  run(stopping: AbortSignal): Promise<number | void>;
}

/** Processes wait up to this share of a period (at most MAX_SPREAD_MS) past its start, so they do not all ask at once. */
const SPREAD = 0.1;
const MAX_SPREAD_MS = 2000;
/** Periods not yet run that are still made up, one after the other, before the job skips to the present. */
const MAX_CATCH_UP = 10;

/**
 * Runs every registered periodic job once per period across all processes and replicas: at each
 * period's start every serving process asks PostgreSQL for the next period not yet run
 * (scheduled_runs), and the one that gets it runs the job. A run that fails (or a process that
 * dies running it) leaves that period undone; the next period runs again. Rooms register their
 * jobs in onModuleInit.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Scheduler.name);
  private readonly jobs: PeriodicJob[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  /** Aborted when the process shuts down: no job is planned or claimed after, and runs in flight are told. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Seconds between two runs of a sweep (SWEEP_INTERVAL_SECONDS), times `factor` for rarer ones. */
  sweepPeriod(factor = 1): number {
    return this.config.SWEEP_INTERVAL_SECONDS * factor;
  }

  register(job: PeriodicJob): void {
    if (this.jobs.some((known) => known.name === job.name)) throw new Error(`periodic job ${job.name} registered twice`);
    this.jobs.push(job);
    if (this.started) this.plan(job);
  }

  onApplicationBootstrap(): void {
    // Only serving processes run jobs: a command run with the same modules leaves them to the servers.
    if (!this.adapterHost.httpAdapter) return;
    this.started = true;
    for (const job of this.jobs) this.plan(job);
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    // A claim in flight may still start its run: wait for that too.
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /** Sets the job's timer for the start of the next period, plus a random spread. */
  private plan(job: PeriodicJob): void {
    if (this.shutdown.signal.aborted) return;
    const periodMs = job.everySeconds * 1000;
    const next = Math.floor(Date.now() / periodMs) + 1;
    const delay = next * periodMs - Date.now() + Math.random() * Math.min(periodMs * SPREAD, MAX_SPREAD_MS);
    const timer = setTimeout(() => this.track(this.claimAndRun(job)), delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  /**
   * Claims and runs every period of the job that has begun and that no process has claimed yet,
   * oldest first, then waits for the next. Periods are handed out in order by the database, not by
   * each process's own timer, so one whose timers fire late (or that has just started) never
   * makes another skip a period.
   */
  private async claimAndRun(job: PeriodicJob): Promise<void> {
    while (!this.shutdown.signal.aborted) {
      const current = Math.floor(Date.now() / (job.everySeconds * 1000));
      let period: number | undefined;
      try {
        period = await claimNextPeriod(this.prisma, job.name, current, MAX_CATCH_UP);
      } catch (error) {
        this.logger.warn(
          { job: job.name, period: current, error: (error as Error).message },
          'periodic job not claimed: database unusable',
        );
      }
      if (period === undefined) break;
      await this.runPeriod(job, period);
    }
    this.plan(job);
  }

  /** Shutdown waits for claims and runs in flight, so none meets a closed pool. */
  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  private async runPeriod(job: PeriodicJob, period: number): Promise<void> {
    let outcome: string;
    try {
      const result = await job.run(this.shutdown.signal);
      outcome = typeof result === 'number' ? `${result} rows` : 'done';
      this.logger.debug({ job: job.name, period, outcome }, 'periodic job ran');
    } catch (error) {
      outcome = `failed: ${(error as Error).message}`;
      this.logger.warn({ job: job.name, period, error: (error as Error).message }, 'periodic job failed');
    }
    await recordOutcome(this.prisma, job.name, period, outcome).catch(() => undefined);
  }
}
