import { Injectable, OnModuleInit } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import type { Locale } from '../core/errors/catalogue';
import { TemplateStore } from '../core/templates/template-store';
import { Prisma } from '../generated/prisma/client';
import { MailOutboxRepository, MailValues } from './mail-outbox.repository';
import { MailMessage } from './mail-transport.service';

/** Every mail the platform sends; each has a .txt and an .html file per locale. */
export const MAIL_TEMPLATES = ['verify-email', 'verify-end-user', 'password-reset', 'register-attempt', 'qq-bound'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

const LOCALES: Locale[] = ['zh', 'en'];
const SUBJECT_LINE = /^Subject: (.*)\r?\n/;

/**
 * Mail from `templates/mail/<name>.<locale>.txt|html`, queued in the mail_outbox table and sent by
 * the outbox worker (with retries), so no request waits for a mail server and none is lost while
 * it is down. At most MAIL_LIMIT_PER_ADDRESS mails an hour are queued for one address (nobody can
 * mail-bomb it through us); past that nothing is queued and the answer is false.
 */
@Injectable()
export class MailService implements OnModuleInit {
  constructor(
    private readonly templates: TemplateStore,
    private readonly outbox: MailOutboxRepository,
    private readonly prisma: PrismaService,
  ) {}

  onModuleInit(): void {
    this.templates.require(
      MAIL_TEMPLATES.flatMap((name) => LOCALES.flatMap((locale) => [file(name, locale, 'txt'), file(name, locale, 'html')])),
    );
  }

  /**
   * Queues `name` for `to` in a transaction of its own, and has this process's worker send it at
   * once. A caller that writes the row needing the mail in a transaction uses `enqueue` instead.
   */
  async send(to: string, name: MailTemplate, locale: Locale, values: MailValues): Promise<boolean> {
    const queued = await this.prisma.$transaction((tx) => this.enqueue(tx, to, name, locale, values));
    if (queued) this.outbox.queued();
    return queued;
  }

  /**
   * Queues `name` for `to` in the caller's transaction: the mail exists exactly when that
   * transaction commits, and a worker sends it within MAIL_OUTBOX_POLL_MS.
   */
  enqueue(tx: Prisma.TransactionClient, to: string, name: MailTemplate, locale: Locale, values: MailValues): Promise<boolean> {
    return this.outbox.enqueue(tx, { to, template: name, locale, values });
  }

  /** The message of template `name` (its subject is the first line of the .txt, `Subject: ...`). */
  render(to: string, name: string, locale: Locale, values: MailValues): MailMessage {
    const template = name as MailTemplate;
    const plain = this.templates.render(file(template, locale, 'txt'), values);
    const subject = SUBJECT_LINE.exec(plain);
    return {
      to,
      subject: subject ? subject[1] : name,
      text: subject ? plain.slice(subject[0].length) : plain,
      html: this.templates.render(file(template, locale, 'html'), values),
    };
  }
}

const file = (name: MailTemplate, locale: Locale, kind: 'txt' | 'html'): string => `mail/${name}.${locale}.${kind}`;
