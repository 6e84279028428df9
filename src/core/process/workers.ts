import cluster, { Worker } from 'node:cluster';

import type { Logger } from 'pino';

/** What the primary hands a service it runs beside the workers (see PrimaryService). */
export interface PrimaryContext {
  log: Logger;
  /** The workers alive at the moment of the call. */
  workers(): Worker[];
}

/**
 * Something the primary process runs itself, started once the workers are forked and stopped
 * after they have drained (e.g. an endpoint that gathers the workers' metrics). The primary
 * serves no request and holds no Nest application: what it runs is listed in primaryServices (src/main.ts).
 */
export interface PrimaryService {
  name: string;
  start(context: PrimaryContext): Promise<{ stop(): Promise<void> }>;
}

export interface WorkerPoolOptions {
  count: number;
  log: Logger;
  /** Environment every worker gets on top of the primary's (the database the primary opened). */
  env: Record<string, string>;
  /** Run in the primary once the workers are forked; stopped in reverse order at shutdown. */
  services: readonly PrimaryService[];
  /** Milliseconds the workers get to finish their requests after a termination signal. */
  shutdownTimeoutMs: number;
  /** Run last at shutdown, once every worker has exited (stops the embedded PostgreSQL). */
  afterWorkers(): Promise<void>;
}

/** First wait before replacing a worker that died; doubled for each death in a row, up to MAX. */
export const RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 15_000;
/** A worker that served this long counts as started well: the back-off starts again from the first delay. */
const STABLE_AFTER_MS = 10_000;
/** Workers dying before they listen, this many in a row, mean they cannot start: the process gives up. */
export const MAX_STARTUP_FAILURES = 4;

/** Exit code of a process whose workers keep dying at start-up. */
export const WORKERS_FAILING_EXIT_CODE = 1;

/**
 * The primary of WORKERS=n: forks n workers that share the listening port (node:cluster hands
 * connections out in turn), replaces any that dies after a back-off, gives up when they keep dying
 * before they listen, and on SIGTERM/SIGINT/SIGHUP passes the signal to every worker, waits for
 * each to finish its requests and exit, then runs `afterWorkers`.
 */
/** Resolves once all `count` workers listen (a start-up that never gets there ends the process). */
export async function runWorkerPool(options: WorkerPoolOptions): Promise<void> {
  const { log } = options;
  let stopping = false;
  let failuresInARow = 0;
  const listeningAt = new Map<Worker, number>();
  let allListening: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (allListening = resolve));

  const fork = (): void => {
    const worker = cluster.fork(options.env);
    worker.on('listening', () => {
      listeningAt.set(worker, Date.now());
      log.info({ worker: worker.process.pid }, 'worker listening');
      if (listeningAt.size === options.count) allListening();
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const since = listeningAt.get(worker);
    listeningAt.delete(worker);
    if (stopping) return;
    const served = since !== undefined;
    if (served && Date.now() - since >= STABLE_AFTER_MS) failuresInARow = 0;
    failuresInARow += 1;
    if (!served && failuresInARow >= MAX_STARTUP_FAILURES) {
      log.fatal({ worker: worker.process.pid, code, signal }, `workers keep dying at start-up (${failuresInARow} in a row): giving up`);
      void shutdown(WORKERS_FAILING_EXIT_CODE);
      return;
    }
    const delay = Math.min(RESTART_DELAY_MS * 2 ** (failuresInARow - 1), MAX_RESTART_DELAY_MS);
    log.warn({ worker: worker.process.pid, code, signal, restartInMs: delay }, 'worker died; replacing it');
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  const running: { stop(): Promise<void> }[] = [];
  const shutdown = async (exitCode: number, signal?: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), options.shutdownTimeoutMs + 5_000).unref();
    log.info({ signal }, 'shutting down: workers finish their requests in flight');
    const exits = Object.values(cluster.workers ?? {}).map((worker) => drain(worker!, signal ?? 'SIGTERM'));
    await Promise.all(exits);
    for (const service of running.reverse())
      await service.stop().catch((error: Error) => log.warn({ err: error }, 'primary service stop failed'));
    await options.afterWorkers();
    log.info('stopped');
    process.exit(exitCode);
  };

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0, signal));
  }

  for (let i = 0; i < options.count; i += 1) fork();
  const context: PrimaryContext = { log, workers: () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w) };
  for (const service of options.services) {
    running.push(await service.start(context));
    log.info(`primary service ${service.name} started`);
  }
  await started;
}

/** Signals the worker and resolves once it has exited (its own handler drains and exits). */
function drain(worker: Worker, signal: NodeJS.Signals): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    // A Ctrl-C reaches the whole process group, so the worker may already be draining: a repeat is ignored.
    worker.process.kill(signal);
  });
}
