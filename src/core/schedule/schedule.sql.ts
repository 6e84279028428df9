import type { PrismaService } from '../database/prisma.service';

/**
 * Claims the job's next period not yet run, if it has begun by `current` (the caller's period
 * now): the one after the last claimed, or `current` itself for a job never run or more than
 * `maxBehind` periods behind. Exactly one of any number of processes asking at once gets each
 * period (the upsert holds the job's row lock, and the others then see it taken); undefined when
 * the next period has not begun yet.
 */
export async function claimNextPeriod(prisma: PrismaService, job: string, current: number, maxBehind: number): Promise<number | undefined> {
  const [row] = await prisma.$queryRaw<{ period: bigint }[]>`
    INSERT INTO "scheduled_runs" ("job", "period", "started_at") VALUES (${job}, ${current}, now())
    ON CONFLICT ("job") DO UPDATE
       SET "period" = GREATEST("scheduled_runs"."period" + 1, EXCLUDED."period" - ${maxBehind}),
           "started_at" = now(), "finished_at" = NULL, "outcome" = NULL
     WHERE "scheduled_runs"."period" < EXCLUDED."period"
 RETURNING "period"`;
  return row === undefined ? undefined : Number(row.period);
}

/** Records how the run of `period` ended (rows swept, or the error). */
export async function recordOutcome(prisma: PrismaService, job: string, period: number, outcome: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "scheduled_runs" SET "finished_at" = now(), "outcome" = ${outcome.slice(0, 200)}
     WHERE "job" = ${job} AND "period" = ${period}`;
}
