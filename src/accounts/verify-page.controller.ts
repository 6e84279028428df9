import { Controller, Get, Headers, OnModuleInit, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Access } from '../auth/access.decorators';
import type { Locale } from '../core/errors/catalogue';
import { localeOf } from '../core/http/locale';
import { PageAnswer } from '../core/http/raw-response.decorator';
import { TemplateStore } from '../core/templates/template-store';
import { LinkState, VerificationService } from './verification.service';

const PAGE = 'pages/verify.html';
const SCRIPT = 'pages/verify.js';

const TEXT: Record<Locale, Record<LinkState, { title: string; message: string }> & Record<'button' | 'success' | 'failure', string>> = {
  zh: {
    valid: { title: '验证邮箱', message: '点击下面的按钮，确认这是你的邮箱。' },
    expired: { title: '链接已过期', message: '这个验证链接已经过期，请重新发送验证邮件。' },
    invalid: { title: '链接已失效', message: '这个验证链接已经使用过，或者不存在。' },
    button: '确认验证',
    success: '邮箱已验证，现在可以登录了。',
    failure: '网络错误，请重试。',
  },
  en: {
    valid: { title: 'Verify your email', message: 'Press the button below to confirm that this is your email address.' },
    expired: { title: 'Link expired', message: 'This verification link has expired. Ask for a new verification mail.' },
    invalid: { title: 'Link no longer valid', message: 'This verification link was already used, or does not exist.' },
    button: 'Confirm',
    success: 'Your email is verified. You can log in now.',
    failure: 'Network error, please try again.',
  },
};

/**
 * The page a verification link opens. Showing it changes nothing (mail scanners fetch links
 * before people click them); its button POSTs /api/v1/accounts/verify.
 */
@ApiExcludeController()
@Controller('verify')
export class VerifyPageController implements OnModuleInit {
  constructor(
    private readonly verification: VerificationService,
    private readonly templates: TemplateStore,
  ) {}

  onModuleInit(): void {
    this.templates.requirePages([PAGE, SCRIPT]);
  }

  @Get()
  @Access({ caller: 'public' })
  @PageAnswer('html')
  async page(@Query('token') token: unknown, @Headers('accept-language') language?: string): Promise<string> {
    const lang = localeOf(language);
    const valid = typeof token === 'string' && token.length > 0 && token.length <= 128;
    const state = valid ? await this.verification.inspect(token) : 'invalid';
    const text = TEXT[lang];
    return this.templates.render(PAGE, {
      lang,
      state,
      token: valid ? token : '',
      title: text[state].title,
      message: text[state].message,
      button: text.button,
      success: text.success,
      failure: text.failure,
      hidden: state === 'valid' ? '' : 'hidden',
    });
  }

  @Get('script.js')
  @Access({ caller: 'public' })
  @PageAnswer('script')
  script(): string {
    return this.templates.render(SCRIPT, {});
  }
}
