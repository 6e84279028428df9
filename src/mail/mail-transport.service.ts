import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';

import { AppConfig } from '../core/config/app-config';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends mail over SMTP when SMTP_URL is set; otherwise writes each message as an .eml file to
 * DATA_DIR/outbox and logs where it went (never what it says), so a fresh install works without a
 * mail server. Every phase of an SMTP conversation has a bounded wait (SMTP_*_TIMEOUT_SECONDS).
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  readonly outboxDir?: string;

  constructor(private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.transporter = nodemailer.createTransport({
        url: config.SMTP_URL,
        connectionTimeout: config.SMTP_CONNECTION_TIMEOUT_SECONDS * 1000,
        greetingTimeout: config.SMTP_GREETING_TIMEOUT_SECONDS * 1000,
        socketTimeout: config.SMTP_SOCKET_TIMEOUT_SECONDS * 1000,
      });
    } else {
      this.outboxDir = path.join(config.dataDir, 'outbox');
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  get kind(): 'smtp' | 'outbox' {
    return this.outboxDir ? 'outbox' : 'smtp';
  }

  /**
   * The overall deadline of one attempt: connection and greeting at their limits, and twice the
   * idle limit for the conversation (an idle limit alone does not stop a server that trickles).
   */
  get attemptSeconds(): number {
    const {
      SMTP_CONNECTION_TIMEOUT_SECONDS: connect,
      SMTP_GREETING_TIMEOUT_SECONDS: greeting,
      SMTP_SOCKET_TIMEOUT_SECONDS: idle,
    } = this.config;
    return connect + greeting + 2 * idle;
  }

  /** Sends one message; any transport failure (or `signal` firing) becomes 1019. */
  async send(message: MailMessage, signal?: AbortSignal): Promise<void> {
    try {
      const info = await this.transporter.sendMail({ from: this.config.MAIL_FROM, ...message, signal });
      if (this.outboxDir) await this.keepInOutbox(info.message as Buffer, message);
    } catch (error) {
      throw new DomainError(ErrorCode.MAIL_SEND_FAILED, undefined, { cause: error });
    }
  }

  /** Throws when mail could not be delivered now (SMTP handshake, or outbox not writable). */
  async check(): Promise<void> {
    if (this.outboxDir) {
      await fs.mkdir(this.outboxDir, { recursive: true });
      await fs.access(this.outboxDir, fs.constants?.W_OK ?? 2);
    } else {
      await this.transporter.verify();
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }

  private async keepInOutbox(raw: Buffer, message: MailMessage): Promise<void> {
    const dir = this.outboxDir as string;
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`);
    await fs.writeFile(file, raw, { mode: 0o600 });
    this.logger.log({ subject: message.subject, file }, 'mail written to the outbox folder');
  }
}
