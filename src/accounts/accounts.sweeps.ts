import { Injectable, OnModuleInit } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { Scheduler } from '../core/schedule/scheduler';
import { sweepResetCodes, sweepVerificationLinks } from './accounts.sql';

/** Forgets verification links and reset codes long past their expiry, once per period across all processes. */
@Injectable()
export class AccountsSweeps implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    const everySeconds = this.scheduler.sweepPeriod();
    this.scheduler.register({ name: 'expired-verification-links', everySeconds, run: () => sweepVerificationLinks(this.prisma) });
    this.scheduler.register({ name: 'expired-reset-codes', everySeconds, run: () => sweepResetCodes(this.prisma) });
  }
}
