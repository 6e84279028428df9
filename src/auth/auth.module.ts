import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';

import { AuditModule } from '../audit/audit.module';
import { GroupsModule } from '../groups/groups.module';
import { SigningModule } from '../signing/signing.module';
import { AccessGuard } from './access.guard';
import { AttemptsService } from './attempts.service';
import { AuthController } from './auth.controller';
import { CallerAppController } from './caller-app.controller';
import { EndUserSessionsService } from './end-user-sessions.service';
import { LoginService } from './login.service';
import { PasswordsService } from './passwords.service';
import { RouteAccess } from './route-access';
import { SessionsService } from './sessions.service';
import { SessionsSweeps } from './sessions.sweeps';

/**
 * Who is calling: the access guard over every route (app, session, permission), logins and
 * sessions. Other modules import it to end a user's sessions, count attempts at a secret, check
 * a password or log a user in (QQ login).
 */
@Module({
  imports: [DiscoveryModule, AuditModule, SigningModule, GroupsModule],
  controllers: [AuthController, CallerAppController],
  providers: [
    PasswordsService,
    SessionsService,
    SessionsSweeps,
    EndUserSessionsService,
    AttemptsService,
    LoginService,
    RouteAccess,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PasswordsService, SessionsService, EndUserSessionsService, AttemptsService, LoginService, RouteAccess],
})
export class AuthModule {}
