import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freeze } from './frozen';
import { freePort } from './test-app';

/** The redis-server binary on PATH, or undefined: suites name their Redis cases skipped then. */
export const REDIS_SERVER: string | undefined = (process.env.PATH ?? '')
  .split(path.delimiter)
  .map((dir) => path.join(dir, 'redis-server'))
  .find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** Resolves once something accepts TCP connections on the port (or rejects after `timeoutMs`). */
async function listening(port: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A Redis server of the suite's own, on a free port, keeping nothing on disk (so a restart comes
 * back empty, as a Redis without persistence does), for stopping, freezing and restarting under
 * load without touching the machine's shared Redis.
 */
export class OwnRedis {
  private server?: ChildProcess;

  private constructor(
    private readonly binary: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(binary: string): Promise<OwnRedis> {
    const own = new OwnRedis(binary, mkdtempSync(path.join(os.tmpdir(), 'platform-own-redis-')), await freePort());
    await own.up();
    return own;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it (again, after `stop`: on the same port, empty). */
  async up(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    this.server = spawn(this.binary, args, { stdio: 'ignore' });
    await listening(this.port);
  }

  /** Kills it: connections cut, and whatever it held is gone. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.up();
  }

  /** SIGSTOP: connections stay open and nothing answers. Returns the thaw. */
  freeze(): () => void {
    return freeze(this.server!.pid!);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
