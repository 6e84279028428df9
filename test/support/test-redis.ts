/**
 * The Redis server the suites may use, given as TEST_REDIS_URL (CI's second configuration sets it
 * to the machine's own). Without it the apps keep their stores in PostgreSQL, and the cases about
 * Redis itself are reported as skipped, by name and saying why, never passed.
 */
export const TEST_REDIS_URL: string | undefined = process.env.TEST_REDIS_URL;

/** `describe` for cases that need TEST_REDIS_URL: without it, each is listed as skipped. */
export function describeWithRedis(name: string, cases: () => void): void {
  if (TEST_REDIS_URL) describe(name, cases);
  else describe.skip(`${name} (skipped: TEST_REDIS_URL is not set)`, cases);
}
