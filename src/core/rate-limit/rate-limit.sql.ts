import type { PrismaService } from '../database/prisma.service';

/**
 * Counts one more hit of `key` in `window` and answers the count, in one upsert (so racing hits
 * all count), on the pool: the per-app and per-IP limits run on every request.
 */
export async function countHit(prisma: PrismaService, key: string, window: number, expiresAt: Date): Promise<number> {
  const [row] = await prisma.hotQuery<{ count: number }>(
    `INSERT INTO "rate_limit_counters" ("key", "window", "count", "expires_at")
     VALUES ($1, $2, 1, $3)
     ON CONFLICT ("key", "window") DO UPDATE SET "count" = "rate_limit_counters"."count" + 1
     RETURNING "count"`,
    [key, window, expiresAt],
  );
  return row.count;
}

/** Deletes the counters of windows that have ended; how many went. */
export function sweepCounters(prisma: PrismaService): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "rate_limit_counters" WHERE "expires_at" < now()`;
}
