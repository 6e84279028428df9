import { Worker } from 'node:worker_threads';

import { Logger } from '@nestjs/common';

import { Metrics } from '../core/metrics/metrics';

/**
 * The code of each hashing thread. It lowers its own scheduling priority first (on Linux the
 * nice value is per thread), so that hashing uses idle cores at full speed but yields them at
 * once to the event loop: a login storm cannot slow every other request down.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
const bcrypt = require(workerData.bcrypt);
try { os.setPriority(19); } catch {}
parentPort.on('message', ({ id, op, args }) => {
  try {
    const result = op === 'hash' ? bcrypt.hashSync(args[0], args[1]) : bcrypt.compareSync(args[0], args[1]);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Task {
  id: number;
  op: 'hash' | 'compare';
  args: [string, string | number];
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

/**
 * A fixed set of low-priority threads that run bcrypt, one task each at a time, the rest queued;
 * a task that would wait more than `maxWaitMs` (its place in the queue over the threads, times
 * the recent duration of a task) is refused without being queued (HashingBusy, after a pause of
 * at most REFUSAL_PAUSE_MS): under a flood, a hash would otherwise be computed for a client that
 * gave up long before its turn, and every queued login holds its connection meanwhile.
 */
export class BcryptPool {
  private readonly logger = new Logger(BcryptPool.name);
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { task: Task; started: number }>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;
  /** Recent wall-clock milliseconds of one task; unknown until the first one ends. */
  private taskMs?: number;

  constructor(
    private readonly size: number,
    private readonly maxWaitMs = Infinity,
    private readonly metrics = new Metrics(false),
  ) {
    for (let i = 0; i < size; i += 1) this.idle.push(this.spawn());
    metrics.passwords.queue.sampleFrom(() => [[{}, this.queue.length]]);
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
    for (const task of this.queue.splice(0)) task.reject(new Error('password hashing stopped'));
    await Promise.all([...this.idle, ...this.busy.keys()].map((worker) => worker.terminate()));
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
    if (this.taskMs === undefined || this.queue.length + this.busy.size < this.size) return 0;
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

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const task = this.queue.shift() as Task;
      this.busy.set(worker, { task, started: performance.now() });
      worker.postMessage({ id: task.id, op: task.op, args: task.args });
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcrypt: require.resolve('bcrypt') } });
    worker.unref();
    worker.on('message', (message: { id: number; result?: never; error?: string }) => {
      const { task, started } = this.busy.get(worker) ?? {};
      this.busy.delete(worker);
      this.idle.push(worker);
      const ms = started === undefined ? undefined : performance.now() - started;
      if (ms !== undefined) this.follow(ms);
      if (task?.id === message.id) {
        if (ms !== undefined) this.metrics.passwords.duration.observe({ op: task.op }, ms / 1000);
        if (message.error === undefined) task.resolve(message.result as never);
        else task.reject(new Error(message.error));
      }
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(worker, error));
    return worker;
  }

  private follow(ms: number): void {
    this.taskMs = this.taskMs === undefined ? ms : this.taskMs + DURATION_WEIGHT * (ms - this.taskMs);
  }

  /** A thread that died takes its task with it; a fresh one takes its place. */
  private replace(worker: Worker, error: Error): void {
    this.logger.error(`a password hashing thread failed: ${error.message}`);
    this.busy.get(worker)?.task.reject(error);
    this.busy.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    if (this.closed) return;
    this.idle.push(this.spawn());
    this.dispatch();
  }
}
