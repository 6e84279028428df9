import type { PrismaService } from '../database/prisma.service';

/**
 * Claims `period` of the job for this process: true for exactly one of any number of processes
 * asking for the same period (the upsert holds the job's row lock, and the others then see the
 * period already taken), false for the rest and for a period already past.
 */
export async function claimPeriod(prisma: PrismaService, job: string, period: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<unknown[]>`
    INSERT INTO "scheduled_runs" ("job", "period", "started_at") VALUES (${job}, ${period}, now())
    ON CONFLICT ("job") DO UPDATE SET "period" = EXCLUDED."period", "started_at" = now(), "finished_at" = NULL, "outcome" = NULL
     WHERE "scheduled_runs"."period" < EXCLUDED."period"
 RETURNING 1`;
  return rows.length === 1;
}

/** Records how the run of `period` ended (rows swept, or the error). */
export async function recordOutcome(prisma: PrismaService, job: string, period: number, outcome: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "scheduled_runs" SET "finished_at" = now(), "outcome" = ${outcome.slice(0, 200)}
     WHERE "job" = ${job} AND "period" = ${period}`;
}
