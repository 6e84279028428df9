import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma } from '../generated/prisma/client';
import { lockedStatus } from './users.sql';

/**
 * Locks a user's row to the end of the transaction, so that one user's parallel requests queue
 * and each counts what the others made (quotas, storage, mailed codes). 1058 when the user is gone.
 */
export async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  if ((await lockedStatus(tx, userId)) === undefined) throw new DomainError(ErrorCode.USER_ABNORMAL);
}
