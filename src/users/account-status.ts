import { Injectable } from '@nestjs/common';

import { SessionsService } from '../auth/sessions.service';
import { AfterCommit, allAfterCommit, nothingAfterCommit } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma, UserStatus } from '../generated/prisma/client';
import { OpenAppsService } from '../signing/open-apps.service';
import { lockedStatus } from './users.sql';

const { PENDING, ACTIVE, LOCKED, BANNED } = UserStatus;

/** Who moves an account from one status to another. */
export type StatusMover = 'mailbox' | 'moderator' | 'administrator';

/**
 * The account lifecycle. A sign-up starts PENDING (the first administrator, made on the command
 * line, starts ACTIVE); from there each mover may take an account only from the statuses listed
 * to the statuses listed. An account in any other status stays as it is.
 */
export const STATUS_MOVES: Record<StatusMover, { from: readonly UserStatus[]; to: readonly UserStatus[] }> = {
  // A verification link or a password reset code proved the address.
  mailbox: { from: [PENDING], to: [ACTIVE] },
  // An upheld report of a user locks them; one already locked or banned stays so.
  moderator: { from: [ACTIVE], to: [LOCKED] },
  // PATCH /admin/users/:uuid, within the rank rules checked before.
  administrator: { from: [PENDING, ACTIVE, LOCKED, BANNED], to: [ACTIVE, LOCKED, BANNED] },
};

/** Entering these ends every session of the account in the same transaction. */
const ENDS_SESSIONS: readonly UserStatus[] = [BANNED];

export interface StatusMove {
  /** The status before, read under the row's lock. */
  from: UserStatus;
  /** The status after: `from` when the mover may not move the account from there. */
  to: UserStatus;
  /** False when the mover may not move the account from `from`: nothing was written. */
  moved: boolean;
  /**
   * To run once the transaction has committed: every process drops the account's sessions (ended
   * ones) or reads them again (the status they carry), and its developer apps.
   */
  afterCommit: AfterCommit;
}

/** The one place an account's status changes. */
@Injectable()
export class AccountStatus {
  constructor(
    private readonly sessions: SessionsService,
    private readonly openApps: OpenAppsService,
  ) {}

  /**
   * Takes the account to `to` inside `tx`, when `mover` may take it there from its status: the
   * row is locked and read, then written by an UPDATE conditional on that status. Entering BANNED
   * ends the account's sessions. 1053 when there is no such user.
   */
  async move(tx: Prisma.TransactionClient, userId: string, mover: StatusMover, to: UserStatus): Promise<StatusMove> {
    const rule = STATUS_MOVES[mover];
    if (!rule.to.includes(to)) throw new DomainError(ErrorCode.CHOICE_INVALID, `an account cannot be made ${to} by its ${mover}`);
    const from = await lockedStatus(tx, userId);
    if (from === undefined) throw new DomainError(ErrorCode.USER_NOT_FOUND);
    if (!rule.from.includes(from)) return { from, to: from, moved: false, afterCommit: nothingAfterCommit };
    await tx.user.updateMany({ where: { id: userId, status: from }, data: { status: to } });
    const sessions = ENDS_SESSIONS.includes(to) ? await this.sessions.revokeAllWithin(tx, userId) : () => this.sessions.forgetUser(userId);
    // The open API serves a developer's apps only while the developer is active (1063 otherwise).
    return { from, to, moved: true, afterCommit: allAfterCommit(sessions, () => this.openApps.forgetOwner(userId)) };
  }

  /**
   * A mailed link or code proved the account's address: the proof is recorded the first time, and
   * a PENDING account becomes ACTIVE (a locked or banned one stays as it is).
   */
  async proveMailbox(tx: Prisma.TransactionClient, userId: string): Promise<StatusMove> {
    const moved = await this.move(tx, userId, 'mailbox', ACTIVE);
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
    return moved;
  }
}
