import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { PasswordsService } from '../auth/passwords.service';
import { SessionsService } from '../auth/sessions.service';
import { redeemCode } from '../captcha/one-time-code';
import { randomDigits, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { UserStatus } from '../generated/prisma/client';
import { MailService } from '../mail/mail.service';
import { PasswordResetDto } from './dto/register.dto';

export const RESET_CODE_TTL_MS = 10 * 60_000;
export const RESET_CODE_MAX_ATTEMPTS = 5;

/**
 * Forgotten passwords: a mailed 6-digit code (hashed, 10 minutes, 5 tries). Setting the new
 * password ends every session of the account. A banned account gets no code.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** Answers the same, at once, whether or not the address is known; the mail goes out in the background. */
  requestCode(email: string): void {
    void this.mailCode(email).catch((error: unknown) => this.logger.warn({ err: error }, 'password reset code not mailed'));
  }

  /** 1033 when no live code exists for the address, 1034 when the code is wrong. */
  async reset(input: PasswordResetDto, ip: string): Promise<void> {
    this.passwords.assertAcceptable(input.password, input.passwordConfirm);
    const user = await this.prisma.user.findUnique({ where: { email: input.email }, select: { id: true, status: true } });
    const pending = user && (await this.prisma.passwordReset.findFirst({ where: { userId: user.id, usedAt: null }, orderBy: { createdAt: 'desc' } }));
    if (!user || !pending) throw new DomainError(ErrorCode.CODE_EXPIRED);
    await redeemCode(this.prisma, { table: 'password_resets', id: pending.id, hash: codeHash(pending.id, input.code), maxAttempts: RESET_CODE_MAX_ATTEMPTS });

    const passwordHash = await this.passwords.hash(input.password);
    const ended = await this.prisma.$transaction(async (tx) => {
      // The code proves the mailbox, so a pending account is verified by it too.
      const verified = user.status === UserStatus.PENDING ? { status: UserStatus.ACTIVE, emailVerifiedAt: new Date() } : {};
      await tx.user.update({ where: { id: user.id }, data: { passwordHash, ...verified } });
      await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
      await this.audit.record({ action: 'password.reset', actorId: user.id, targetType: 'user', targetId: user.id, ip }, tx);
      return this.sessions.revokeAllIn(tx, user.id);
    });
    await this.sessions.invalidate(ended);
  }

  private async mailCode(email: string): Promise<void> {
    const user = await this.prisma.user.findUnique({ where: { email }, select: { id: true, nickname: true, locale: true, status: true } });
    if (!user || user.status === UserStatus.BANNED) return;
    const code = randomDigits(6);
    const id = randomUUID();
    // Only the newest code works: the earlier ones end when a new one is mailed.
    await this.prisma.$transaction([
      this.prisma.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } }),
      this.prisma.passwordReset.create({
        data: { id, userId: user.id, codeHash: codeHash(id, code), expiresAt: new Date(Date.now() + RESET_CODE_TTL_MS) },
      }),
    ]);
    const minutes = String(RESET_CODE_TTL_MS / 60_000);
    await this.mail.send(email, 'password-reset', user.locale as Locale, { nickname: user.nickname, code, minutes });
  }
}

/** Salted with the row id, so equal codes of two users differ in the table. */
const codeHash = (id: string, code: string): Uint8Array<ArrayBuffer> => sha256(`${id}:${code}`);
