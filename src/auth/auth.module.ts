import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { CallerGuard } from './caller.guard';
import { LoginService } from './login.service';
import { PasswordsService } from './passwords.service';
import { SessionsService } from './sessions.service';

/** Global: the caller guard covers every route, and any module may end a user's sessions. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [PasswordsService, SessionsService, LoginService, { provide: APP_GUARD, useClass: CallerGuard }],
  exports: [PasswordsService, SessionsService],
})
export class AuthModule {}
