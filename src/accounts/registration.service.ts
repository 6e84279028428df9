import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { PasswordsService } from '../auth/passwords.service';
import { CaptchaService } from '../captcha/captcha.service';
import { isUniqueViolation } from '../core/database/database-errors';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode, Locale } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { User, UserStatus } from '../generated/prisma/client';
import { MailService } from '../mail/mail.service';
import { checkedAccountName } from '../users/user-fields';
import { UsersService } from '../users/users.service';
import { RegisterDto, RegisteredDto } from './dto/register.dto';
import { VerificationService } from './verification.service';

/**
 * Sign-up: a PENDING account in the default group and a mailed verification link, queued in the
 * same transaction (the answer never waits for a mail server). Username and email are unique
 * case-insensitively by the database's indexes, so parallel sign-ups of one name cannot both
 * succeed: a taken username is 1020, a taken email looks like a success and its owner is told by
 * mail.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly users: UsersService,
    private readonly passwords: PasswordsService,
    private readonly captchas: CaptchaService,
    private readonly verification: VerificationService,
    private readonly mail: MailService,
  ) {}

  async register(input: RegisterDto, locale: Locale, ip: string): Promise<RegisteredDto> {
    this.passwords.assertAcceptable(input.password, input.passwordConfirm);
    await this.captchas.check(input, ip);
    const passwordHash = await this.passwords.hash(input.password);

    let user: User;
    try {
      user = await this.prisma.$transaction(async (tx) => {
        const user = await this.users.create(tx, {
          username: input.username,
          email: input.email,
          nickname: input.nickname,
          passwordHash,
          locale,
        });
        await this.verification.queueLink(user, tx);
        return user;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.alreadyRegistered(input);
    }
    return registered(user);
  }

  /**
   * A unique index refused the sign-up. A taken username is 1020: usernames are public. A taken
   * email answers as a sign-up does (the mail to the address is then a notice to its owner rather
   * than a link), so registration does not tell who has an account.
   */
  private async alreadyRegistered(input: RegisterDto): Promise<RegisteredDto> {
    const [owner, nameTaken] = await Promise.all([
      this.prisma.user.findUnique({ where: { email: input.email }, select: { username: true, nickname: true, locale: true } }),
      this.users.usernameTaken(input.username),
    ]);
    if (!owner || nameTaken) identityTaken();
    await this.mail.send(input.email, 'register-attempt', owner.locale as Locale, { nickname: owner.nickname, username: owner.username });
    return { uuid: randomUUID(), username: input.username, email: input.email, status: UserStatus.PENDING };
  }

  /**
   * An account that is active at once, in `group`, without mail: the first administrator of a
   * fresh install (`npm run admin:create`). The same rules as sign-up for name, email and password.
   */
  async createActivated(input: { username: string; email: string; password: string }, group: string): Promise<RegisteredDto> {
    const { username, email } = checkedAccountName(input);
    this.passwords.assertAcceptable(input.password, input.password);
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.users
      .create(this.prisma, { username, email, nickname: username, passwordHash, activeIn: group })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) identityTaken();
        throw error;
      });
    return registered(user);
  }
}

/** A unique index refused the username or the email (409). */
function identityTaken(): never {
  throw new DomainError(ErrorCode.IDENTITY_TAKEN, 'username or email is taken');
}

const registered = (user: User): RegisteredDto => ({ uuid: user.id, username: user.username, email: user.email, status: user.status });
