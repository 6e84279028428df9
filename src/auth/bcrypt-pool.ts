import { Logger } from '@nestjs/common';

import { Metrics } from '../core/metrics/metrics';
import { HashingAnswer, HashingHost, HashingTaskMessage } from './hashing-host';

interface Task extends HashingTaskMessage {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

/** The pool refused a task rather than queue it: the wait would be longer than allowed. */
export class HashingBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`password hashing is busy, retry in ${retryAfterSeconds} s`);
  }
}

/** How a task's duration is followed: each new one moves the average by this share. */
const DURATION_WEIGHT = 0.2;

/**
 * Longest a refusal is held back. A client that asks again as soon as it is refused (a script, a
 * load generator) would otherwise turn refusals into a flood that takes the event loop's core and
 * slows the hashing further; a held refusal costs a timer, not CPU.
 */
const REFUSAL_PAUSE_MS = 1000;

/** A hashing process that ended before it was ready is started again after this long, doubled each time in a row. */
const RESTART_PAUSE_MS = 1000;
const RESTART_PAUSE_MAX_MS = 30_000;
/** Failed starts in a row after which queued tasks are failed rather than kept waiting. */
const FAILED_STARTS_TO_GIVE_UP = 3;

/**
 * bcrypt in a low-priority process of its own (HashingHost) on `size` threads, one task each at a
 * time, the rest queued here; a task that would wait more than `maxWaitMs` (its place in the
 * queue over the threads, times the recent duration of a task) is refused without being queued
 * (HashingBusy, after a pause of at most REFUSAL_PAUSE_MS): under a flood, a hash would otherwise
 * be computed for a client that gave up long before its turn, and every queued login holds its
 * connection meanwhile. A hashing process that ends fails the tasks it was running, not the
 * queued ones, and another is started; one that cannot start is retried with a growing pause, and
 * after a few failures in a row the queued tasks fail too.
 */
export class BcryptPool {
  private readonly logger = new Logger(BcryptPool.name);
  private host?: HashingHost;
  /** Tasks sent to the current hashing process, by id. */
  private readonly running = new Map<number, { task: Task; started: number }>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  private failedStarts = 0;
  private restartTimer?: NodeJS.Timeout;
  /** Recent wall-clock milliseconds of one task; unknown until the first one ends. */
  private taskMs?: number;

  constructor(
    private readonly size: number,
    private readonly maxWaitMs = Infinity,
    private readonly metrics = new Metrics(false),
  ) {
    this.start();
    metrics.passwords.queue.sampleFrom(() => [[{}, this.queue.length]]);
  }

  /** The priority the current hashing process got (e.g. 'nice 19, autogroup nice 19'); unknown until it is ready. */
  get priority(): string | undefined {
    return this.host?.priority;
  }

  /** The current hashing process's id (a child of this process). */
  get hostPid(): number | undefined {
    return this.host?.pid;
  }

  /** Rejects with HashingBusy when a task queued now would wait longer than allowed. */
  async admit(): Promise<void> {
    const refusal = this.refusal();
    if (refusal) throw await refusal;
  }

  hash(password: string, cost: number): Promise<string> {
    return this.run('hash', [password, cost]);
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.run('compare', [password, hash]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.failAll(new Error('password hashing stopped'));
    await this.host?.stop();
  }

  /** When a task queued now would wait too long: its refusal, given after a pause. */
  private refusal(): Promise<HashingBusy> | undefined {
    const wait = this.expectedWaitMs();
    if (wait <= this.maxWaitMs) return undefined;
    const busy = new HashingBusy(Math.max(1, Math.ceil(wait / 1000)));
    return new Promise((resolve) => setTimeout(() => resolve(busy), Math.min(REFUSAL_PAUSE_MS, wait)));
  }

  /** The wait of a task queued now: the tasks ahead of it, cleared `size` at a time. */
  private expectedWaitMs(): number {
    if (this.taskMs === undefined || this.queue.length + this.running.size < this.size) return 0;
    return Math.floor(this.queue.length / this.size + 1) * this.taskMs;
  }

  private async run<T>(op: Task['op'], args: Task['args']): Promise<T> {
    if (this.closed) throw new Error('password hashing stopped');
    const refusal = this.refusal();
    if (refusal) throw await refusal;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: (this.nextId += 1), op, args, resolve: resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Sends queued tasks to the hashing process while it has free threads (none until it is ready);
   * while any task is queued or running, its channel keeps this process alive.
   */
  private dispatch(): void {
    const host = this.host;
    while (host?.ready && this.running.size < this.size && this.queue.length > 0) {
      const task = this.queue.shift() as Task;
      this.running.set(task.id, { task, started: performance.now() });
      host.send({ id: task.id, op: task.op, args: task.args });
    }
    host?.hold(this.running.size + this.queue.length > 0);
  }

  private start(): void {
    try {
      const host: HashingHost = new HashingHost(this.size, {
        ready: (priority) => this.ready(host, priority),
        answer: (message) => this.answer(message),
        ended: (reason) => this.ended(host, reason),
      });
      this.host = host;
    } catch (error) {
      this.startFailed(`the password hashing process could not start: ${(error as Error).message}`);
    }
  }

  private ready(host: HashingHost, priority: string): void {
    this.failedStarts = 0;
    this.logger.log(`password hashing on ${this.size} thread(s) of process ${String(host.pid)} at ${priority}`);
    this.dispatch();
  }

  private answer(message: HashingAnswer): void {
    const entry = this.running.get(message.id);
    if (!entry) return;
    this.running.delete(message.id);
    const ms = performance.now() - entry.started;
    this.follow(ms);
    this.metrics.passwords.duration.observe({ op: entry.task.op }, ms / 1000);
    if (message.error === undefined) entry.task.resolve(message.result as never);
    else entry.task.reject(new Error(message.error));
    this.dispatch();
  }

  private follow(ms: number): void {
    this.taskMs = this.taskMs === undefined ? ms : this.taskMs + DURATION_WEIGHT * (ms - this.taskMs);
  }

  /** A hashing process that ended fails the tasks it was running; another takes its place. */
  private ended(host: HashingHost, reason: string): void {
    if (this.closed || host !== this.host) return; // closing failed every task already
    this.failRunning(new Error('the password hashing process ended'));
    this.host = undefined;
    if (host.priority === undefined) return this.startFailed(`the password hashing process ended before it was ready (${reason})`);
    this.logger.error(`the password hashing process ended (${reason}); starting another`);
    this.start();
  }

  /** Tries again after a pause that doubles with each failure in a row; past a few, queued tasks fail meanwhile. */
  private startFailed(message: string): void {
    this.failedStarts += 1;
    const pause = Math.min(RESTART_PAUSE_MAX_MS, RESTART_PAUSE_MS * 2 ** (this.failedStarts - 1));
    this.logger.error(`${message}; trying again in ${pause} ms`);
    if (this.failedStarts >= FAILED_STARTS_TO_GIVE_UP) this.failAll(new Error('password hashing is unavailable'));
    this.restartTimer = setTimeout(() => this.start(), pause);
    this.restartTimer.unref();
  }

  private failAll(error: Error): void {
    for (const task of this.queue.splice(0)) task.reject(error);
    this.failRunning(error);
  }

  private failRunning(error: Error): void {
    for (const { task } of this.running.values()) task.reject(error);
    this.running.clear();
  }
}
