import { readFileSync } from 'node:fs';
import path from 'node:path';

import { assertBuilt, DIST, runProcess } from './support/server-process';
import { until } from './support/until';

/** Whether process `pid` still runs (a zombie waiting to be reaped has ended). */
function running(pid: number): boolean {
  try {
    if (process.platform === 'linux') return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The password hashing process runs in a session of its own (so the terminal's Ctrl-C and a
 * process group kill do not reach it): it must end by itself when the platform process ends,
 * however that ends, or every crash would leave a hashing process behind.
 */
describe('the password hashing process', () => {
  beforeAll(() => assertBuilt());

  it.each(['SIGKILL', 'SIGTERM'] as const)('ends, mid-hash, when the process that started it is killed (%s)', async (signal) => {
    const parent = runProcess(
      process.execPath,
      [
        '-e',
        `const { BcryptPool } = require(${JSON.stringify(path.join(DIST, 'auth/bcrypt-pool.js'))});
         const pool = new BcryptPool(1);
         // After a first answer, a hash of several seconds that is still running when the test kills this process.
         pool.hash('x', 4).then(() => {
           console.log('hashing process ' + pool.hostPid);
           pool.hash('slow', 17).catch(() => {});
         });
         setInterval(() => {}, 1000);`,
      ],
      { env: {} },
    );
    const host = Number(/hashing process (\d+)/.exec(await parent.waitFor(/hashing process \d+/))![1]);
    expect(running(host)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the slow hash has started
    parent.child.kill(signal);
    await parent.exited;
    await until(() => !running(host), 2000); // well before the hash could have finished
  });

  it('keeps a process that awaits a hash alive until the answer comes (nothing else holds it)', async () => {
    const script = runProcess(
      process.execPath,
      [
        '-e',
        `const { BcryptPool } = require(${JSON.stringify(path.join(DIST, 'auth/bcrypt-pool.js'))});
         const pool = new BcryptPool(1);
         pool.hash('x', 10).then((hash) => console.log('hashed ' + hash.slice(0, 7)));`,
      ],
      { env: {} },
    );
    expect(await script.exited).toBe(0);
    expect(script.output()).toContain('hashed $2b$10$');
  });
});
