import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module';
import { AdminCatalogueService } from './admin-catalogue.service';
import { AdminUsersService } from './admin-users.service';
import { AdminController } from './admin.controller';

@Module({
  imports: [PointsModule],
  controllers: [AdminController],
  providers: [AdminUsersService, AdminCatalogueService],
})
export class AdminModule {}
