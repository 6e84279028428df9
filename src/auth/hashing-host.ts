import { ChildProcess, spawn } from 'node:child_process';

/**
 * The program of a hashing process: bcrypt's asynchronous calls on its own libuv pool (sized by
 * the parent), one task per message, answered by id. It lowers its priority before any thread of
 * that pool starts, so they all inherit it: nice 19 for itself, and on Linux, where the process
 * starts a session (an autogroup) of its own, nice 19 for that autogroup too. Nice values are
 * weighed only among threads of one scheduling group, and each PostgreSQL backend is a session of
 * its own: hashing threads inside the platform's process took the cores from the queries every
 * other request waits on, nice or not. The kernel lets an unprivileged process change an
 * autogroup's nice once per 100 ms across the whole machine (EAGAIN otherwise), so several
 * processes starting together retry. Its first message says which priority it got. It ends at
 * once when its parent does (the IPC channel closes), even in the middle of a hash.
 */
const HOST_SOURCE = `
const fs = require('node:fs');
const os = require('node:os');
const bcrypt = require(process.env.BCRYPT_MODULE);
const lowered = [];
// Every thread it has so far (V8's started with it); libuv's pool, started later, inherits it.
const threads = fs.existsSync('/proc/self/task') ? fs.readdirSync('/proc/self/task').map(Number) : [0];
try { for (const thread of threads) os.setPriority(thread, 19); lowered.push('nice 19'); } catch {}
const autogroupNice = (triesLeft) => {
  try {
    fs.writeFileSync('/proc/self/autogroup', '19');
    lowered.push('autogroup nice 19');
  } catch (error) {
    if (error.code === 'EAGAIN' && triesLeft > 0) return setTimeout(() => autogroupNice(triesLeft - 1), 110);
    if (error.code !== 'ENOENT') lowered.push('autogroup unchanged (' + error.code + ')');
  }
  process.send({ priority: lowered.join(', ') || 'normal' });
};
autogroupNice(20);
process.on('message', ({ id, op, args }) => {
  const work = op === 'hash' ? bcrypt.hash(args[0], args[1]) : bcrypt.compare(args[0], args[1]);
  work.then(
    (result) => process.send({ id, result }),
    (error) => process.send({ id, error: String((error && error.message) || error) }),
  );
});
// Not process.exit(): that waits for libuv's threads, hence for a hash of seconds to finish.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
`;

/** How long a stopped process gets to end before it is killed outright. */
const STOP_GRACE_MS = 2000;

export interface HashingTaskMessage {
  id: number;
  op: 'hash' | 'compare';
  args: [string, string | number];
}

export interface HashingAnswer {
  id: number;
  result?: never;
  error?: string;
}

export interface HashingHostEvents {
  /** The process is up, at this priority; tasks may be sent. */
  ready(priority: string): void;
  answer(message: HashingAnswer): void;
  /** Once, however it ended (exited, killed, or never started). */
  ended(reason: string): void;
}

/**
 * One hashing process: a child of this one in a session of its own (detached), given only what it
 * needs of the environment (no secret of the platform's), fed tasks over its IPC channel.
 */
export class HashingHost {
  private readonly child: ChildProcess;
  private readyPriority?: string;
  private hasEnded = false;

  /** Throws when the process cannot be created at all (spawn's synchronous errors). */
  constructor(
    threads: number,
    private readonly events: HashingHostEvents,
  ) {
    this.child = spawn(process.execPath, ['-e', HOST_SOURCE], {
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { BCRYPT_MODULE: require.resolve('bcrypt'), UV_THREADPOOL_SIZE: String(threads) },
    });
    this.child.unref();
    this.hold(false);
    this.child.on('message', (message: { priority: string } | HashingAnswer) => {
      if (!('priority' in message)) return events.answer(message);
      this.readyPriority = message.priority;
      events.ready(message.priority);
    });
    // Without a pid it never started (EAGAIN, EMFILE, ...) and no 'exit' follows; with one, a send
    // failed because it is ending, and its 'exit' follows.
    this.child.on('error', (error) => {
      if (this.child.pid === undefined) this.end(error.message);
    });
    this.child.on('exit', (code, signal) => this.end(String(code ?? signal)));
    // A channel closed on a process still running would strand every task: end it.
    this.child.on('disconnect', () => {
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The priority it reported, once ready. */
  get priority(): string | undefined {
    return this.readyPriority;
  }

  get ready(): boolean {
    return this.readyPriority !== undefined && !this.hasEnded && this.child.connected;
  }

  send(task: HashingTaskMessage): void {
    this.child.send(task);
  }

  /** While tasks are out, the channel keeps this process's event loop alive (a CLI awaiting a hash). */
  hold(busy: boolean): void {
    if (busy) this.child.channel?.ref();
    else this.child.channel?.unref();
  }

  async stop(): Promise<void> {
    if (this.hasEnded) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill();
    const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_GRACE_MS).unref());
    if ((await Promise.race([exited, grace])) === 'late') {
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  private end(reason: string): void {
    if (this.hasEnded) return;
    this.hasEnded = true;
    this.events.ended(reason);
  }
}
