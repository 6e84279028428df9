import { Injectable } from '@nestjs/common';
import { PasswordsService } from '../auth/passwords.service';
import { CaptchaService } from '../captcha/captcha.service';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { isEmail } from 'class-validator';
import { User, UserStatus } from '../generated/prisma/client';
import { RegisterDto, RegisteredDto, USERNAME_PATTERN } from './dto/register.dto';
import { VerificationService } from './verification.service';

/**
 * Sign-up: a PENDING account in the default group and a mailed verification link. Username and
 * email are unique case-insensitively by the database's indexes (1020), so parallel sign-ups of
 * one name cannot both succeed. When the mail cannot go out the account stays (1019): resend works.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly passwords: PasswordsService,
    private readonly captchas: CaptchaService,
    private readonly verification: VerificationService,
  ) {}

  async register(input: RegisterDto, locale: Locale, ip: string): Promise<RegisteredDto> {
    this.passwords.assertAcceptable(input.password, input.passwordConfirm);
    await this.captchas.check(input, ip);
    const passwordHash = await this.passwords.hash(input.password);

    const { user, token } = await this.prisma
      .$transaction(async (tx) => {
        const group = await tx.group.findFirstOrThrow({ where: { isDefault: true }, select: { id: true } });
        const created = await tx.user.create({
          data: { username: input.username, email: input.email, nickname: input.nickname, passwordHash, locale, groupId: group.id },
        });
        return { user: created, token: await this.verification.createLink(created.id, tx) };
      })
      .catch(identityTaken);

    await this.verification.mailLink(user, token);
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
