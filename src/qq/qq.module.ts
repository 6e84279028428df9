import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { MailModule } from '../mail/mail.module';
import { SigningModule } from '../signing/signing.module';
import { QqController } from './qq.controller';
import { QqService } from './qq.service';
import { QqBindingsService } from './qq-bindings.service';
import { QqCallbackPageController } from './qq-callback-page.controller';
import { QqConnectClient } from './qq-connect.client';
import { QqFlowsStore } from './qq-flows.store';
import { QqLoginController } from './qq-login.controller';

/** QQ Connect: binding a QQ to an account and logging in with it. Readiness asks the client whether QQ answers; a password reset ends the bindings. */
@Module({
  imports: [AuditModule, AuthModule, MailModule, SigningModule],
  controllers: [QqController, QqLoginController, QqCallbackPageController],
  providers: [QqConnectClient, QqFlowsStore, QqBindingsService, QqService],
  exports: [QqConnectClient, QqBindingsService],
})
export class QqModule {}
