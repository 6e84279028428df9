import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A random URL-safe secret of `bytes` bytes (32 = 256 bits). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** A new HMAC key of an app or developer app: 256 bits, URL-safe (43 characters). */
export const newSigningKey = (): string => randomToken(32);

/** A random lower-case hex string of `bytes` bytes (twice as many characters), for public ids. */
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A random numeric code of `digits` digits, leading zeros kept. */
export const randomDigits = (digits: number): string => String(randomInt(0, 10 ** digits)).padStart(digits, '0');

/** What is stored of a token, code or session key: its SHA-256, never the value. */
export const sha256 = (value: string): Buffer<ArrayBuffer> => createHash('sha256').update(value, 'utf8').digest();
