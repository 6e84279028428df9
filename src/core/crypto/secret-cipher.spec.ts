import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { legacySeal } from '../../../test/support/legacy-seal';
import { loadConfig } from '../config/app-config';
import { loadPreviousSecretKeys, loadSecretKey, SealContext, SecretCipher } from './secret-cipher';
import { decodeSecretKey, secretKeyId, secretKeyWeakness } from './secret-key';

const APP_7: SealContext = { table: 'apps', id: 'app_7', keyVersion: 1 };

describe('SecretCipher', () => {
  const key = randomBytes(32);
  const cipher = new SecretCipher(key);

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = cipher.seal('app-key-123', APP_7);
    const b = cipher.seal('app-key-123', APP_7);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).toString('utf8')).not.toContain('app-key-123');
    expect(cipher.open(a, APP_7)).toBe('app-key-123');
  });

  it('refuses tampered data and data sealed with another key', () => {
    const sealed = cipher.seal('secret', APP_7);
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.open(sealed, APP_7)).toThrow();
    expect(() => new SecretCipher(randomBytes(32)).open(cipher.seal('secret', APP_7), APP_7)).toThrow(/sealed under key id/);
  });

  it('binds each value to its table, row and key version: copied elsewhere it does not open', () => {
    const sealed = cipher.seal('secret', APP_7);
    expect(() => cipher.open(sealed, { ...APP_7, id: 'app_8' })).toThrow(/authenticate/);
    expect(() => cipher.open(sealed, { ...APP_7, table: 'developer_apps' })).toThrow(/authenticate/);
    expect(() => cipher.open(sealed, { ...APP_7, keyVersion: 2 })).toThrow(/authenticate/);
    // Parts never run together: ("apps", "x,y") is not ("apps,x", "y").
    const tricky = cipher.seal('secret', { table: 'apps', id: 'x","y', keyVersion: 1 });
    expect(() => cipher.open(tricky, { table: 'apps","x', id: 'y', keyVersion: 1 })).toThrow(/authenticate/);
  });

  it('marks every value with the id of its key, and binds that mark too', () => {
    const sealed = Buffer.from(cipher.seal('secret', APP_7));
    expect(sealed[0]).toBe(2);
    expect(sealed.subarray(1, 9).equals(secretKeyId(key))).toBe(true);
    expect(cipher.keyId).toBe(secretKeyId(key).toString('hex'));
    // A key id forged onto a value sealed under another key still does not open it.
    const other = new SecretCipher(randomBytes(32));
    const forged = Buffer.from(other.seal('secret', APP_7));
    secretKeyId(key).copy(forged, 1);
    expect(() => cipher.open(forged, APP_7)).toThrow(/authenticate/);
  });

  it('opens a value of the first format only through openLegacy, for re-sealing', () => {
    const legacy = legacySeal(key, 'old-key');
    expect(() => cipher.open(legacy, APP_7)).toThrow(/format 1/);
    expect(cipher.openLegacy(legacy)).toBe('old-key');
    expect(() => new SecretCipher(randomBytes(32)).openLegacy(legacy)).toThrow();
    expect(() => cipher.openLegacy(cipher.seal('x', APP_7))).toThrow(/format 2/);
  });
});

describe('SecretCipher during a key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const before = new SecretCipher(oldKey);
  const during = new SecretCipher(newKey, [oldKey]);

  it('opens what the previous key sealed, seals under the new key only, and re-seals for the same place', () => {
    const old = before.seal('app-key', APP_7);
    expect(during.open(old, APP_7)).toBe('app-key');
    expect(during.sealedUnderCurrentKey(old)).toBe(false);
    const fresh = during.reseal(old, APP_7);
    expect(during.sealedUnderCurrentKey(fresh)).toBe(true);
    expect(new SecretCipher(newKey).open(fresh, APP_7)).toBe('app-key');
    expect(() => before.open(fresh, APP_7)).toThrow(/sealed under key id/);
    expect(() => during.reseal(old, { ...APP_7, id: 'app_8' })).toThrow(/authenticate/);
    expect(during.headers.map((header) => header.subarray(1).toString('hex'))).toEqual([during.keyId, before.keyId]);
  });

  it('opens values of the first format under either key', () => {
    expect(during.openLegacy(legacySeal(oldKey, 'a'))).toBe('a');
    expect(during.openLegacy(legacySeal(newKey, 'b'))).toBe('b');
    expect(() => during.openLegacy(legacySeal(randomBytes(32), 'c'))).toThrow();
  });

  it('APP_SECRET_KEY_PREVIOUS is a key like APP_SECRET_KEY, and not the same one', () => {
    const current = newKey.toString('hex');
    expect(loadPreviousSecretKeys(loadConfig({ APP_SECRET_KEY: current, APP_SECRET_KEY_PREVIOUS: oldKey.toString('base64') }))).toEqual([
      oldKey,
    ]);
    expect(() => loadConfig({ APP_SECRET_KEY: current, APP_SECRET_KEY_PREVIOUS: current })).toThrow(
      /APP_SECRET_KEY_PREVIOUS: is APP_SECRET_KEY itself/,
    );
    expect(() => loadConfig({ APP_SECRET_KEY_PREVIOUS: 'short' })).toThrow(/APP_SECRET_KEY_PREVIOUS: must be 32 bytes/);
  });
});

describe('secret key strength', () => {
  const hex = (bytes: Buffer): string => bytes.toString('hex');

  it('finds nothing wrong with random keys', () => {
    for (let i = 0; i < 1000; i += 1) expect(secretKeyWeakness(randomBytes(32))).toBeUndefined();
  });

  it('names repeated characters, repeated blocks and text', () => {
    expect(secretKeyWeakness(decodeSecretKey('a'.repeat(64)))).toMatch(/repeats characters/);
    expect(secretKeyWeakness(decodeSecretKey('0123456789abcdef'.repeat(4)))).toMatch(/repeats characters/);
    expect(secretKeyWeakness(decodeSecretKey('00112233445566778899aabbccddeeff'.repeat(2)))).toMatch(/every 16 bytes/);
    // A passphrase of 32 characters, as hex and as base64 (what `echo -n ... | xxd -p` or `| base64` gives).
    const passphrase = Buffer.from('correct horse battery staple 123');
    expect(secretKeyWeakness(decodeSecretKey(hex(passphrase)))).toMatch(/printable text/);
    expect(secretKeyWeakness(decodeSecretKey(passphrase.toString('base64')))).toMatch(/printable text/);
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
});
