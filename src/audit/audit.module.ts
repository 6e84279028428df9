import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global: every module records its security events and admin actions here. */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
