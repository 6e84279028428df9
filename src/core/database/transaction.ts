import type { Prisma } from '../../generated/prisma/client';
import type { PrismaService } from './prisma.service';

/** Where a statement runs: the pool, or the caller's transaction. */
export type Db = Prisma.TransactionClient | PrismaService;

/**
 * What a transaction leaves to do once it has committed: dropping every process's copy of what it
 * changed. Earlier, another process could read the old row again and keep it.
 */
export type AfterCommit = () => Promise<void>;

export const nothingAfterCommit: AfterCommit = () => Promise.resolve();

/** Runs each of `steps` in turn. */
export const allAfterCommit =
  (...steps: AfterCommit[]): AfterCommit =>
  async () => {
    for (const step of steps) await step();
  };
