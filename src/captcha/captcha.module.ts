import { Module } from '@nestjs/common';

import { AltchaCaptchaService } from './altcha-captcha.service';
import { CaptchaController } from './captcha.controller';
import { CaptchaService } from './captcha.service';
import { ImageCaptchaService } from './image-captcha.service';

@Module({
  controllers: [CaptchaController],
  providers: [CaptchaService, AltchaCaptchaService, ImageCaptchaService],
  // Readiness has the image captcha render (997) when it is the kind in use.
  exports: [CaptchaService, ImageCaptchaService],
})
export class CaptchaModule {}
