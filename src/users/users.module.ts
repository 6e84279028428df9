import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService],
  // Reports refuse reports of users a reporter cannot see, by the public profile's rule.
  exports: [UsersService],
})
export class UsersModule {}
