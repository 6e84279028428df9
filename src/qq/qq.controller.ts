import { Body, Controller, Delete, Get, Headers, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, CurrentApp, CurrentUser } from '../auth/access.decorators';
import { CallerApp, CurrentSessionUser } from '../auth/caller';
import { AuthorizeDto, AuthorizeQueryDto, DeleteBindingDto, QqBindingDto, QqCallbackDto } from './dto/qq.dto';
import { QqBindingsService } from './qq-bindings.service';
import { QqConfiguredGuard } from './qq-configured.guard';
import { QqService } from './qq.service';

/** A client that reads JSON (a browser app's fetch, which cannot follow a redirect to QQ) gets the URL as data. */
const wantsJson = (accept: string | undefined): boolean => /\bapplication\/json\b/i.test(accept ?? '');

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
    summary: "302 to QQ's authorize page (200 with the URL for Accept: application/json); bind needs a session (1030), returnTo the app's allowed domains (-1); 1077 without QQ",
  })
  async authorize(
    @Query() query: AuthorizeQueryDto,
    @CurrentApp() app: CallerApp,
    @CurrentUser('optional') user: CurrentSessionUser | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizeDto> {
    const answer = await this.qq.authorize(query.intent, query.returnTo, app, user);
    if (!wantsJson(accept)) reply.status(302).header('location', answer.url);
    return answer;
  }

  @Get('callback')
  @Access({ caller: 'public' })
  @ApiOperation({
    summary: 'Where QQ sends the person back (through the /qq-callback page): binds, logs in, or gives a ticket (1011, 1025, 1026, 1032, 1038, 1039, 996)',
  })
  callback(@Query('code') code: unknown, @Query('state') state: unknown, @Req() request: FastifyRequest): Promise<QqCallbackDto> {
    const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    return this.qq.callback(text(code), text(state), { ip: request.ip, userAgent: request.headers['user-agent'] });
  }

  @Get('bindings')
  @Access({ caller: 'user', scope: 'qq' })
  @ApiOperation({ summary: "The caller's QQ bindings under the app of the session" })
  list(@CurrentUser() user: CurrentSessionUser): Promise<QqBindingDto[]> {
    return this.bindings.list(user);
  }

  @Get('bindings/:raid')
  @Access({ caller: 'user', scope: 'qq' })
  @ApiOperation({ summary: 'One of them (1037 otherwise)' })
  get(@CurrentUser() user: CurrentSessionUser, @Param('raid') raid: string): Promise<QqBindingDto> {
    return this.bindings.get(user, raid);
  }

  @Delete('bindings/:raid')
  @Access({ caller: 'user', scope: 'qq' })
  @ApiOperation({ summary: 'Remove a binding (1037); a session opened with QQ must send the account password (1011, 1028, 1075)' })
  async remove(@CurrentUser() user: CurrentSessionUser, @Param('raid') raid: string, @Body() body: DeleteBindingDto, @Req() request: FastifyRequest): Promise<null> {
    await this.bindings.remove(user, raid, body?.password, request.ip);
    return null;
  }
}
