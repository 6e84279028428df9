import { Injectable, OnModuleInit } from '@nestjs/common';

import { deleteExpired } from '../core/database/delete-in-batches';
import { PrismaService } from '../core/database/prisma.service';
import { Scheduler } from '../core/schedule/scheduler';
import { sweepExpiredReservations } from './files.sql';

/**
 * Days an expired download credential's row is kept: for that long a credential of a deleted file
 * still answers 1051 (the file is gone) rather than 1050, as every other dead credential does.
 */
export const EXPIRED_CREDENTIAL_RETENTION_DAYS = 30;
/** Hourly by default: credentials wait a month anyway (found by the expires_at index), and reservations are few. */
const SWEEP_PERIOD_FACTOR = 60;

/**
 * Forgets download credentials long past their expiry and upload reservations past theirs (a
 * crashed process's; an upload that ends removes its own), once per period across all processes.
 */
@Injectable()
export class FilesSweeps implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    const everySeconds = this.scheduler.sweepPeriod(SWEEP_PERIOD_FACTOR);
    this.scheduler.register({ name: 'expired-download-credentials', everySeconds, run: (stopping) => this.sweepCredentials(stopping) });
    this.scheduler.register({ name: 'expired-upload-reservations', everySeconds, run: (stopping) => this.sweepReservations(stopping) });
  }

  /** Deletes credentials past their retention (no further batch once `stopping` is aborted); how many went. */
  sweepCredentials(stopping?: AbortSignal): Promise<number> {
    return deleteExpired(this.prisma, 'download_credentials', EXPIRED_CREDENTIAL_RETENTION_DAYS, stopping);
  }

  /** Deletes reservations past their time; how many went. */
  sweepReservations(stopping?: AbortSignal): Promise<number> {
    return sweepExpiredReservations(this.prisma, stopping);
  }
}
