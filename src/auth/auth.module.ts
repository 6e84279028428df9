import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AttemptsService } from './attempts.service';
import { AuthController } from './auth.controller';
import { CallerGuard } from './caller.guard';
import { LoginService } from './login.service';
import { PasswordsService } from './passwords.service';
import { SessionsService } from './sessions.service';

/**
 * Global: the caller guard covers every route, and any module may end a user's sessions, count
 * attempts at a secret or check a password (a QQ login binding an account asks for it).
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [PasswordsService, SessionsService, AttemptsService, LoginService, { provide: APP_GUARD, useClass: CallerGuard }],
  exports: [PasswordsService, SessionsService, AttemptsService, LoginService],
})
export class AuthModule {}
