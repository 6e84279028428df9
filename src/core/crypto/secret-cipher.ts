import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { AppConfig } from '../config/app-config';
import { decodeSecretKey, secretKeyId } from './secret-key';

/** Format 1 (before keys were bound to their rows): format byte, IV, tag, ciphertext; no associated data. */
const LEGACY_FORMAT = 1;
/** Format 2: format byte, key id, IV, tag, ciphertext; the header and the row are associated data. */
const FORMAT = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * APP_SECRET_KEY, or (outside production, where config refuses its absence) a key generated once
 * and kept in DATA_DIR/app-secret.key, so the server and the CLI agree without any setting.
 */
export function loadSecretKey(config: Pick<AppConfig, 'APP_SECRET_KEY' | 'dataDir'>): Buffer {
  if (config.APP_SECRET_KEY) return decodeSecretKey(config.APP_SECRET_KEY);
  const file = path.join(config.dataDir, 'app-secret.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won
    }
  }
  return decodeSecretKey(readFileSync(file, 'utf8').trim());
}

/** APP_SECRET_KEY_PREVIOUS: the keys still opening what they sealed, during a rotation. */
export function loadPreviousSecretKeys(config: Pick<AppConfig, 'APP_SECRET_KEY_PREVIOUS'>): Buffer[] {
  return config.APP_SECRET_KEY_PREVIOUS ? [decodeSecretKey(config.APP_SECRET_KEY_PREVIOUS)] : [];
}

/**
 * Where a sealed value lives: its table, the row's public id and the key's version there. It is
 * the associated data of the seal, so a value copied into another row, another table, or back
 * over a newer key of its own row does not open.
 */
export interface SealContext {
  table: string;
  id: string;
  keyVersion: number;
}

const associatedData = (header: Buffer, context: SealContext): Buffer =>
  Buffer.concat([header, Buffer.from(JSON.stringify([context.table, context.id, context.keyVersion]), 'utf8')]);

/** The format byte and key id that start every value a key seals. */
const headerOf = (key: Buffer): Buffer => Buffer.concat([Buffer.from([FORMAT]), secretKeyId(key)]);

/**
 * Encrypts the secrets that must be usable again (app and api keys for HMAC checks, queued mail)
 * with AES-256-GCM, each bound to its row and marked with the id of the key that sealed it. It
 * seals under the current key only; the previous keys of a rotation still open what they sealed.
 */
export class SecretCipher {
  /** The first bytes of every value this key seals: format and key id. */
  readonly header: Buffer;
  /** The previous keys by their header (hex): decrypt-only. */
  private readonly previous: Map<string, Buffer>;

  constructor(
    private readonly key: Buffer,
    previousKeys: Buffer[] = [],
  ) {
    this.header = headerOf(key);
    this.previous = new Map(previousKeys.map((previous) => [headerOf(previous).toString('hex'), previous]));
  }

  /** The key id in hex, safe to log. */
  get keyId(): string {
    return this.header.subarray(1).toString('hex');
  }

  /** The headers of every key that opens values: the current key's first. */
  get headers(): Buffer[] {
    return [this.header, ...[...this.previous.keys()].map((hex) => Buffer.from(hex, 'hex'))];
  }

  /** A plain Uint8Array (what Prisma's Bytes fields take), not a pooled Buffer. */
  seal(plaintext: string, context: SealContext): Uint8Array<ArrayBuffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(this.header, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([this.header, iv, cipher.getAuthTag(), body]));
  }

  /** Whether the value was sealed under the current key (it may still be altered: `open` tells). */
  sealedUnderCurrentKey(sealed: Uint8Array): boolean {
    return Buffer.from(sealed).subarray(0, this.header.length).equals(this.header);
  }

  /** Throws when the value was sealed under a key this cipher lacks, for another place, or was altered. */
  open(sealed: Uint8Array, context: SealContext): string {
    const data = Buffer.from(sealed);
    const header = data.subarray(0, this.header.length);
    if (data[0] !== FORMAT) throw new Error(`sealed in format ${data[0]}, not ${FORMAT}`);
    const key = header.equals(this.header) ? this.key : this.previous.get(header.toString('hex'));
    if (!key) {
      const known = [this.keyId, ...[...this.previous.keys()].map((hex) => hex.slice(2))].join(', ');
      throw new Error(`sealed under key id ${header.subarray(1).toString('hex')}, not the configured ${known}`);
    }
    return decrypt(key, data.subarray(this.header.length), associatedData(header, context));
  }

  /** Opens a value of format 1 (not bound to any row, no key id): only to re-seal it in the current format. */
  openLegacy(sealed: Uint8Array): string {
    const data = Buffer.from(sealed);
    if (data[0] !== LEGACY_FORMAT) throw new Error(`sealed in format ${data[0]}, not ${LEGACY_FORMAT}`);
    const failures: unknown[] = [];
    for (const key of [this.key, ...this.previous.values()]) {
      try {
        return decrypt(key, data.subarray(1));
      } catch (error) {
        failures.push(error);
      }
    }
    throw failures[0];
  }

  /** The value opened (under whichever key sealed it) and sealed again under the current key, for the same place. */
  reseal(sealed: Uint8Array, context: SealContext): Uint8Array<ArrayBuffer> {
    return this.seal(this.open(sealed, context), context);
  }
}

function decrypt(key: Buffer, data: Buffer, aad?: Buffer): string {
  const iv = data.subarray(0, IV_BYTES);
  const tag = data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
