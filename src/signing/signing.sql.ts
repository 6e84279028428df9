import type { PrismaService } from '../core/database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

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
