import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { HttpClient } from './http-client';
import { freePort } from './test-app';

export const DIST = path.resolve(__dirname, '../../dist');

export function assertBuilt(): void {
  if (!existsSync(path.join(DIST, 'main.js'))) {
    throw new Error('dist/ is missing: run "npm run build" first ("npm test" does it)');
  }
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first output line matching `pattern`, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Runs one of the built entry points (dist/main.js, dist/cli/*.js) as a user would; `stdin` is piped in, then closed. */
export function runBuilt(script: string, env: Record<string, string>, args: string[] = [], stdin?: string): RunningProcess {
  return runNode(path.join(DIST, script), env, args, stdin);
}

/** Runs `platform <args>` from dist/, as `npx platform` or the image's `platform` does. */
export function runPlatform(args: string[], env: Record<string, string>, stdin?: string): RunningProcess {
  return runBuilt('cli/platform.js', env, args, stdin);
}

/**
 * Runs a Node script in a process of its own, its output collected; `stdin` is piped in, then
 * closed. It reads no .env file (a developer's own, in the repository, would change what tests see).
 */
export function runNode(file: string, env: Record<string, string>, args: string[] = [], stdin?: string): RunningProcess {
  return runProcess(process.execPath, [file, ...args], { env: { ENV_FILE: '', ...env }, stdin });
}

export interface ProcessOptions {
  /** The whole environment but PATH. */
  env: Record<string, string>;
  cwd?: string;
  /** Piped in, then closed; without it, standard input is closed. */
  stdin?: string;
}

/** Runs a program in a process of its own, its standard output and error collected together. */
export function runProcess(command: string, args: string[], { env, cwd, stdin }: ProcessOptions): RunningProcess {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd,
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  let output = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const line = output.split('\n').find((l) => waiter.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const line = output.split('\n').find((l) => pattern.test(l));
        if (line) return resolve(line);
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`process exited (${code}) before a line matched ${pattern}:\n${output}`));
        });
      }),
  };
}

export interface ServingProcess extends RunningProcess {
  port: number;
  http: HttpClient;
  /** SIGTERM, then resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * The built server (dist/main.js) on a free loopback port with `env` (DATABASE_URL at least, so
 * that several share one database), resolved once it listens.
 */
export async function startServing(env: Record<string, string>): Promise<ServingProcess> {
  const port = await freePort();
  const server = runBuilt('main.js', {
    LOG_LEVEL: 'info',
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  await server.waitFor(/"msg":"listening on http/, 120_000);
  return {
    ...server,
    port,
    http: new HttpClient(`http://127.0.0.1:${port}`),
    stop: async () => {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}
