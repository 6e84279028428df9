import { createHmac } from 'node:crypto';

/** 32 bytes as 64 hex digits, or as base64 / base64url (43 characters, 44 with padding). */
export const SECRET_KEY_FORMAT = /^([A-Za-z0-9+/_-]{43}=?|[0-9a-fA-F]{64})$/;

export const SECRET_KEY_ADVICE = 'generate one with `openssl rand -hex 32`';

const KEY_ID_BYTES = 8;

export function decodeSecretKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64url');
  if (key.length !== 32) throw new Error('APP_SECRET_KEY must be 32 bytes');
  return key;
}

/**
 * Why `key` does not look like 32 random bytes, or undefined when it does. Each test fails a
 * random key with odds far below one in a billion: 32 random bytes hold about 30 distinct values,
 * repeat no short block, and are almost never all printable characters (a passphrase, or its hex
 * or base64, is).
 */
export function secretKeyWeakness(key: Buffer): string | undefined {
  if (new Set(key).size < 16) return 'it repeats characters: fewer than 16 distinct byte values';
  for (let period = 1; period <= 16; period += 1) {
    if (key.every((byte, i) => i < period || byte === key[i - period])) return `it repeats itself every ${period} bytes`;
  }
  if (key.every((byte) => byte >= 0x20 && byte < 0x7f)) return 'it is printable text (a passphrase?), not random bytes';
  return undefined;
}

/**
 * A public fingerprint of the key, stored with every value it seals: it tells which key a value
 * needs without revealing anything of the key.
 */
export function secretKeyId(key: Buffer): Buffer {
  return createHmac('sha256', key).update('platform secret-cipher key id').digest().subarray(0, KEY_ID_BYTES);
}
