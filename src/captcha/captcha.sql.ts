import type { Db } from '../core/database/transaction';

/**
 * Spends one try of a live image captcha in a single UPDATE (so parallel guesses cannot exceed
 * `maxAttempts`): the right answer (`hash`) marks it used. True when accepted, false when wrong,
 * undefined when no try was left to spend (unknown, used, expired or out of tries).
 */
export async function spendCaptchaTry(db: Db, id: string, hash: Uint8Array, maxAttempts: number): Promise<boolean | undefined> {
  const [row] = await db.$queryRaw<{ accepted: boolean }[]>`
    UPDATE "captchas"
       SET attempts = attempts + 1,
           used_at = CASE WHEN "answer_hash" = ${hash} THEN now() END
     WHERE id = ${id}::uuid AND used_at IS NULL AND expires_at > now() AND attempts < ${maxAttempts}
 RETURNING used_at IS NOT NULL AS accepted`;
  return row?.accepted;
}

/** Whether the captcha is live but out of tries. */
export async function captchaOutOfTries(db: Db, id: string, maxAttempts: number): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT id FROM "captchas" WHERE id = ${id}::uuid AND used_at IS NULL AND expires_at > now() AND attempts >= ${maxAttempts}`;
  return rows.length > 0;
}
