import type { Prisma } from '../generated/prisma/client';

/**
 * Makes group edits take turns to the end of the transaction, while reads, permission checks and
 * new members (which only reference groups) go on.
 */
export async function lockGroupsForEdit(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`LOCK TABLE "groups" IN SHARE ROW EXCLUSIVE MODE`;
}
