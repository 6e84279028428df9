import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentApp } from '../auth/access.decorators';
import { CallerApp } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { QqLoginDto, QqLoginResultDto } from './dto/qq.dto';
import { QqService } from './qq.service';
import { QqConfiguredGuard } from './qq-configured.guard';

/** The QQ step of logging in, beside POST /auth/login and checked like it. */
@ApiTags('auth')
@UseGuards(QqConfiguredGuard)
@Controller('auth')
export class QqLoginController {
  constructor(private readonly qq: QqService) {}

  @Post('login/qq')
  @Access({ caller: 'app', scope: 'auth' })
  @HttpCode(200)
  @ApiOperation({
    summary: "Bind a login callback's ticket to the account of account and password, and log in (1025, 1026, 1031, 1032, 1038, 1039, 1075)",
  })
  @ApiData(QqLoginResultDto)
  logIn(@Body() body: QqLoginDto, @CurrentApp() app: CallerApp, @Req() request: FastifyRequest): Promise<QqLoginResultDto> {
    return this.qq.logInWithTicket(body, app.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
  }
}
