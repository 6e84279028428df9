import { Injectable } from '@nestjs/common';
import { PasswordsService } from '../auth/passwords.service';
import { CaptchaService } from '../captcha/captcha.service';
import { AppConfig } from '../core/config/app-config';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { isEmail } from 'class-validator';
import { User, UserStatus } from '../generated/prisma/client';
import { RegisterDto, RegisteredDto, USERNAME_PATTERN } from './dto/register.dto';
import { VerificationService } from './verification.service';

/**
 * Sign-up: a PENDING account in the default group and a mailed verification link, queued in the
 * same transaction (the answer never waits for a mail server). Username and email are unique
 * case-insensitively by the database's indexes (1020), so parallel sign-ups of one name cannot
 * both succeed.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly captchas: CaptchaService,
    private readonly verification: VerificationService,
    private readonly config: AppConfig,
  ) {}

  async register(input: RegisterDto, locale: Locale): Promise<RegisteredDto> {
    this.passwords.assertAcceptable(input.password, input.passwordConfirm);
    if (this.config.CAPTCHA_REQUIRED) await this.captchas.check(input.captchaId, input.captchaCode);
    const passwordHash = await this.passwords.hash(input.password);

    const user = await this.prisma
      .$transaction(async (tx) => {
        const group = await tx.group.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
        const created = await tx.user.create({
          data: { username: input.username, email: input.email, nickname: input.nickname, passwordHash, locale, groupId: group.id },
        });
        await this.verification.queueLink(created, tx);
        return created;
      })
      .catch(identityTaken);
    return registered(user);
  }

  /**
   * An account that is active at once, in `group`, without mail: the first administrator of a
   * fresh install (`npm run admin:create`). The same rules as sign-up for name, email and password.
   */
  async createActivated(input: { username: string; email: string; password: string }, group: string): Promise<RegisteredDto> {
    if (!USERNAME_PATTERN.test(input.username)) throw new DomainError(ErrorCode.USERNAME_INVALID, 'username must be 4-20 letters, digits or _, starting with a letter');
    const email = input.email.trim().toLowerCase();
    if (!isEmail(email) || email.length > 254) throw new DomainError(ErrorCode.EMAIL_INVALID);
    this.passwords.assertAcceptable(input.password, input.password);
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.prisma.user
      .create({
        data: {
          username: input.username,
          email,
          nickname: input.username,
          passwordHash,
          status: UserStatus.ACTIVE,
          emailVerifiedAt: new Date(),
          group: { connect: { name: group } },
        },
      })
      .catch(identityTaken);
    return registered(user);
  }
}

/** A unique index refused the username or the email (409). */
function identityTaken(error: unknown): never {
  if (isUniqueViolation(error)) throw new DomainError(ErrorCode.IDENTITY_TAKEN, 'username or email is taken');
  throw error;
}

const registered = (user: User): RegisteredDto => ({ uuid: user.id, username: user.username, email: user.email, status: user.status });
