import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { GroupsModule } from '../groups/groups.module';
import { SigningModule } from '../signing/signing.module';
import { AccountStatus } from './account-status';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuditModule, AuthModule, GroupsModule, SigningModule],
  controllers: [UsersController],
  providers: [UsersService, AccountStatus],
  // The users table's writers: accounts, administrators and reports change users through them.
  exports: [UsersService, AccountStatus],
})
export class UsersModule {}
