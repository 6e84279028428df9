import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppOnly } from '../auth/access.decorators';
import { AppScope } from '../signing/signed.decorator';
import { CaptchaService } from './captcha.service';

export class CaptchaDto {
  @ApiProperty()
  captchaId: string;

  @ApiProperty({ description: 'an SVG image of the text to type' })
  svg: string;

  @ApiProperty()
  expiresAt: Date;
}

@ApiTags('captcha')
@AppScope('accounts')
@Controller('captcha')
export class CaptchaController {
  constructor(private readonly captchas: CaptchaService) {}

  @Get()
  @AppOnly()
  @ApiOperation({ summary: 'A new image captcha: 5 minutes, one use, 5 tries' })
  async issue(): Promise<CaptchaDto> {
    const { captchaId, svg, expiresAt } = await this.captchas.issue();
    return { captchaId, svg, expiresAt };
  }
}
