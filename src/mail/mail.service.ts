import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import type { Locale } from '../core/errors/catalogue';
import { TemplateStore } from '../core/templates/template-store';
import { MailTransport } from './mail-transport.service';

/** Every mail the platform sends; each has a .txt and an .html file per locale. */
export const MAIL_TEMPLATES = ['verify-email', 'password-reset', 'register-attempt'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

const LOCALES: Locale[] = ['zh', 'en'];
const SUBJECT_LINE = /^Subject: (.*)\r?\n/;

/** Renders a mail from `templates/mail/<name>.<locale>.txt|html` and sends it. */
@Injectable()
export class MailService implements OnModuleInit {
  private readonly logger = new Logger(MailService.name);

  constructor(
    private readonly templates: TemplateStore,
    private readonly transport: MailTransport,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.templates.require(MAIL_TEMPLATES.flatMap((name) => LOCALES.flatMap((locale) => [file(name, locale, 'txt'), file(name, locale, 'html')])));
  }

  /**
   * Sends `name` to `to` in `locale`; 1019 when the transport fails. At most MAIL_LIMIT_PER_ADDRESS
   * mails an hour go to one address (so nobody can mail-bomb it through us): past that, nothing is
   * sent and the answer is false.
   */
  async send(to: string, name: MailTemplate, locale: Locale, values: Record<string, string>): Promise<boolean> {
    if (!(await this.underHourlyLimit(to))) return false;
    const plain = this.templates.render(file(name, locale, 'txt'), values);
    const subject = SUBJECT_LINE.exec(plain);
    await this.transport.send({
      to,
      subject: subject ? subject[1] : name,
      text: subject ? plain.slice(subject[0].length) : plain,
      html: this.templates.render(file(name, locale, 'html'), values),
    });
    return true;
  }

  private async underHourlyLimit(to: string): Promise<boolean> {
    const limit = this.config.MAIL_LIMIT_PER_ADDRESS;
    if (limit === 0) return true;
    const { count } = await this.limiter.hit(`mail:${to.toLowerCase()}`, 3600);
    if (count > limit) this.logger.warn('mail skipped: hourly limit of the address reached');
    return count <= limit;
  }
}

const file = (name: MailTemplate, locale: Locale, kind: 'txt' | 'html'): string => `mail/${name}.${locale}.${kind}`;
