import { Worker } from 'node:worker_threads';

import { Logger } from '@nestjs/common';

import { Metrics, secondsSince } from '../core/metrics/metrics';

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
  /** When a thread took it (process.hrtime.bigint()). */
  started?: bigint;
}

/** A fixed set of low-priority threads that run bcrypt, one task each at a time, the rest queued. */
export class BcryptPool {
  private readonly logger = new Logger(BcryptPool.name);
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly metrics = new Metrics(false),
  ) {
    for (let i = 0; i < size; i += 1) this.idle.push(this.spawn());
    metrics.passwords.queue.sampleFrom(() => [[{}, this.queue.length]]);
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

  private run<T>(op: Task['op'], args: Task['args']): Promise<T> {
    if (this.closed) return Promise.reject(new Error('password hashing stopped'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: (this.nextId += 1), op, args, resolve: resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const task = this.queue.shift() as Task;
      task.started = process.hrtime.bigint();
      this.busy.set(worker, task);
      worker.postMessage({ id: task.id, op: task.op, args: task.args });
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcrypt: require.resolve('bcrypt') } });
    worker.unref();
    worker.on('message', (message: { id: number; result?: never; error?: string }) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (task?.id === message.id) {
        this.metrics.passwords.duration.observe({ op: task.op }, secondsSince(task.started!));
        if (message.error === undefined) task.resolve(message.result as never);
        else task.reject(new Error(message.error));
      }
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(worker, error));
    return worker;
  }

  /** A thread that died takes its task with it; a fresh one takes its place. */
  private replace(worker: Worker, error: Error): void {
    this.logger.error(`a password hashing thread failed: ${error.message}`);
    this.busy.get(worker)?.reject(error);
    this.busy.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    if (this.closed) return;
    this.idle.push(this.spawn());
    this.dispatch();
  }
}
