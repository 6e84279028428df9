import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma } from '../generated/prisma/client';
import { lockedStatus, lockedWithGroup } from './users.sql';

/**
 * Locks a user's row to the end of the transaction, so that one user's parallel requests queue
 * and each counts what the others made (quotas, storage, mailed codes). 1058 when the user is gone.
 */
export async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  if ((await lockedStatus(tx, userId)) === undefined) throw new DomainError(ErrorCode.USER_ABNORMAL);
}

/**
 * Locks a user's row and their group's row to the end of the transaction, so that neither their
 * status nor their rank moves between a rank check and the write it allows (an administrator's
 * change of the user, a moderator's take-down of what they wrote). Nothing when there is no such user.
 */
export async function lockUserAndGroup(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await lockedWithGroup(tx, userId);
}
