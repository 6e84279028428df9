import { readdirSync, readFileSync } from 'node:fs';

import bcrypt from 'bcrypt';

import { BcryptPool, HashingBusy } from './bcrypt-pool';

describe('BcryptPool', () => {
  const pool = new BcryptPool(2);
  afterAll(() => pool.close());

  it('hashes so that bcrypt itself verifies, and compares both ways', async () => {
    const hash = await pool.hash('correct horse', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await bcrypt.compare('correct horse', hash)).toBe(true);
    expect(await pool.compare('correct horse', hash)).toBe(true);
    expect(await pool.compare('wrong horse', hash)).toBe(false);
  });

  it('answers false for a stored value that is not a bcrypt hash', async () => {
    expect(await pool.compare('anything', 'not-a-usable-hash')).toBe(false);
  });

  it('runs many tasks through few threads, each getting its own answer', async () => {
    const hashes = await Promise.all(Array.from({ length: 12 }, (_, i) => pool.hash(`password ${i}`, 4)));
    const checks = await Promise.all(hashes.map((hash, i) => pool.compare(`password ${i}`, hash)));
    const crossed = await Promise.all(hashes.map((hash, i) => pool.compare(`password ${i + 1}`, hash)));
    expect(checks.every(Boolean)).toBe(true);
    expect(crossed.some(Boolean)).toBe(false);
  });

  it('refuses without queueing, with a retry time, a task that would wait longer than allowed; queues those that would not', async () => {
    // One thread and cost 10 (tens of milliseconds a hash): a wait of at most 1 ms holds no queue at all.
    const strict = new BcryptPool(1, 1);
    try {
      const hash = await strict.hash('first', 10); // the pool learns how long a hash takes
      const started = Array.from({ length: 4 }, () => strict.compare('first', hash).then(String, (error: Error) => error));
      const outcomes = await Promise.all(started);
      expect(outcomes[0]).toBe('true');
      expect(outcomes.slice(1).every((outcome) => outcome instanceof HashingBusy && outcome.retryAfterSeconds >= 1)).toBe(true);
      await expect(strict.admit()).resolves.toBeUndefined(); // idle again
    } finally {
      await strict.close();
    }

    const patient = new BcryptPool(1, 60_000);
    try {
      const hash = await patient.hash('first', 4);
      const checks = await Promise.all(Array.from({ length: 6 }, () => patient.compare('first', hash)));
      expect(checks).toEqual(Array(6).fill(true));
    } finally {
      await patient.close();
    }
  });

  it('hashes in a process of its own, every thread at nice 19 and (where Linux has autogroups) in a session of its own at nice 19', async () => {
    await pool.hash('priority', 4);
    const host = pool.hostPid!;
    expect(host).not.toBe(process.pid);
    if (process.platform !== 'linux') return;
    expect(pool.priority).toMatch(/^nice 19/);
    const threads = readdirSync(`/proc/${host}/task`);
    expect(threads.length).toBeGreaterThan(2); // its main thread, libuv's pool, V8's
    for (const thread of threads) expect(niceOf(`/proc/${host}/task/${thread}/stat`)).toBe(19);
    const ownGroup = autogroup('self');
    if (ownGroup === undefined) return;
    expect(pool.priority).toBe('nice 19, autogroup nice 19');
    expect(autogroup(host)).toMatch(/ nice 19$/);
    expect(autogroup(host)?.split(' ')[0]).not.toBe(ownGroup.split(' ')[0]);
  });

  it('replaces a hashing process that dies, failing the task it was running but not the queued one', async () => {
    const replaced = new BcryptPool(1);
    try {
      await replaced.hash('warm', 4);
      const first = replaced.hostPid!;
      const running = replaced.hash('slow', 15); // seconds of work: still running when the process is killed
      const queued = replaced.hash('queued', 4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.kill(first, 'SIGKILL');
      await expect(running).rejects.toThrow(/hashing process ended/);
      expect(await bcrypt.compare('queued', await queued)).toBe(true);
      expect(replaced.hostPid).not.toBe(first);
    } finally {
      await replaced.close();
    }
  });

  it('ends its hashing process when closed, failing what was running', async () => {
    const closing = new BcryptPool(1);
    await closing.hash('warm', 4);
    const host = closing.hostPid!;
    const running = closing.hash('slow', 15).then(String, (error: Error) => error.message);
    await closing.close();
    expect(await running).toMatch(/stopped/);
    expect(() => process.kill(host, 0)).toThrow(); // gone (and reaped by this process)
  });

  it('refuses work once closed', async () => {
    const closing = new BcryptPool(1);
    await closing.close();
    await expect(closing.hash('x', 4)).rejects.toThrow(/stopped/);
  });
});

/** `/autogroup-<n> nice <n>` of a process, or undefined where the kernel has no autogroups. */
function autogroup(pid: number | 'self'): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/autogroup`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The nice value in a /proc stat file (its 19th field). */
function niceOf(statFile: string): number {
  return Number(readFileSync(statFile, 'utf8').split(') ')[1].split(' ')[16]);
}
