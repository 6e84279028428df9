import { deleteInBatches } from '../core/database/delete-in-batches';
import type { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import { Prisma } from '../generated/prisma/client';
import { CREDENTIAL_FILE_GONE } from './download.query';

// The statements of downloads themselves are in download.query.ts, which the benchmark's baseline
// loads and sends as they are.

/**
 * The row a download statement (download.query.ts) finds for a credential, straight on the pool
 * (downloads are benchmark scenario 6): undefined when there is none.
 */
export async function downloadRow<T>(prisma: PrismaService, statement: string, values: [Buffer, ...unknown[]]): Promise<T | undefined> {
  const [row] = await prisma.hotQuery<T>(statement, values);
  return row;
}

/** Whether the credential is known and its file deleted. */
export async function credentialFileGone(prisma: PrismaService, tokenHash: Buffer): Promise<boolean> {
  return (await prisma.hotQuery(CREDENTIAL_FILE_GONE, [tokenHash])).length > 0;
}

/**
 * Marks a live file deleted and expires its download credentials now: its storage key, or
 * undefined when the file is unknown or already deleted (a parallel withdrawal came first).
 */
export async function withdrawFile(db: Db, fileId: string): Promise<string | undefined> {
  const [file] = await db.$queryRaw<{ storage_key: string }[]>`
    UPDATE files SET deleted_at = now() WHERE id = ${fileId}::uuid AND deleted_at IS NULL RETURNING storage_key`;
  if (!file) return undefined;
  await db.$executeRaw`UPDATE download_credentials SET expires_at = now() WHERE file_id = ${fileId}::uuid AND expires_at > now()`;
  return file.storage_key;
}

/** A user's storage quota and usage. */
export interface StorageUsage {
  /** The group's quota in bytes; 0 is unlimited. */
  quota: bigint;
  /** Bytes of the user's live files and of their other uploads in flight. */
  used: bigint;
}

/**
 * The user's quota and usage but for reservation `id`. Run it with the user's row locked, in a
 * statement after the lock's: a statement that waited for the lock would still count with the
 * snapshot it took before waiting, missing what the holder wrote.
 */
export async function storageUsage(tx: Prisma.TransactionClient, userId: string, id: string): Promise<StorageUsage> {
  const [usage] = await tx.$queryRaw<StorageUsage[]>`
    SELECT g."storage_quota_bytes" AS quota,
           (SELECT COALESCE(SUM("size"), 0)::bigint FROM "files" WHERE "owner_id" = u."id" AND "deleted_at" IS NULL)
         + (SELECT COALESCE(SUM("bytes"), 0)::bigint FROM "upload_reservations"
             WHERE "user_id" = u."id" AND "expires_at" > now() AND "id" <> ${id}::uuid) AS used
      FROM "users" u JOIN "groups" g ON g."id" = u."group_id"
     WHERE u."id" = ${userId}::uuid`;
  return usage;
}

/** Sets reservation `id` to `bytes`, for `lifetimeSeconds` from now. */
export async function reserve(
  tx: Prisma.TransactionClient,
  reservation: { id: string; userId: string; bytes: bigint; lifetimeSeconds: number },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "upload_reservations" ("id", "user_id", "bytes", "expires_at")
    VALUES (${reservation.id}::uuid, ${reservation.userId}::uuid, ${reservation.bytes}, now() + make_interval(secs => ${reservation.lifetimeSeconds}))
    ON CONFLICT ("id") DO UPDATE SET "bytes" = EXCLUDED."bytes", "expires_at" = EXCLUDED."expires_at"`;
}

/** Forgets the user's reservations past their time (by the database's clock, as `storageUsage` counts them). */
export async function dropExpiredReservations(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "upload_reservations" WHERE "user_id" = ${userId}::uuid AND "expires_at" <= now()`;
}

/** Forgets every user's reservations past their time (a crashed process's): they no longer count. */
export function sweepExpiredReservations(prisma: PrismaService, stopping?: AbortSignal): Promise<number> {
  return deleteInBatches(prisma, 'upload_reservations', Prisma.sql`expires_at <= now()`, stopping);
}
