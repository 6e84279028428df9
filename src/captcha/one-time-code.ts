import { Prisma } from '../generated/prisma/client';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';

/**
 * Tables holding a hashed code that allows a few tries of its own. (Mailed password reset codes
 * are not among them: their tries are counted per account, across codes.)
 */
const TABLES = { captchas: Prisma.raw('"captchas"') } as const;
const HASH_COLUMNS = { captchas: Prisma.raw('"answer_hash"') } as const;

export interface CodeAttempt {
  table: keyof typeof TABLES;
  id: string;
  /** The hash of what was typed, made the same way as the stored one. */
  hash: Uint8Array;
  maxAttempts: number;
}

type Db = Pick<Prisma.TransactionClient, '$queryRaw'>;

/**
 * Spends one try of a code in a single UPDATE (so parallel guesses cannot exceed the tries): the
 * right answer marks it used; a wrong one is 1034 (after `maxAttempts` of them the code is burnt);
 * an unknown, used or expired code is 1033.
 */
export async function redeemCode(db: Db, attempt: CodeAttempt): Promise<void> {
  const table = TABLES[attempt.table];
  const hashColumn = HASH_COLUMNS[attempt.table];
  const [row] = await db.$queryRaw<{ accepted: boolean }[]>`
    UPDATE ${table}
       SET attempts = attempts + 1,
           used_at = CASE WHEN ${hashColumn} = ${attempt.hash} THEN now() END
     WHERE id = ${attempt.id}::uuid AND used_at IS NULL AND expires_at > now() AND attempts < ${attempt.maxAttempts}
 RETURNING used_at IS NOT NULL AS accepted`;
  if (row?.accepted) return;
  if (row) throw new DomainError(ErrorCode.CODE_WRONG);
  const [burnt] = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${table}
     WHERE id = ${attempt.id}::uuid AND used_at IS NULL AND expires_at > now() AND attempts >= ${attempt.maxAttempts}`;
  if (burnt) throw new DomainError(ErrorCode.CODE_WRONG, 'too many wrong tries: ask for a new code');
  throw new DomainError(ErrorCode.CODE_EXPIRED);
}
