import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ResealReport, resealTable } from '../core/crypto/resealer';
import { SealContext, SecretCipher } from '../core/crypto/secret-cipher';
import { PrismaService } from '../core/database/prisma.service';
import type { Locale } from '../core/errors/catalogue';
import { Metrics } from '../core/metrics/metrics';
import { Prisma } from '../generated/prisma/client';
import { claimDueMail, lockedHourlyCount, markGivenUp, markSent, scheduleRetry, sweepFinishedMail, waitingMailCount } from './mail.sql';

export type MailValues = Record<string, string>;

export interface OutgoingMail {
  to: string;
  template: string;
  locale: Locale;
  values: MailValues;
}

/** A row a worker has claimed for one attempt; `attempt` fences its outcome against a later claim. */
export interface ClaimedMail {
  id: string;
  recipient: string;
  template: string;
  locale: Locale;
  payload: Uint8Array;
  attempt: number;
}

/** Sent and given-up rows are kept this long (the hourly limit needs one hour of them). */
const RETENTION_DAYS = 7;
const MAX_ERROR_LENGTH = 500;

/**
 * The mail_outbox table: queueing within the caller's transaction (the hourly per-address limit
 * held by a lock on the address), claiming for delivery, and recording each attempt's outcome.
 */
@Injectable()
export class MailOutboxRepository {
  private readonly logger = new Logger(MailOutboxRepository.name);
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly cipher: SecretCipher,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    // Read on scrape; with the database out of reach the figure is left out rather than failing the scrape.
    metrics.mail.waiting.sampleFrom(() =>
      waitingMailCount(prisma).then(
        (count): [Record<string, never>, number][] => [[{}, count]],
        () => [],
      ),
    );
  }

  /**
   * Queues `mail` in `tx`: it exists (and will be sent) exactly when `tx` commits. False when the
   * address already has MAIL_LIMIT_PER_ADDRESS mails of the last hour that are sent or still
   * waiting; then nothing is queued. Given-up mail does not count, so an SMTP outage does not
   * use up anyone's hour.
   */
  async enqueue(tx: Prisma.TransactionClient, mail: OutgoingMail): Promise<boolean> {
    if (!(await this.underHourlyLimit(tx, mail.to))) {
      this.logger.warn(`mail ${mail.template} skipped: hourly limit of the address reached`);
      return false;
    }
    const id = randomUUID();
    await tx.mailOutbox.create({
      data: { id, recipient: mail.to, template: mail.template, locale: mail.locale, payload: this.seal(id, mail.values) },
    });
    // Counted when written; a caller's transaction that rolls back afterwards leaves it counted.
    this.metrics.mail.queued.inc({});
    return true;
  }

  /** Calls `listener` whenever this process queued mail outside a caller's transaction. */
  onQueued(listener: () => void): void {
    this.listeners.add(listener);
  }

  queued(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Takes the oldest due mail for one attempt. The same UPDATE moves its next attempt `leaseSeconds`
   * ahead, so no other worker takes it while this one tries; SKIP LOCKED lets parallel claims pass
   * each other instead of queueing on one row.
   */
  async claim(leaseSeconds: number): Promise<ClaimedMail | undefined> {
    const row = await claimDueMail(this.prisma, leaseSeconds);
    if (!row) return undefined;
    const { attempts, ...mail } = row;
    return { ...mail, attempt: attempts };
  }

  /** The template's values of a claimed mail; throws when they do not open (another key, another row). */
  values(mail: ClaimedMail): MailValues {
    return JSON.parse(this.cipher.open(mail.payload, sealedIn(mail.id))) as MailValues;
  }

  /** Sent: the secret it carried is erased at once. */
  async sent(mail: ClaimedMail): Promise<void> {
    await markSent(this.prisma, mail.id, mail.attempt);
    this.metrics.mail.sent.inc({});
  }

  /** Failed: tried again after `retryInSeconds`, or given up (and its secret erased) when that is undefined. */
  async failed(mail: ClaimedMail, error: string, retryInSeconds: number | undefined): Promise<void> {
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    if (retryInSeconds === undefined) await markGivenUp(this.prisma, mail.id, mail.attempt, lastError);
    else await scheduleRetry(this.prisma, mail.id, mail.attempt, lastError, retryInSeconds);
    this.metrics.mail.failed.inc({ final: retryInSeconds === undefined ? 'true' : 'false' });
  }

  /** Seals the payloads of mail not sent yet anew under APP_SECRET_KEY: `platform secret:reseal`. */
  resealPayloads(): Promise<ResealReport> {
    return resealTable(this.prisma, this.cipher, {
      table: 'mail_outbox',
      idColumn: 'id',
      columns: [{ name: 'payload', context: (id) => sealedIn(id) }],
    });
  }

  /** Forgets sent and given-up mail older than the retention. */
  sweep(): Promise<number> {
    return sweepFinishedMail(this.prisma, RETENTION_DAYS);
  }

  /** Counted under a lock on the address, so parallel requests for one address cannot both pass the last free place. */
  private async underHourlyLimit(tx: Prisma.TransactionClient, to: string): Promise<boolean> {
    const limit = this.config.MAIL_LIMIT_PER_ADDRESS;
    return limit === 0 || (await lockedHourlyCount(tx, to)) < limit;
  }

  private seal(id: string, values: MailValues): Uint8Array<ArrayBuffer> {
    return this.cipher.seal(JSON.stringify(values), sealedIn(id));
  }
}

/** A payload is bound to its own row: copied into another mail, it does not open. */
const sealedIn = (id: string): SealContext => ({ table: 'mail_outbox', id, keyVersion: 1 });
