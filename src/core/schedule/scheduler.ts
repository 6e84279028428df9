import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { claimPeriod, recordOutcome } from './schedule.sql';

export interface PeriodicJob {
  /** Unique across the deployment (the key of its row in scheduled_runs). */
  name: string;
  /** Length of a period, in seconds: the job runs once in each, in one process. */
  everySeconds: number;
  /** The work; what it answers (rows swept) goes to the log and to scheduled_runs.outcome. */
  run(): Promise<number | void>;
}

/** Processes wait up to this share of a period (at most MAX_SPREAD_MS) past its start, so they do not all ask at once. */
const SPREAD = 0.1;
const MAX_SPREAD_MS = 2000;
/** Periods a late process still asks for, one after the other, before it skips to the present. */
const MAX_CATCH_UP = 10;

/**
 * Runs every registered periodic job once per period across all processes and replicas: at each
 * period's start every serving process asks PostgreSQL for the period (scheduled_runs), and the
 * one that gets it runs the job. A run that fails (or a process that dies running it) leaves that
 * period undone; the next period runs again. Rooms register their jobs in onModuleInit.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Scheduler.name);
  private readonly jobs: PeriodicJob[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  private stopping = false;

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

  /** The names of the jobs registered, in order. */
  get registered(): string[] {
    return this.jobs.map((job) => job.name);
  }

  onApplicationBootstrap(): void {
    // Only serving processes run jobs: a command run with the same modules leaves them to the servers.
    if (!this.adapterHost.httpAdapter) return;
    this.started = true;
    for (const job of this.jobs) this.plan(job);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.running);
  }

  /**
   * Sets the job's timer for the start of `period` (the next one to come by default), plus a
   * random spread. Each process asks for the periods in turn, the next only once the last was
   * claimed by someone, so a period is never skipped while any process runs, even one whose
   * timers fire late.
   */
  private plan(job: PeriodicJob, period = Math.floor(Date.now() / (job.everySeconds * 1000)) + 1): void {
    if (this.stopping) return;
    const periodMs = job.everySeconds * 1000;
    // A process that stood still for long (a stopped VM) resumes near the present, not with a backlog of claims.
    period = Math.max(period, Math.floor(Date.now() / periodMs) - MAX_CATCH_UP);
    const delay = Math.max(0, period * periodMs - Date.now()) + Math.random() * Math.min(periodMs * SPREAD, MAX_SPREAD_MS);
    const timer = setTimeout(() => void this.claimThenPlan(job, period), delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private async claimThenPlan(job: PeriodicJob, period: number): Promise<void> {
    let claimed = false;
    try {
      claimed = await claimPeriod(this.prisma, job.name, period);
    } catch (error) {
      this.logger.warn({ job: job.name, period, error: (error as Error).message }, 'periodic job not claimed: database unusable');
    }
    this.plan(job, period + 1);
    if (!claimed) return;
    const run = this.runPeriod(job, period).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async runPeriod(job: PeriodicJob, period: number): Promise<void> {
    let outcome: string;
    try {
      const result = await job.run();
      outcome = typeof result === 'number' ? `${result} rows` : 'done';
      this.logger.debug({ job: job.name, period, outcome }, 'periodic job ran');
    } catch (error) {
      outcome = `failed: ${(error as Error).message}`;
      this.logger.warn({ job: job.name, period, error: (error as Error).message }, 'periodic job failed');
    }
    await recordOutcome(this.prisma, job.name, period, outcome).catch(() => undefined);
  }
}
