import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { EndUserDto } from './dto/end-user.dto';
import { UsageDto, UsageQueryDto } from './dto/usage.dto';
import { EndUserManagementService } from './end-user-management.service';

/** Developers managing the end users of their libraries, and reading their apps' usage. */
@ApiTags('developer')
@Controller('developer')
export class DeveloperEndUsersController {
  constructor(private readonly endUsers: EndUserManagementService) {}

  @Get('libraries/:spanId/users')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'End users of your library, newest first; condition: status, q (1071 when not yours)' })
  @ApiData([EndUserDto])
  list(@CurrentUser() user: CurrentSessionUser, @Param('spanId') spanId: string, @Query() query: ListQueryDto): Promise<EndUserDto[]> {
    return this.endUsers.list(user.id, spanId, query.condition, query);
  }

  @Post('libraries/:spanId/users/:uuid/ban')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Ban an end user: their sessions end, logins answer 99998' })
  @ApiData(EndUserDto)
  ban(
    @CurrentUser() user: CurrentSessionUser,
    @Param('spanId') spanId: string,
    @Param('uuid') uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<EndUserDto> {
    return this.endUsers.move(user, spanId, uuid, 'ban', request.ip);
  }

  @Post('libraries/:spanId/users/:uuid/unban')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a ban' })
  @ApiData(EndUserDto)
  unban(
    @CurrentUser() user: CurrentSessionUser,
    @Param('spanId') spanId: string,
    @Param('uuid') uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<EndUserDto> {
    return this.endUsers.move(user, spanId, uuid, 'unban', request.ip);
  }

  @Delete('libraries/:spanId/users/:uuid')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Delete an end user: their sessions end, their name and address are free again' })
  @ApiData(EndUserDto)
  remove(
    @CurrentUser() user: CurrentSessionUser,
    @Param('spanId') spanId: string,
    @Param('uuid') uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<EndUserDto> {
    return this.endUsers.move(user, spanId, uuid, 'delete', request.ip);
  }

  @Get('apps/:apiId/usage')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: "Your app's open-API calls per day (UTC) and its library's end users" })
  @ApiData(UsageDto)
  usage(@CurrentUser() user: CurrentSessionUser, @Param('apiId') apiId: string, @Query() query: UsageQueryDto): Promise<UsageDto> {
    return this.endUsers.usageOf(user.id, apiId, query.days);
  }
}
