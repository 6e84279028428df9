import { Controller, Get, Headers, OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Access } from '../auth/access.decorators';
import type { Locale } from '../core/errors/catalogue';
import { localeOf } from '../core/http/locale';
import { PageAnswer } from '../core/http/raw-response.decorator';
import { TemplateStore } from '../core/templates/template-store';

const PAGE = 'pages/qq-callback.html';
const SCRIPT = 'pages/qq-callback.js';

const TEXT: Record<Locale, Record<'title' | 'working' | 'returning' | 'failure', string>> = {
  zh: { title: 'QQ 登录', working: '正在完成 QQ 授权……', returning: '正在返回应用……', failure: '网络错误，请返回应用重试。' },
  en: {
    title: 'QQ sign-in',
    working: 'Finishing the QQ authorization…',
    returning: 'Going back to the app…',
    failure: 'Network error: go back to the app and try again.',
  },
};

/**
 * The browser-facing end of a QQ authorization (QQ_REDIRECT_URI by default). The page changes and
 * finishes nothing: its script asks GET /api/v1/qq/return where the flow goes back to, and hands
 * `code` and `state` on to that returnTo in the URL fragment (which no server sees), where the app
 * that started the flow finishes it with its verifier. An unknown, used or expired state has no
 * returnTo to go back to: the page shows the failure itself.
 */
@ApiExcludeController()
@Controller('qq-callback')
export class QqCallbackPageController implements OnModuleInit {
  constructor(private readonly templates: TemplateStore) {}

  onModuleInit(): void {
    this.templates.requirePages([PAGE, SCRIPT]);
  }

  @Get()
  @Access({ caller: 'public' })
  @PageAnswer('html')
  page(@Headers('accept-language') language?: string): string {
    const lang = localeOf(language);
    return this.templates.render(PAGE, { lang, ...TEXT[lang] });
  }

  @Get('script.js')
  @Access({ caller: 'public' })
  @PageAnswer('script')
  script(): string {
    return this.templates.render(SCRIPT, {});
  }
}
