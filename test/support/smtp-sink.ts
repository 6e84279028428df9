import net, { AddressInfo } from 'node:net';

import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How the sink treats the end of each message's data: take it, never answer it, or hang up on it. */
type Behaviour = 'accept' | 'stall' | 'drop';

/** What ends a message's data in SMTP (a lone dot on its line; dot-stuffing keeps it out of the body). */
const END_OF_DATA = '\r\n.\r\n';

/**
 * A real SMTP server on a local port that keeps every message it receives, parsed. It plays a
 * mail server that is down (`stop`, then `start` on the same port), stalled (`stall`: greets and
 * takes the commands, then never answers a message's data) or dropping connections (`drop(n)`:
 * hangs up at the end of the next n messages, before they are taken). A relay in front of the
 * SMTP server does the misbehaving, so the server itself stays a plain one.
 */
export class SmtpSink {
  readonly mails: ParsedMail[] = [];
  /** Connections the sink was asked for, whatever became of them. */
  connections = 0;
  private server?: SMTPServer;
  private front?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private behaviour: Behaviour = 'accept';
  private dropsLeft = 0;
  /** Only messages to this address are dropped (any message when unset). */
  private dropOnlyTo?: string;
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
    // smtp-server re-emits a connection's socket error on the server when it comes mid-message
    // (ECONNRESET as a client gives up or the relay cuts it): with no listener that is an uncaught
    // error that ends the whole test file. A client hanging up is something the sink must survive.
    server.on('error', () => undefined);
    await listen(server.server, 0);
    this.server = server;
    const inner = (server.server.address() as AddressInfo).port;
    this.front = net.createServer((client) => this.relay(client, inner));
    await listen(this.front, this.port);
    this.port = (this.front.address() as AddressInfo).port;
    return this;
  }

  /** Refuses connections from now on and cuts the open ones, as a server that went down. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const front = this.front;
    const server = this.server;
    this.front = undefined;
    this.server = undefined;
    if (front) await new Promise<void>((resolve) => front.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Takes every message again. */
  accept(): void {
    this.behaviour = 'accept';
  }

  /** Never answers the end of a message's data: the client waits until its own timeout. */
  stall(): void {
    this.behaviour = 'stall';
  }

  /**
   * Hangs up at the end of the next `count` messages' data (none of them is taken), then takes them
   * again. With `to`, only messages whose envelope names that recipient are dropped or counted, so a
   * mail of an earlier case still being retried passes untouched.
   */
  drop(count: number, to?: string): void {
    this.behaviour = 'drop';
    this.dropsLeft = count;
    this.dropOnlyTo = to?.toLowerCase();
  }

  private dropsMessageTo(envelope: string): boolean {
    if (this.behaviour !== 'drop') return false;
    if (this.dropOnlyTo === undefined) return true;
    const recipients = [...envelope.matchAll(/^RCPT TO:\s*<([^>]*)>/gim)].map((match) => match[1].toLowerCase());
    return recipients.includes(this.dropOnlyTo);
  }

  private relay(client: net.Socket, innerPort: number): void {
    this.connections += 1;
    const upstream = net.connect(innerPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.pipe(client);
    // What the client sent since the end of its last message's data: the envelope (MAIL FROM,
    // RCPT TO) and the data of the message under way.
    let transaction = '';
    let swallowing = false;
    client.on('data', (chunk: Buffer) => {
      transaction += chunk.toString('latin1');
      const end = transaction.indexOf(END_OF_DATA);
      if (!swallowing && end >= 0) {
        const envelope = transaction.slice(0, end);
        transaction = transaction.slice(end + END_OF_DATA.length);
        if (this.behaviour === 'stall') swallowing = true;
        if (this.dropsMessageTo(envelope)) {
          this.dropsLeft -= 1;
          if (this.dropsLeft <= 0) this.behaviour = 'accept';
          client.destroy();
          return;
        }
      }
      if (!swallowing) upstream.write(chunk);
    });
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

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
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
