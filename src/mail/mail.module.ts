import { Global, Module } from '@nestjs/common';
import { MailTransport } from './mail-transport.service';
import { MailService } from './mail.service';

@Global()
@Module({
  providers: [MailTransport, MailService],
  exports: [MailTransport, MailService],
})
export class MailModule {}
