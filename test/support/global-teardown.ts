import type { DatabaseHandle } from '../../src/core/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { embeddedTestDatabase?: DatabaseHandle }).embeddedTestDatabase?.stop();
}
