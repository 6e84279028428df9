import { Prisma } from '../generated/prisma/client';

/**
 * Uses a live verification link in one UPDATE, so of parallel uses exactly one wins: its owner (a
 * platform user or an end user), or undefined when the link is unknown, used or expired.
 */
export async function claimVerificationLink(
  tx: Prisma.TransactionClient,
  tokenHash: Uint8Array,
): Promise<{ user_id: string | null; end_user_id: string | null } | undefined> {
  const [claimed] = await tx.$queryRaw<{ user_id: string | null; end_user_id: string | null }[]>`
    UPDATE email_verifications SET used_at = now()
     WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > now()
 RETURNING user_id, end_user_id`;
  return claimed;
}

/** Ends the user's live reset codes but the `keep` newest, in the transaction that holds the user's row. */
export async function endResetCodesBeyond(tx: Prisma.TransactionClient, userId: string, keep: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE password_resets SET used_at = now()
     WHERE user_id = ${userId}::uuid AND used_at IS NULL
       AND id NOT IN (SELECT id FROM password_resets
                       WHERE user_id = ${userId}::uuid AND used_at IS NULL AND expires_at > now()
                       ORDER BY created_at DESC, id LIMIT ${keep})`;
}

/** Verification links a month past their expiry (until then an expired link says so, 1026, rather than "unknown"). */
export function sweepVerificationLinks(db: Prisma.TransactionClient): Promise<number> {
  return db.$executeRaw`DELETE FROM email_verifications WHERE expires_at < now() - interval '30 days'`;
}

/** Reset codes a day past their expiry: no code that does not work is told apart from another (1034). */
export function sweepResetCodes(db: Prisma.TransactionClient): Promise<number> {
  return db.$executeRaw`DELETE FROM password_resets WHERE expires_at < now() - interval '1 day'`;
}
