import { randomUUID, timingSafeEqual } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { AttemptsService, GuessedSecret } from '../auth/attempts.service';
import { PasswordsService } from '../auth/passwords.service';
import { SessionsService } from '../auth/sessions.service';
import { randomDigits, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { allAfterCommit } from '../core/database/transaction';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { UserStatus } from '../generated/prisma/client';
import { MailService } from '../mail/mail.service';
import { QqBindingsService } from '../qq/qq-bindings.service';
import { AccountStatus } from '../users/account-status';
import { lockUser } from '../users/user-lock';
import { UsersService } from '../users/users.service';
import { endResetCodesBeyond } from './accounts.sql';
import { PasswordResetDto } from './dto/register.dto';

export const RESET_CODE_TTL_MS = 10 * 60_000;
/** Codes of one account that work at once: a new request does not end the code already mailed. */
export const RESET_CODES_LIVE = 3;
/**
 * Tries one account gets at its codes, all codes together, per hour: with RESET_CODES_LIVE codes
 * of 6 digits, a guesser's odds stay near 1 in 70,000 an hour, however many codes it asks for.
 */
export const RESET_CODE_ATTEMPTS: GuessedSecret = { name: 'reset', perAccount: 5, windowSeconds: 3600 };

/** Stands for the owner of an unknown address, so its attempt runs the same statements. */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

/**
 * Forgotten passwords: a mailed 6-digit code (hashed, 10 minutes). A code is made together with
 * its queued mail, so the hourly mail limit leaves the codes already mailed as they are. Tries are
 * counted per account across all its codes, before any is compared; every failure, for a known
 * address or not, is the same 1034. Setting the new password ends every code and every session of
 * the account. A banned account gets no code, and a code it was mailed before the ban does not work.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    private readonly attempts: AttemptsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly status: AccountStatus,
    private readonly qqBindings: QqBindingsService,
  ) {}

  /** Answers the same, at once, whether or not the address is known; the mail goes out in the background. */
  requestCode(email: string): void {
    void this.mailCode(email).catch((error: unknown) => this.logger.warn({ err: error }, 'password reset code not issued'));
  }

  /** 1034 for any code that does not work now (wrong, used, expired, none, unknown address); 1075 past the tries. */
  async reset(input: PasswordResetDto, ip: string): Promise<void> {
    this.passwords.assertAcceptable(input.password, input.passwordConfirm);
    await this.attempts.countClient({ ip });
    const user = await this.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
    await this.attempts.countAccount(RESET_CODE_ATTEMPTS, { userId: user?.id, name: input.email }, { ip });
    if (!(await this.redeem(user?.id ?? NO_ONE, input.code)) || !user) throw new DomainError(ErrorCode.CODE_WRONG);

    const passwordHash = await this.passwords.hash(input.password);
    const afterCommit = await this.prisma.$transaction(async (tx) => {
      // The code proves the mailbox, so a pending account becomes active (no other status moves).
      // The status is read under the row's lock, so a ban that landed while the password was
      // hashed stands: a banned account's codes do not work (it is mailed none), like any other.
      const proven = await this.status.proveMailbox(tx, user.id);
      if (proven.from === UserStatus.BANNED) throw new DomainError(ErrorCode.CODE_WRONG);
      await this.users.setPassword(tx, user.id, passwordHash);
      await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
      await this.audit.record({ action: 'password.reset', actorId: user.id, targetType: 'user', targetId: user.id, ip }, tx);
      await this.qqBindings.removeAllOf(tx, user.id, 'password.reset', ip);
      return allAfterCommit(proven.afterCommit, await this.sessions.revokeAllWithin(tx, user.id));
    });
    await afterCommit();
  }

  /**
   * Uses the live code of `userId` that `code` matches (compared in constant time); one UPDATE
   * claims it, so of parallel uses of one code exactly one wins.
   */
  private async redeem(userId: string, code: string): Promise<boolean> {
    const now = new Date();
    const live = await this.prisma.passwordReset.findMany({
      where: { userId, usedAt: null, expiresAt: { gt: now } },
      select: { id: true, codeHash: true },
    });
    const match = live.find((row) => timingSafeEqual(row.codeHash, codeHash(row.id, code)));
    if (!match) return false;
    const claimed = await this.prisma.passwordReset.updateMany({
      where: { id: match.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    return claimed.count === 1;
  }

  private async mailCode(email: string): Promise<void> {
    const user = await this.prisma.user.findUnique({ where: { email }, select: { id: true, nickname: true, locale: true, status: true } });
    if (!user || user.status === UserStatus.BANNED) return;
    const code = randomDigits(6);
    const id = randomUUID();
    const minutes = String(RESET_CODE_TTL_MS / 60_000);
    await this.prisma.$transaction(async (tx) => {
      // The account's row lock orders parallel requests, so no more than RESET_CODES_LIVE stay live.
      await lockUser(tx, user.id);
      // The mail is queued with the code: past the hourly limit nothing is queued, and no code is made.
      if (!(await this.mail.enqueue(tx, email, 'password-reset', user.locale as Locale, { nickname: user.nickname, code, minutes })))
        return;
      await tx.passwordReset.create({
        data: { id, userId: user.id, codeHash: codeHash(id, code), expiresAt: new Date(Date.now() + RESET_CODE_TTL_MS) },
      });
      await endResetCodesBeyond(tx, user.id, RESET_CODES_LIVE);
    });
  }
}

/** Salted with the row id, so equal codes of two users differ in the table. */
const codeHash = (id: string, code: string): Uint8Array<ArrayBuffer> => sha256(`${id}:${code}`);
