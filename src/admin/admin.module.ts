import { Module } from '@nestjs/common';
import { DeveloperModule } from '../developer/developer.module';
import { PointsModule } from '../points/points.module';
import { AdminCatalogueService } from './admin-catalogue.service';
import { AdminUsersService } from './admin-users.service';
import { AdminController } from './admin.controller';

@Module({
  imports: [PointsModule, DeveloperModule],
  controllers: [AdminController],
  providers: [AdminUsersService, AdminCatalogueService],
})
export class AdminModule {}
