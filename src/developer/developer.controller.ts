import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { DeveloperAppsService } from './developer-apps.service';
import { CreateDeveloperAppDto, DeveloperAppDto, IssuedDeveloperAppDto, UpdateDeveloperAppDto } from './dto/developer-app.dto';

@ApiTags('developer')
@Controller('developer')
export class DeveloperController {
  constructor(private readonly apps: DeveloperAppsService) {}

  @Post('apps')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({
    summary:
      'Create a developer app for its price (1059), within the total (1060) and monthly (1061) quotas; the key is shown in this answer only',
  })
  @ApiData(IssuedDeveloperAppDto, 201)
  create(
    @CurrentUser() user: CurrentSessionUser,
    @Body() body: CreateDeveloperAppDto,
    @Req() request: FastifyRequest,
  ): Promise<IssuedDeveloperAppDto> {
    return this.apps.create(user, body.name, request.ip);
  }

  @Get('apps')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Your developer apps, newest first (never their keys); condition: status' })
  @ApiData([DeveloperAppDto])
  list(@CurrentUser() user: CurrentSessionUser, @Query() query: ListQueryDto): Promise<DeveloperAppDto[]> {
    return this.apps.list(user.id, query.condition, query);
  }

  @Patch('apps/:apiId')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Rename, enable or disable your app (1062 when not yours, 1067 once closed by an administrator)' })
  @ApiData(DeveloperAppDto)
  update(
    @CurrentUser() user: CurrentSessionUser,
    @Param('apiId') apiId: string,
    @Body() body: UpdateDeveloperAppDto,
    @Req() request: FastifyRequest,
  ): Promise<DeveloperAppDto> {
    return this.apps.update(user, apiId, body, request.ip);
  }

  @Post('apps/:apiId/rotate-key')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the key at once; the new one is shown in this answer only' })
  @ApiData(IssuedDeveloperAppDto)
  rotateKey(
    @CurrentUser() user: CurrentSessionUser,
    @Param('apiId') apiId: string,
    @Req() request: FastifyRequest,
  ): Promise<IssuedDeveloperAppDto> {
    return this.apps.rotateKey(user, apiId, request.ip);
  }

  @Post('apps/:apiId/renew')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Pay the price again (1059) for more days, counted from the expiry or from now if past' })
  @ApiData(DeveloperAppDto)
  renew(@CurrentUser() user: CurrentSessionUser, @Param('apiId') apiId: string, @Req() request: FastifyRequest): Promise<DeveloperAppDto> {
    return this.apps.renew(user, apiId, request.ip);
  }
}
