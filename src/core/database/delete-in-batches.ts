import { Prisma } from '../../generated/prisma/client';
import type { PrismaService } from './prisma.service';

/** Rows one statement deletes at most, so a sweep's backlog goes in short transactions. */
const BATCH = 5000;

/**
 * Deletes the rows of `table` (a name of the code's, never a request's) that meet `condition`, a
 * batch per statement until none is left; how many went. The condition is asked again of the row
 * the DELETE locks, so a row changed since the batch was chosen is deleted only if it still meets it.
 * Once `stopping` is aborted no further batch starts.
 */
export async function deleteInBatches(
  prisma: PrismaService,
  table: string,
  condition: Prisma.Sql,
  stopping?: AbortSignal,
): Promise<number> {
  const name = Prisma.raw(`"${table}"`);
  let deleted = 0;
  for (;;) {
    const batch = await prisma.$executeRaw`
      DELETE FROM ${name}
       WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${name} WHERE ${condition} LIMIT ${BATCH})) AND (${condition})`;
    deleted += batch;
    if (batch < BATCH || stopping?.aborted) return deleted;
  }
}

/** Deletes the rows of `table` more than `keptDays` past their `expires_at`, as `deleteInBatches` does. */
export function deleteExpired(prisma: PrismaService, table: string, keptDays: number, stopping?: AbortSignal): Promise<number> {
  return deleteInBatches(prisma, table, Prisma.sql`expires_at < now() - make_interval(days => ${keptDays})`, stopping);
}
