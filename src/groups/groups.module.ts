import { Global, Module } from '@nestjs/common';
import { GroupsService } from './groups.service';
import { PermissionGuard } from './permission.guard';

/** Global: any feature module guards its routes with @RequirePermission() without importing this one. */
@Global()
@Module({
  providers: [GroupsService, PermissionGuard],
  exports: [GroupsService, PermissionGuard],
})
export class GroupsModule {}
