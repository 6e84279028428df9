import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../config/app-config';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64url');
  if (key.length !== 32) throw new Error('APP_SECRET_KEY must be 32 bytes');
  return key;
}

/**
 * APP_SECRET_KEY, or (outside production, where config refuses its absence) a key generated once
 * and kept in DATA_DIR/app-secret.key, so the server and the CLI agree without any setting.
 */
export function loadSecretKey(config: AppConfig): Buffer {
  if (config.APP_SECRET_KEY) return decodeKey(config.APP_SECRET_KEY);
  const file = path.join(config.dataDir, 'app-secret.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won
    }
  }
  return decodeKey(readFileSync(file, 'utf8').trim());
}

/**
 * Encrypts the secrets that must be usable again (app and api keys for HMAC checks) with
 * AES-256-GCM: version byte, IV, tag, ciphertext. Tampered or foreign data fails to open.
 */
export class SecretCipher {
  constructor(private readonly key: Buffer) {}

  /** A plain Uint8Array (what Prisma's Bytes fields take), not a pooled Buffer. */
  seal(plaintext: string): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
  }

  open(sealed: Uint8Array): string {
    const data = Buffer.from(sealed);
    if (data[0] !== VERSION) throw new Error('unknown secret format');
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
