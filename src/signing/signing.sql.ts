import type { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import type { AppStatus, Prisma } from '../generated/prisma/client';

/**
 * Takes the app's nonce for `ttlSeconds`, on the pool (every signed request does): true when it
 * was free. The primary key decides between racing requests; an expired row not yet swept may be
 * taken over, a live one may not.
 */
export async function claimNonce(prisma: PrismaService, appId: string, nonce: string, ttlSeconds: number): Promise<boolean> {
  const rows = await prisma.hotQuery(
    `INSERT INTO "request_nonces" ("app_id", "nonce", "expires_at")
     VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT ("app_id", "nonce") DO UPDATE SET "expires_at" = EXCLUDED."expires_at"
       WHERE "request_nonces"."expires_at" < now()
     RETURNING 1`,
    [appId, nonce, ttlSeconds],
  );
  return rows.length === 1;
}

/** Deletes the nonces no request can replay any more; how many went. */
export function sweepNonces(prisma: PrismaService): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "request_nonces" WHERE "expires_at" < now()`;
}

/** Locks the app of `appId` to the end of the transaction: its row id, or undefined when there is none. */
export async function lockApp(tx: Prisma.TransactionClient, appId: string): Promise<number | undefined> {
  const [row] = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "apps" WHERE "app_id" = ${appId} FOR UPDATE`;
  return row?.id;
}

/** A developer app as the open API's signature check reads it, with its library and whether its owner is active. */
export interface OpenAppRow {
  id: number;
  api_id: string;
  name: string;
  status: AppStatus;
  user_cap: number;
  expires_at: Date;
  key_ciphertext: Uint8Array;
  key_version: number;
  previous_key_ciphertext: Uint8Array | null;
  previous_key_expires_at: Date | null;
  allowed_domains: string[] | null;
  owner_active: boolean;
  library_id: number | null;
  library_expires_at: Date | null;
  library_deleted: boolean | null;
  library_requires_verification: boolean | null;
}

/** One round trip on the pool: the developer app of `apiId` with what every open-API request checks. */
export async function openAppByApiId(prisma: PrismaService, apiId: string): Promise<OpenAppRow | undefined> {
  const rows = await prisma.hotQuery<OpenAppRow>(
    `SELECT d.id, d.api_id, d.name, d.status, d.user_cap, d.expires_at, d.key_ciphertext, d.key_version,
            d.previous_key_ciphertext, d.previous_key_expires_at, d.allowed_domains,
            u.status = 'ACTIVE' AS owner_active,
            l.id AS library_id, l.expires_at AS library_expires_at, l.deleted_at IS NOT NULL AS library_deleted,
            l.require_email_verification AS library_requires_verification
       FROM developer_apps d
       JOIN users u ON u.id = d.owner_id
       LEFT JOIN user_libraries l ON l.id = d.library_id
      WHERE d.api_id = $1`,
    [apiId],
  );
  return rows[0];
}

/** The api ids of the developer apps bound to a library (whose cached copies a change of the library makes stale). */
export async function apiIdsOfLibrary(db: Db, libraryId: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ api_id: string }[]>`SELECT api_id FROM developer_apps WHERE library_id = ${libraryId}`;
  return rows.map((row) => row.api_id);
}

/** The api ids of an owner's developer apps (whose cached copies a change of the owner's status makes stale). */
export async function apiIdsOfOwner(db: Db, ownerId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ api_id: string }[]>`SELECT api_id FROM developer_apps WHERE owner_id = ${ownerId}::uuid`;
  return rows.map((row) => row.api_id);
}
