import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { CaptchaModule } from '../captcha/captcha.module';
import { FilesModule } from '../files/files.module';
import { MailModule } from '../mail/mail.module';
import { QqModule } from '../qq/qq.module';
import { SigningModule } from '../signing/signing.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [AuthModule, CaptchaModule, FilesModule, MailModule, QqModule, SigningModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
