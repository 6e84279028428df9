import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaptchaModule } from '../captcha/captcha.module';
import { MailModule } from '../mail/mail.module';
import { QqModule } from '../qq/qq.module';
import { UsersModule } from '../users/users.module';
import { AccountsController } from './accounts.controller';
import { AccountsSweeps } from './accounts.sweeps';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { VerificationService } from './verification.service';
import { VerifyPageController } from './verify-page.controller';

@Module({
  imports: [AuditModule, AuthModule, CaptchaModule, MailModule, QqModule, UsersModule],
  controllers: [AccountsController, VerifyPageController],
  providers: [RegistrationService, VerificationService, PasswordResetService, AccountsSweeps],
  // The open API mails its end users the same verification links.
  exports: [VerificationService],
})
export class AccountsModule {}
