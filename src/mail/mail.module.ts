import { Module } from '@nestjs/common';

import { MailService } from './mail.service';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailOutboxWorker } from './mail-outbox.worker';
import { MailTransport } from './mail-transport.service';

/** Queued mail and its sending: accounts queue through MailService; readiness asks the transport. */
@Module({
  providers: [MailTransport, MailService, MailOutboxRepository, MailOutboxWorker],
  exports: [MailService, MailTransport],
})
export class MailModule {}
