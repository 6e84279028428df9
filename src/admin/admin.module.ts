import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DeveloperModule } from '../developer/developer.module';
import { GroupsModule } from '../groups/groups.module';
import { PointsModule } from '../points/points.module';
import { SigningModule } from '../signing/signing.module';
import { UsersModule } from '../users/users.module';
import { AdminController } from './admin.controller';
import { AdminCatalogueService } from './admin-catalogue.service';
import { AdminUsersService } from './admin-users.service';

@Module({
  imports: [AuditModule, AuthModule, DeveloperModule, GroupsModule, PointsModule, SigningModule, UsersModule],
  controllers: [AdminController],
  providers: [AdminUsersService, AdminCatalogueService],
  // Reports lock reported users through the same path as PATCH /admin/users/:uuid.
  exports: [AdminUsersService],
})
export class AdminModule {}
