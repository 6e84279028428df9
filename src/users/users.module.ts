import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { GroupsModule } from '../groups/groups.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule, AuthModule, GroupsModule],
  controllers: [UsersController],
  providers: [UsersService],
  // Reports refuse reports of users a reporter cannot see, by the public profile's rule.
  exports: [UsersService],
})
export class UsersModule {}
