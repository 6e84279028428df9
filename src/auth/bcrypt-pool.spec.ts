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

  it('refuses work once closed', async () => {
    const closing = new BcryptPool(1);
    await closing.close();
    await expect(closing.hash('x', 4)).rejects.toThrow(/stopped/);
  });
});
