import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { GroupsService } from './groups.service';

/** User groups, their ranks and permissions (the access guard asks it for a route's permission). */
@Module({
  imports: [AuditModule],
  providers: [GroupsService],
  exports: [GroupsService],
})
export class GroupsModule {}
