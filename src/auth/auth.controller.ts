import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { ApiData } from '../core/http/envelope';
import { Access, CurrentApp, CurrentUser } from './access.decorators';
import { CallerApp, CurrentSessionUser } from './caller';
import { IssuedSessionDto, LoginDto, SessionDto } from './dto/login.dto';
import { LoginService } from './login.service';
import { SessionsService } from './sessions.service';

const sessionId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCode.LOGIN_FAILED, 'no such session') });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('login')
  @Access({ caller: 'app', scope: 'auth' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with username or email and password; the session belongs to the calling app' })
  @ApiData(IssuedSessionDto)
  logIn(@Body() body: LoginDto, @CurrentApp() app: CallerApp, @Req() request: FastifyRequest): Promise<IssuedSessionDto> {
    return this.login.login(body.account, body.password, app.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
  }

  @Post('logout')
  @Access({ caller: 'user', scope: 'auth' })
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session of this request' })
  @ApiData(null)
  async logOut(@CurrentUser() user: CurrentSessionUser, @Req() request: FastifyRequest): Promise<null> {
    await this.sessions.revoke(user.id, user.sessionId, { sessionId: user.sessionId, ip: request.ip });
    return null;
  }

  @Get('sessions')
  @Access({ caller: 'user', scope: 'auth' })
  @ApiOperation({ summary: "The caller's live sessions, under every app" })
  @ApiData([SessionDto])
  list(@CurrentUser() user: CurrentSessionUser): Promise<SessionDto[]> {
    return this.sessions.list(user.id, user.sessionId);
  }

  @Delete('sessions/:id')
  @Access({ caller: 'user', scope: 'auth' })
  @ApiOperation({ summary: "End one of the caller's sessions" })
  @ApiData(null)
  async revoke(@CurrentUser() user: CurrentSessionUser, @Param('id', sessionId) id: string, @Req() request: FastifyRequest): Promise<null> {
    await this.sessions.revoke(user.id, id, { sessionId: user.sessionId, ip: request.ip });
    return null;
  }
}
