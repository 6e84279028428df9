import { Prisma } from '../generated/prisma/client';

/** Locks the developer app of `apiId` (of `ownerId`, when given) to the end of the transaction: its row id, or undefined when there is none. */
export async function lockDeveloperApp(tx: Prisma.TransactionClient, apiId: string, ownerId?: string): Promise<number | undefined> {
  const ofOwner = ownerId === undefined ? Prisma.empty : Prisma.sql`AND "owner_id" = ${ownerId}::uuid`;
  const [row] = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "developer_apps" WHERE "api_id" = ${apiId} ${ofOwner} FOR UPDATE`;
  return row?.id;
}

/** How many developer apps the owner has, closed ones included, and how many since the month began at `now` in `zone`. */
export async function developerAppsHeld(
  tx: Prisma.TransactionClient,
  ownerId: string,
  now: Date,
  zone: string,
): Promise<{ total: number; this_month: number }> {
  const [held] = await tx.$queryRaw<{ total: number; this_month: number }[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE "created_at" >= date_trunc('month', ${now}::timestamptz, ${zone}))::int AS this_month
      FROM "developer_apps" WHERE "owner_id" = ${ownerId}::uuid`;
  return held;
}

/** Locks the owner's user library of `spanId` to the end of the transaction: its row id, or undefined when the owner has none such. */
export async function lockLibrary(tx: Prisma.TransactionClient, spanId: string, ownerId: string): Promise<number | undefined> {
  const [row] = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "user_libraries" WHERE "span_id" = ${spanId} AND "owner_id" = ${ownerId}::uuid FOR UPDATE`;
  return row?.id;
}

/** How many developer apps the owner has (closed ones included) and how many user libraries (deleted ones not). */
export async function librariesHeld(tx: Prisma.TransactionClient, ownerId: string): Promise<{ apps: number; libraries: number }> {
  const [held] = await tx.$queryRaw<{ apps: number; libraries: number }[]>`
    SELECT (SELECT count(*)::int FROM "developer_apps" WHERE "owner_id" = ${ownerId}::uuid) AS apps,
           (SELECT count(*)::int FROM "user_libraries" WHERE "owner_id" = ${ownerId}::uuid AND "deleted_at" IS NULL) AS libraries`;
  return held;
}
