import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { GroupsModule } from '../groups/groups.module';
import { PointsModule } from '../points/points.module';
import { SigningModule } from '../signing/signing.module';
import { DeveloperController } from './developer.controller';
import { DeveloperAppsService } from './developer-apps.service';
import { LibrariesService } from './libraries.service';

@Module({
  imports: [AuditModule, GroupsModule, PointsModule, SigningModule],
  controllers: [DeveloperController],
  providers: [DeveloperAppsService, LibrariesService],
  // The admin module closes and reopens developer apps through the same rules.
  exports: [DeveloperAppsService],
})
export class DeveloperModule {}
