import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * A key as the first sealed format stored it, before values were bound to their rows: format
 * byte 1, IV, tag, ciphertext, no key id and no associated data. For tests of the upgrade.
 */
export function legacySeal(key: Buffer, plaintext: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]));
}
