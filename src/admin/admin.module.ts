import { Module } from '@nestjs/common';
import { DeveloperModule } from '../developer/developer.module';
import { PointsModule } from '../points/points.module';
import { UsersModule } from '../users/users.module';
import { AdminCatalogueService } from './admin-catalogue.service';
import { AdminUsersService } from './admin-users.service';
import { AdminController } from './admin.controller';

@Module({
  imports: [PointsModule, DeveloperModule, UsersModule],
  controllers: [AdminController],
  providers: [AdminUsersService, AdminCatalogueService],
  // Reports lock reported users through the same path as PATCH /admin/users/:uuid.
  exports: [AdminUsersService],
})
export class AdminModule {}
