import { Module } from '@nestjs/common';

import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DeveloperEndUsersController } from './developer-end-users.controller';
import { EndUserManagementService } from './end-user-management.service';
import { EndUsersService } from './end-users.service';
import { OpenApiController } from './open-api.controller';
import { CountUsage, UsageCounter } from './usage.service';

/** The end users of developers' libraries: the signed open API, their developers' management of them, and usage. */
@Module({
  imports: [AccountsModule, AuditModule, AuthModule],
  controllers: [OpenApiController, DeveloperEndUsersController],
  providers: [EndUsersService, EndUserManagementService, UsageCounter, CountUsage],
})
export class OpenApiModule {}
