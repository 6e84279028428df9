import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { AppConfig } from '../core/config/app-config';
import { Scheduler } from '../core/schedule/scheduler';
import { MailService } from './mail.service';
import { ClaimedMail, MailOutboxRepository } from './mail-outbox.repository';
import { MailMessage, MailTransport } from './mail-transport.service';

/** Longest wait between two attempts at one mail, however many have failed. */
export const MAX_RETRY_DELAY_SECONDS = 3600;
/** A claim outlives the attempt's deadline by this much, so recording its outcome never races a second claim. */
const LEASE_MARGIN_SECONDS = 60;
/** On shutdown, an attempt in flight gets this long to finish before it is cut (and retried later). */
const SHUTDOWN_GRACE_MS = 1000;
/** Sent and given-up mail is swept ten times less often than the other sweeps: the table is small and not on any hot path. */
const SWEEP_PERIOD_FACTOR = 10;

/** Seconds before the next attempt after `attempt` failed: base, 2 x base, 4 x base ... up to an hour. */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_SECONDS);
}

const reason = (error: unknown): string => {
  const cause = (error as Error).cause ?? error;
  return cause instanceof Error ? cause.message : String(cause);
};

/**
 * Delivers the mail_outbox table in every serving process: claims one due mail at a time (so any
 * number of processes share the work and none sends a mail twice), sends it within a bounded
 * time, and records the outcome: sent, retried after an exponential back-off, or given up after
 * MAIL_MAX_ATTEMPTS. Idle, it looks again every MAIL_OUTBOX_POLL_MS, or at once when this process
 * queues mail. A mail is sent at least once: a process killed between the server's acceptance and
 * the UPDATE that records it sends that mail again once its claim expires.
 */
@Injectable()
export class MailOutboxWorker implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailOutboxWorker.name);
  private running?: Promise<void>;
  private stopping = false;
  private woken = false;
  private endIdle?: () => void;
  private inFlight?: AbortController;
  private unavailable = false;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly mail: MailService,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({
      name: 'finished-mail',
      everySeconds: this.scheduler.sweepPeriod(SWEEP_PERIOD_FACTOR),
      run: () => this.outbox.sweep(),
    });
  }

  onApplicationBootstrap(): void {
    // Only a serving process delivers: a command run with the same modules leaves its mail to the servers.
    if (!this.adapterHost.httpAdapter) return;
    this.outbox.onQueued(() => this.wake());
    this.running = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wake();
    const cut = setTimeout(() => this.inFlight?.abort(new Error('the server is shutting down')), SHUTDOWN_GRACE_MS);
    await this.running;
    clearTimeout(cut);
  }

  wake(): void {
    this.woken = true;
    this.endIdle?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const worked = await this.deliverNext().catch((error: unknown) => this.outboxUnavailable(error));
      if (worked) continue;
      await this.idle();
    }
  }

  /** One attempt at the oldest due mail; false when none is due. */
  private async deliverNext(): Promise<boolean> {
    this.woken = false;
    const mail = await this.outbox.claim(this.transport.attemptSeconds + LEASE_MARGIN_SECONDS);
    if (this.unavailable) {
      this.unavailable = false;
      this.logger.log('mail outbox reachable again');
    }
    if (!mail) return false;

    const failure = await this.attempt(mail);
    if (failure === undefined) await this.outbox.sent(mail);
    else await this.recordFailure(mail, failure);
    return true;
  }

  /**
   * Composes and sends within the attempt's deadline; the error, or undefined once the server took
   * the mail. A mail this process cannot compose (sealed under another APP_SECRET_KEY, a template
   * it does not know during a rolling deploy) is retried like any failure: another process may manage it.
   */
  private async attempt(mail: ClaimedMail): Promise<unknown> {
    let message: MailMessage;
    try {
      message = this.mail.render(mail.recipient, mail.template, mail.locale, this.outbox.values(mail));
    } catch (error) {
      return new Error(`cannot be composed here: ${reason(error)}`);
    }
    const controller = new AbortController();
    this.inFlight = controller;
    const deadline = setTimeout(
      () => controller.abort(new Error(`no end within ${this.transport.attemptSeconds} s`)),
      this.transport.attemptSeconds * 1000,
    );
    try {
      await this.transport.send(message, controller.signal);
      return undefined;
    } catch (error) {
      return error;
    } finally {
      clearTimeout(deadline);
      this.inFlight = undefined;
    }
  }

  private async recordFailure(mail: ClaimedMail, error: unknown): Promise<void> {
    const retryInSeconds =
      mail.attempt < this.config.MAIL_MAX_ATTEMPTS ? retryDelaySeconds(mail.attempt, this.config.MAIL_RETRY_BASE_SECONDS) : undefined;
    await this.outbox.failed(mail, reason(error), retryInSeconds);
    const line = { mail: mail.id, template: mail.template, attempt: mail.attempt, retryInSeconds, error: reason(error) };
    if (retryInSeconds === undefined) this.logger.error(line, 'mail given up');
    else this.logger.warn(line, 'mail not sent; will retry');
  }

  /** The database did not answer: said once, then tried again each poll until it does. */
  private outboxUnavailable(error: unknown): false {
    if (!this.unavailable) this.logger.warn({ error: reason(error) }, 'mail outbox unreachable; retrying');
    this.unavailable = true;
    return false;
  }

  /** Until the poll interval passes or wake() is called (also if it was called while working). */
  private idle(): Promise<void> {
    if (this.stopping || this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endIdle?.(), this.config.MAIL_OUTBOX_POLL_MS);
      this.endIdle = () => {
        clearTimeout(timer);
        this.endIdle = undefined;
        resolve();
      };
    });
  }
}
