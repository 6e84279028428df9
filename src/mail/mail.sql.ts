import type { PrismaService } from '../core/database/prisma.service';
import type { Locale } from '../core/errors/catalogue';
import { Prisma } from '../generated/prisma/client';

/** A mail_outbox row taken for one attempt. */
export interface ClaimedRow {
  id: string;
  recipient: string;
  template: string;
  locale: Locale;
  payload: Uint8Array;
  attempts: number;
}

/** Key space of the per-address advisory locks ('mail'), apart from the migrator's lock. */
const ADDRESS_LOCK_CLASS = 0x6d61696c;

/** Only the attempt that claimed the row may record its outcome: a later claim counted another attempt. */
const stillClaimed = (id: string, attempt: number): Prisma.Sql => Prisma.sql`
  "id" = ${id}::uuid AND "attempts" = ${attempt} AND "sent_at" IS NULL AND "failed_at" IS NULL`;

/**
 * Takes the oldest due mail for one attempt. The same UPDATE moves its next attempt `leaseSeconds`
 * ahead, so no other worker takes it while this one tries; SKIP LOCKED lets parallel claims pass
 * each other instead of queueing on one row.
 */
export async function claimDueMail(prisma: PrismaService, leaseSeconds: number): Promise<ClaimedRow | undefined> {
  const [row] = await prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "mail_outbox"
       SET "attempts" = "attempts" + 1, "next_attempt_at" = now() + make_interval(secs => ${leaseSeconds})
     WHERE "id" = (SELECT "id" FROM "mail_outbox"
                    WHERE "sent_at" IS NULL AND "failed_at" IS NULL AND "next_attempt_at" <= now()
                    ORDER BY "next_attempt_at" LIMIT 1
                    FOR UPDATE SKIP LOCKED)
       AND "sent_at" IS NULL AND "failed_at" IS NULL
 RETURNING "id", "recipient", "template", "locale", "payload", "attempts"`;
  return row;
}

/** Sent by the attempt that claimed it: the secret it carried is erased. */
export async function markSent(prisma: PrismaService, id: string, attempt: number): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "mail_outbox" SET "sent_at" = now(), "payload" = NULL, "last_error" = NULL WHERE ${stillClaimed(id, attempt)}`;
}

/** Given up by the attempt that claimed it: the secret it carried is erased. */
export async function markGivenUp(prisma: PrismaService, id: string, attempt: number, lastError: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "mail_outbox" SET "failed_at" = now(), "payload" = NULL, "last_error" = ${lastError} WHERE ${stillClaimed(id, attempt)}`;
}

/** Failed at the attempt that claimed it: tried again `retryInSeconds` from now. */
export async function scheduleRetry(
  prisma: PrismaService,
  id: string,
  attempt: number,
  lastError: string,
  retryInSeconds: number,
): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "mail_outbox" SET "next_attempt_at" = now() + make_interval(secs => ${retryInSeconds}), "last_error" = ${lastError}
     WHERE ${stillClaimed(id, attempt)}`;
}

/** Forgets sent and given-up mail older than `days`; how many went. */
export function sweepFinishedMail(prisma: PrismaService, days: number): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "mail_outbox"
     WHERE ("sent_at" IS NOT NULL OR "failed_at" IS NOT NULL)
       AND "created_at" < now() - make_interval(days => ${days})`;
}

/**
 * How many mails to the address were queued in the last hour and not given up, counted under a
 * transaction-scoped lock on the address: parallel requests for one address queue one behind the
 * other, and each counts what the one before queued.
 */
export async function lockedHourlyCount(tx: Prisma.TransactionClient, to: string): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK_CLASS}::int, hashtext(lower(${to})))`;
  const [{ count }] = await tx.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "mail_outbox"
     WHERE lower("recipient") = lower(${to}) AND "created_at" > now() - interval '1 hour' AND "failed_at" IS NULL`;
  return count;
}

/** Mails neither sent nor given up (the due index covers exactly these rows). */
export async function waitingMailCount(prisma: PrismaService): Promise<number> {
  const [{ count }] = await prisma.hotQuery<{ count: number }>(
    'SELECT count(*)::int AS "count" FROM "mail_outbox" WHERE "sent_at" IS NULL AND "failed_at" IS NULL',
    [],
  );
  return count;
}
