import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { Db } from '../core/database/transaction';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma, UserStatus } from '../generated/prisma/client';
import { MailService } from '../mail/mail.service';
import { AccountStatus } from '../users/account-status';
import { claimVerificationLink } from './accounts.sql';

export interface MailRecipient {
  id: string;
  email: string;
  nickname: string;
  locale: string;
}

/** What the verification page says of a link before anyone confirms it. */
export type LinkState = 'valid' | 'expired' | 'invalid';

/** An end user to mail a link to, and the developer app the link is sent for (named in the mail): the one they sign up or ask again through. */
export interface EndUserRecipient {
  id: string;
  email: string;
  nickname: string;
  appName: string;
}

/**
 * What proves an end user's mailbox once their link is used, in that transaction. The open API
 * (which owns end users, and sits above this room) registers it at start-up.
 */
export type EndUserMailboxProof = (tx: Prisma.TransactionClient, endUserId: string) => Promise<void>;

/** Control characters (a line break would end a mail's subject line) shown as spaces. */
const oneLine = (text: string): string => text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');

/**
 * Mailed verification links: a random 256-bit token, stored as its SHA-256, single-use, valid
 * VERIFICATION_LINK_TTL. Opening the link shows a page; only its button (a POST) uses the token,
 * so mail scanners that prefetch links cannot burn it. Platform users and the end users of
 * developers' libraries get the same links, the same page and the same confirmation.
 */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);
  private proveEndUserMailbox?: EndUserMailboxProof;

  constructor(
    private readonly prisma: PrismaService,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly status: AccountStatus,
  ) {}

  /**
   * Creates a link for `user` and queues its mail, both in the caller's transaction, so the link
   * exists exactly when its mail will go out. When the address's hourly mail limit is reached,
   * neither is made.
   */
  async queueLink(user: MailRecipient, tx: Prisma.TransactionClient): Promise<void> {
    const token = randomToken(32);
    const values = { nickname: user.nickname, link: this.linkOf(token), days: this.days() };
    if (!(await this.mail.enqueue(tx, user.email, 'verify-email', user.locale as Locale, values))) return;
    await tx.emailVerification.create({ data: { userId: user.id, tokenHash: sha256(token), expiresAt: this.expiry() } });
  }

  /** As `queueLink`, for an end user of a developer's library: the mail names the developer's app. */
  async queueEndUserLink(user: EndUserRecipient, locale: Locale, tx: Prisma.TransactionClient): Promise<void> {
    const token = randomToken(32);
    const values = { nickname: user.nickname, appName: oneLine(user.appName), link: this.linkOf(token), days: this.days() };
    if (!(await this.mail.enqueue(tx, user.email, 'verify-end-user', locale, values))) return;
    await tx.emailVerification.create({ data: { endUserId: user.id, tokenHash: sha256(token), expiresAt: this.expiry() } });
  }

  /** Called once, by the room that owns end users. */
  onEndUserMailboxProven(proof: EndUserMailboxProof): void {
    this.proveEndUserMailbox = proof;
  }

  private linkOf(token: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/verify?token=${encodeURIComponent(token)}`;
  }

  private days(): string {
    return String(Math.max(1, Math.round(this.config.VERIFICATION_LINK_TTL / 86400)));
  }

  private expiry(): Date {
    return new Date(Date.now() + this.config.VERIFICATION_LINK_TTL * 1000);
  }

  /**
   * A fresh link for a pending account. Answers the same, at once, whether or not the address
   * belongs to anyone: the mail goes out in the background and a failure is only logged.
   */
  resend(email: string): void {
    this.inBackground(() => this.resendNow(email));
  }

  /**
   * As `resend`, for the pending end user `find` answers with (the open API, which owns end users,
   * looks them up in its libraries): the same answer whoever it finds, the mail in the background.
   */
  resendEndUser(find: () => Promise<EndUserRecipient | undefined>, locale: Locale): void {
    this.inBackground(async () => {
      const user = await find();
      if (user) await this.prisma.$transaction((tx) => this.queueEndUserLink(user, locale, tx));
    });
  }

  private inBackground(work: () => Promise<void>): void {
    void work().catch((error: unknown) => this.logger.warn({ err: error }, 'verification mail not resent'));
  }

  inspect(token: string): Promise<LinkState> {
    return this.stateOf(this.prisma, sha256(token));
  }

  /**
   * Uses the link: one UPDATE claims it (so of parallel uses exactly one wins), and the address is
   * proven: a PENDING account becomes ACTIVE, a locked or banned one stays as it is. 1025 unknown
   * or used, 1026 expired.
   */
  async confirm(token: string): Promise<{ status: UserStatus }> {
    const tokenHash = sha256(token);
    const proven = await this.prisma.$transaction(async (tx) => {
      const owner = await claimVerificationLink(tx, tokenHash);
      if (!owner) throw await this.whyUnusable(tx, tokenHash);
      if (owner.user_id) return this.status.proveMailbox(tx, owner.user_id);
      if (!owner.end_user_id || !this.proveEndUserMailbox) throw new Error('an end-user link with nobody to prove it');
      await this.proveEndUserMailbox(tx, owner.end_user_id);
      return { to: UserStatus.ACTIVE, afterCommit: () => Promise.resolve() };
    });
    await proven.afterCommit();
    return { status: proven.to };
  }

  private async whyUnusable(db: Db, tokenHash: Uint8Array<ArrayBuffer>): Promise<DomainError> {
    const state = await this.stateOf(db, tokenHash);
    return new DomainError(state === 'expired' ? ErrorCode.LINK_EXPIRED : ErrorCode.LINK_INVALID);
  }

  private async stateOf(db: Db, tokenHash: Uint8Array<ArrayBuffer>): Promise<LinkState> {
    const row = await db.emailVerification.findUnique({ where: { tokenHash } });
    if (!row || row.usedAt) return 'invalid';
    return row.expiresAt.getTime() <= Date.now() ? 'expired' : 'valid';
  }

  private async resendNow(email: string): Promise<void> {
    const user = await this.prisma.user.findUnique({
      where: { email },
      select: { id: true, email: true, nickname: true, locale: true, status: true },
    });
    if (!user || user.status !== UserStatus.PENDING) return;
    await this.prisma.$transaction((tx) => this.queueLink(user, tx));
  }
}
