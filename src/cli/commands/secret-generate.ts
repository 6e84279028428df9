import { randomBytes } from 'node:crypto';

/** `platform secret:generate`: 32 random bytes in hex, fit for APP_SECRET_KEY; needs no configuration. */
export function run(): Promise<void> {
  process.stdout.write(`${randomBytes(32).toString('hex')}\n`);
  return Promise.resolve();
}
