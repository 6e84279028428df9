import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma } from '../generated/prisma/client';

/**
 * Locks a user's row to the end of the transaction, so that one user's parallel creations queue
 * and each counts what the others made (quotas). NO KEY UPDATE is the lock a balance debit takes
 * on this row anyway: it does not hold up inserts elsewhere that merely reference the user
 * (sessions, messages). 1058 when the user is gone.
 */
export async function lockUser(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, userId: string): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "users" WHERE "id" = ${userId}::uuid FOR NO KEY UPDATE`;
  if (rows.length === 0) throw new DomainError(ErrorCode.USER_ABNORMAL);
}
