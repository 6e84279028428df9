import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/app-config';
import { loadSecretKey, SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(randomBytes(32));

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = cipher.seal('app-key-123');
    const b = cipher.seal('app-key-123');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).toString('utf8')).not.toContain('app-key-123');
    expect(cipher.open(a)).toBe('app-key-123');
  });

  it('refuses tampered data and data sealed with another key', () => {
    const sealed = cipher.seal('secret');
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.open(sealed)).toThrow();
    expect(() => new SecretCipher(randomBytes(32)).open(cipher.seal('secret'))).toThrow();
  });
});

describe('loadSecretKey', () => {
  it('takes APP_SECRET_KEY in hex or base64', () => {
    const key = randomBytes(32);
    expect(loadSecretKey(loadConfig({ APP_SECRET_KEY: key.toString('hex') })).equals(key)).toBe(true);
    expect(loadSecretKey(loadConfig({ APP_SECRET_KEY: key.toString('base64') })).equals(key)).toBe(true);
  });

  it('generates one key per data directory when none is set, readable by its owner only', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'secret-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = loadSecretKey(config);
      expect(first).toHaveLength(32);
      expect(loadSecretKey(config).equals(first)).toBe(true);
      expect(statSync(path.join(dir, 'app-secret.key')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET_KEY: is required in production/);
  });
});
