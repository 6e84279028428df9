import { Module } from '@nestjs/common';
import { CaptchaModule } from '../captcha/captcha.module';
import { QqModule } from '../qq/qq.module';
import { AccountsController } from './accounts.controller';
import { PasswordResetService } from './password-reset.service';
import { RegistrationService } from './registration.service';
import { VerificationService } from './verification.service';
import { VerifyPageController } from './verify-page.controller';

@Module({
  imports: [CaptchaModule, QqModule],
  controllers: [AccountsController, VerifyPageController],
  providers: [RegistrationService, VerificationService, PasswordResetService],
})
export class AccountsModule {}
