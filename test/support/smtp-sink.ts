import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a local port that keeps every message it receives, parsed. It can be
 * stopped and started again on the same port, to play a mail server that is down for a while.
 */
export class SmtpSink {
  readonly mails: ParsedMail[] = [];
  private server?: SMTPServer;
  private waiters: { to: string; resolve: (mail: ParsedMail) => void }[] = [];
  port = 0;

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            this.wake(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next mail to `to` (one already received and not yet taken counts). */
  next(to: string, timeoutMs = 10_000): Promise<ParsedMail> {
    const index = this.mails.findIndex((mail) => recipients(mail).includes(to.toLowerCase()));
    if (index >= 0) return Promise.resolve(this.mails.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        to: to.toLowerCase(),
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      });
    });
  }

  /** Mails received so far to `to`, without taking them. */
  count(to: string): number {
    return this.mails.filter((mail) => recipients(mail).includes(to.toLowerCase())).length;
  }

  private wake(mail: ParsedMail): void {
    const waiter = this.waiters.find((w) => recipients(mail).includes(w.to));
    if (!waiter) return;
    this.waiters.splice(this.waiters.indexOf(waiter), 1);
    this.mails.splice(this.mails.indexOf(mail), 1);
    waiter.resolve(mail);
  }
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((address) => address.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The verification link in a mail's plain text. */
export function linkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+\/verify\?token=[A-Za-z0-9_%-]+/.exec(mail.text ?? '');
  if (!match) throw new Error(`no verification link in: ${mail.text}`);
  return new URL(match[0]);
}

/** The 6-digit code in a mail's plain text. */
export function codeIn(mail: ParsedMail): string {
  const match = /\b(\d{6})\b/.exec(mail.text ?? '');
  if (!match) throw new Error(`no code in: ${mail.text}`);
  return match[1];
}
