import { Module } from '@nestjs/common';

import { AuditService } from './audit.service';

/** The audit log: modules that record security events or admin actions import it. */
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
