import { Module } from '@nestjs/common';
import { AccountStatus } from './account-status';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, AccountStatus],
  // The users table's writers: accounts, administrators and reports change users through them.
  exports: [UsersService, AccountStatus],
})
export class UsersModule {}
