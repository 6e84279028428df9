import type { Db } from '../core/database/transaction';
import { Prisma } from '../generated/prisma/client';

/** The two single-use secrets of QQ flows, by table and hash column. */
const SECRETS = {
  state: { table: Prisma.raw('"qq_states"'), hash: Prisma.raw('"state_hash"') },
  ticket: { table: Prisma.raw('"qq_tickets"'), hash: Prisma.raw('"ticket_hash"') },
} as const;
export type SecretKind = keyof typeof SECRETS;

/** Expired rows are kept a day, so that an expired state or ticket says so (1026) instead of "unknown". */
const KEEP_EXPIRED = Prisma.sql`interval '1 day'`;

const ofApp = (appId?: number): Prisma.Sql => (appId === undefined ? Prisma.empty : Prisma.sql`AND "app_id" = ${appId}`);

/**
 * Uses the live secret of this hash (under the app, when one is given) in one conditional UPDATE,
 * so of parallel uses exactly one wins: its row, or none.
 */
export function claimSecret<T>(db: Db, kind: SecretKind, hash: Uint8Array, appId?: number): Promise<T[]> {
  const { table, hash: column } = SECRETS[kind];
  return db.$queryRaw<T[]>`
    UPDATE ${table} SET "used_at" = now()
     WHERE ${column} = ${hash} AND "used_at" IS NULL AND "expires_at" > now() ${ofApp(appId)}
 RETURNING *`;
}

/** Whether the unused secret of this hash is still live; undefined when there is none (under the app, when one is given). */
export async function unusedSecretLive(db: Db, kind: SecretKind, hash: Uint8Array, appId?: number): Promise<boolean | undefined> {
  const { table, hash: column } = SECRETS[kind];
  const [row] = await db.$queryRaw<{ live: boolean }[]>`
    SELECT "expires_at" > now() AS live FROM ${table} WHERE ${column} = ${hash} AND "used_at" IS NULL ${ofApp(appId)}`;
  return row?.live;
}

/** Forgets the secrets of this kind a day past their expiry. */
export function sweepSecrets(db: Db, kind: SecretKind): Promise<number> {
  return db.$executeRaw`DELETE FROM ${SECRETS[kind].table} WHERE "expires_at" < now() - ${KEEP_EXPIRED}`;
}

/**
 * A new binding, unless either unique constraint (one QQ per user, one user per QQ, under the app)
 * holds another: its id, or undefined on such a conflict (however many binds race).
 */
export async function insertBinding(
  tx: Prisma.TransactionClient,
  binding: { appId: number; userId: string; openid: string; nickname: string; avatarUrl: string | null },
): Promise<string | undefined> {
  const [inserted] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "qq_bindings" ("app_id", "user_id", "openid", "nickname", "avatar_url")
    VALUES (${binding.appId}, ${binding.userId}::uuid, ${binding.openid}, ${binding.nickname}, ${binding.avatarUrl})
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return inserted?.id;
}
