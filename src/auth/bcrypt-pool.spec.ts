import bcrypt from 'bcrypt';

import { BcryptPool } from './bcrypt-pool';

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

  it('refuses work once closed', async () => {
    const closing = new BcryptPool(1);
    await closing.close();
    await expect(closing.hash('x', 4)).rejects.toThrow(/stopped/);
  });
});
