import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { Access } from '../auth/access.decorators';
import { RawResponse } from '../core/http/raw-response.decorator';
import { LegacyGateway } from './legacy-gateway.service';

const SUMMARY =
  "The old single endpoint, for clients that cannot move to REST yet: ?class=&mode=&from= names an action, answered by its REST twin (the README's table); uuid/ukey and app_id may come as parameters. 1009, 1010, 1001, 1002, 1006, 1005, 1024, 1011 in that order, then the twin's own codes";

/** `/api.php` (outside /api/v1): the gateway checks the caller's app itself, so the route is public. */
@ApiTags('legacy')
@Controller()
export class LegacyController {
  constructor(private readonly gateway: LegacyGateway) {}

  @Get('api.php')
  @Access({ caller: 'public' })
  @RawResponse()
  @ApiOperation({ summary: SUMMARY })
  get(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.gateway.answer(request, reply);
  }

  @Post('api.php')
  @Access({ caller: 'public' })
  @RawResponse()
  @ApiOperation({ summary: SUMMARY })
  post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.gateway.answer(request, reply);
  }
}
