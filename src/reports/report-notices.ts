import { Injectable, OnModuleInit } from '@nestjs/common';

import type { Locale } from '../core/errors/catalogue';
import { TemplateStore } from '../core/templates/template-store';
import { Prisma, ReportReason, ReportTargetType } from '../generated/prisma/client';
import { MessagesService } from '../messages/messages.service';

/** The inbox notices of a verdict, `templates/messages/<name>.<locale>.txt`, first line `Title: ...`. */
const NOTICES = ['report-upheld', 'report-rejected', 'content-removed'] as const;
type Notice = (typeof NOTICES)[number];

const LOCALES: Locale[] = ['zh', 'en'];
const TITLE_LINE = /^Title: (.*)\r?\n/;

/** The words the notices put in their sentences, per locale. */
const WORDS: Record<
  Locale,
  { target: Record<ReportTargetType, string>; action: Record<ReportTargetType, string>; reason: Record<ReportReason, string>; none: string }
> = {
  zh: {
    target: { tutorial: '教程', message: '消息', user: '用户', file: '文件' },
    action: { tutorial: '教程已隐藏', message: '消息已从收件箱移除', user: '账号已锁定', file: '文件已下架，下载链接已失效' },
    reason: { spam: '垃圾信息', abuse: '辱骂或骚扰', illegal: '违法内容', copyright: '侵犯版权', other: '其他' },
    none: '无',
  },
  en: {
    target: { tutorial: 'tutorial', message: 'message', user: 'account', file: 'file' },
    action: {
      tutorial: 'the tutorial is hidden',
      message: "the message is removed from the recipient's inbox",
      user: 'the account is locked',
      file: 'the file is withdrawn and its download links no longer work',
    },
    reason: { spam: 'spam', abuse: 'abuse or harassment', illegal: 'illegal content', copyright: 'copyright infringement', other: 'other' },
    none: 'none',
  },
};

/** What a verdict is about, as the notices name it. */
export interface Decision {
  approved: boolean;
  type: ReportTargetType;
  /** Title, nickname or file name; null once the target is gone. */
  name: string | null;
  reason: ReportReason;
  note: string | null;
}

interface Recipient {
  id: string;
  nickname: string;
  locale: string;
}

/**
 * Tells the reporters of a target the verdict and, when it was upheld, the target's author what
 * was done (never who reported it). Each notice is an inbox message from the platform (no
 * sender) in the recipient's language, written in the verdict's transaction.
 */
@Injectable()
export class ReportNotices implements OnModuleInit {
  constructor(
    private readonly templates: TemplateStore,
    private readonly messages: MessagesService,
  ) {}

  onModuleInit(): void {
    this.templates.require(NOTICES.flatMap((name) => LOCALES.map((locale) => file(name, locale))));
  }

  async sendIn(tx: Prisma.TransactionClient, verdict: Decision, reporterIds: string[], authorId: string | null): Promise<void> {
    const ids = [...new Set([...reporterIds, ...(verdict.approved && authorId ? [authorId] : [])])];
    const recipients = new Map(
      (await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, nickname: true, locale: true } })).map((user) => [
        user.id,
        user,
      ]),
    );
    for (const id of new Set(reporterIds)) {
      const reporter = recipients.get(id);
      if (reporter) await this.send(tx, reporter, verdict.approved ? 'report-upheld' : 'report-rejected', verdict);
    }
    const author = verdict.approved && authorId ? recipients.get(authorId) : undefined;
    if (author) await this.send(tx, author, 'content-removed', verdict);
  }

  private async send(tx: Prisma.TransactionClient, recipient: Recipient, notice: Notice, verdict: Decision): Promise<void> {
    const locale: Locale = recipient.locale === 'en' ? 'en' : 'zh';
    const words = WORDS[locale];
    const text = this.templates.render(file(notice, locale), {
      nickname: recipient.nickname,
      target: words.target[verdict.type],
      name: verdict.name ?? words.none,
      action: words.action[verdict.type],
      reason: words.reason[verdict.reason],
      note: verdict.note ?? words.none,
    });
    const title = TITLE_LINE.exec(text);
    await this.messages.notifyIn(tx, recipient.id, {
      title: title ? title[1] : notice,
      body: (title ? text.slice(title[0].length) : text).trim(),
    });
  }
}

const file = (name: Notice, locale: Locale): string => `messages/${name}.${locale}.txt`;
