import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { Access, CurrentApp, CurrentUser } from '../auth/access.decorators';
import { CallerApp, CurrentSessionUser } from '../auth/caller';
import type { LoginClient } from '../auth/login.service';
import { ApiData } from '../core/http/envelope';
import {
  AuthorizeBodyDto,
  AuthorizeDto,
  AuthorizeQueryDto,
  DeleteBindingDto,
  QqBindingDto,
  QqCallbackDto,
  QqReturnDto,
} from './dto/qq.dto';
import { QqService } from './qq.service';
import { QqBindingsService } from './qq-bindings.service';
import { QqConfiguredGuard } from './qq-configured.guard';

/** A client that reads JSON (a browser app's fetch, which cannot follow a redirect to QQ) gets the URL as data. */
const wantsJson = (accept: string | undefined): boolean => /\bapplication\/json\b/i.test(accept ?? '');

/** A query parameter given once, as text; anything else counts as not given. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const clientOf = (request: FastifyRequest): LoginClient => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

@ApiTags('qq')
@UseGuards(QqConfiguredGuard)
@Controller('qq')
export class QqController {
  constructor(
    private readonly qq: QqService,
    private readonly bindings: QqBindingsService,
  ) {}

  @Get('authorize')
  @Access({ caller: 'optional-user', scope: 'qq' })
  @ApiOperation({
    summary:
      "Starts a QQ login: 302 to QQ's authorize page (200 with the URL for Accept: application/json), with the verifier that finishes it; returnTo on the app's allowed domains (-1); intent=bind only by POST (1011); 1077 without QQ",
  })
  @ApiData(AuthorizeDto)
  async authorize(
    @Query() query: AuthorizeQueryDto,
    @CurrentApp() app: CallerApp,
    @CurrentUser('optional') user: CurrentSessionUser | undefined,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizeDto> {
    const answer = await this.qq.authorize({ intent: query.intent, returnTo: query.returnTo }, app, user, clientOf(request));
    if (!wantsJson(accept)) reply.status(302).header('location', answer.url);
    return answer;
  }

  @Post('authorize')
  @HttpCode(200)
  @Access({ caller: 'optional-user', scope: 'qq' })
  @ApiOperation({
    summary:
      "Starts a QQ login or bind: QQ's authorize page and the verifier that finishes it; bind needs a session (1030) and the account password (1011, 1028, 1075); returnTo as for GET (-1)",
  })
  @ApiData(AuthorizeDto)
  authorizeWithBody(
    @Body() body: AuthorizeBodyDto,
    @CurrentApp() app: CallerApp,
    @CurrentUser('optional') user: CurrentSessionUser | undefined,
    @Req() request: FastifyRequest,
  ): Promise<AuthorizeDto> {
    return this.qq.authorize(body, app, user, clientOf(request));
  }

  @Get('return')
  @Access({ caller: 'public' })
  @ApiOperation({ summary: 'Where the flow of a live state goes back to, for the /qq-callback page; uses nothing (1011, 1025, 1026)' })
  @ApiData(QqReturnDto)
  async returnTo(@Query('state') state: unknown): Promise<QqReturnDto> {
    return { returnTo: await this.qq.returnTo(text(state)) };
  }

  @Get('callback')
  @Access({ caller: 'optional-user', scope: 'qq' })
  @ApiHeader({ name: 'X-QQ-Verifier', required: true, description: 'the verifier /qq/authorize gave the client that started the flow' })
  @ApiOperation({
    summary:
      'Finishes a flow with the code and state QQ sent back, for the client that started it (its verifier, its app and, for a bind, its user: 1025 otherwise): binds, logs in, or gives a ticket (1011, 1025, 1026, 1032, 1038, 1039, 996)',
  })
  @ApiData(QqCallbackDto)
  callback(
    @Query('code') code: unknown,
    @Query('state') state: unknown,
    @Headers('x-qq-verifier') verifier: string | undefined,
    @CurrentApp() app: CallerApp,
    @CurrentUser('optional') user: CurrentSessionUser | undefined,
    @Req() request: FastifyRequest,
  ): Promise<QqCallbackDto> {
    return this.qq.callback({ code: text(code), state: text(state), verifier }, app, user, clientOf(request));
  }

  @Get('bindings')
  @Access({ caller: 'user', scope: 'qq' })
  @ApiOperation({ summary: "The caller's QQ bindings under the app of the session" })
  @ApiData([QqBindingDto])
  list(@CurrentUser() user: CurrentSessionUser): Promise<QqBindingDto[]> {
    return this.bindings.list(user);
  }

  @Get('bindings/:raid')
  @Access({ caller: 'user', scope: 'qq' })
  @ApiOperation({ summary: 'One of them (1037 otherwise)' })
  @ApiData(QqBindingDto)
  get(@CurrentUser() user: CurrentSessionUser, @Param('raid') raid: string): Promise<QqBindingDto> {
    return this.bindings.get(user, raid);
  }

  @Delete('bindings/:raid')
  @Access({ caller: 'user', scope: 'qq' })
  @ApiOperation({ summary: 'Remove a binding (1037); a session opened with QQ must send the account password (1011, 1028, 1075)' })
  @ApiData(null)
  async remove(
    @CurrentUser() user: CurrentSessionUser,
    @Param('raid') raid: string,
    @Body() body: DeleteBindingDto,
    @Req() request: FastifyRequest,
  ): Promise<null> {
    await this.bindings.remove(user, raid, body?.password, request.ip);
    return null;
  }
}
