import { Global, Module } from '@nestjs/common';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailOutboxWorker } from './mail-outbox.worker';
import { MailTransport } from './mail-transport.service';
import { MailService } from './mail.service';

@Global()
@Module({
  providers: [MailTransport, MailService, MailOutboxRepository, MailOutboxWorker],
  exports: [MailTransport, MailService],
})
export class MailModule {}
