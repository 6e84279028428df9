import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { DeveloperAppsService } from './developer-apps.service';
import {
  BoundDeveloperAppDto,
  CreateDeveloperAppDto,
  DeveloperAppDto,
  IssuedDeveloperAppDto,
  UpdateDeveloperAppDto,
} from './dto/developer-app.dto';
import { BindLibraryDto, CreateLibraryDto, LibraryDetailDto, LibraryDto, UpdateLibraryDto } from './dto/library.dto';
import { LibrariesService } from './libraries.service';

@ApiTags('developer')
@Controller('developer')
export class DeveloperController {
  constructor(
    private readonly apps: DeveloperAppsService,
    private readonly libraries: LibrariesService,
  ) {}

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

  @Post('apps/:apiId/library')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bind your app to one of your user libraries (1071 unknown or not yours); its end users are those of the library',
  })
  @ApiData(BoundDeveloperAppDto)
  bind(
    @CurrentUser() user: CurrentSessionUser,
    @Param('apiId') apiId: string,
    @Body() body: BindLibraryDto,
    @Req() request: FastifyRequest,
  ): Promise<BoundDeveloperAppDto> {
    return this.apps.bindLibrary(user, apiId, body.spanId, request.ip);
  }

  @Post('libraries')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Create a user library for its price (1059), at most your apps + 1 (1072)' })
  @ApiData(LibraryDto, 201)
  createLibrary(
    @CurrentUser() user: CurrentSessionUser,
    @Body() body: CreateLibraryDto,
    @Req() request: FastifyRequest,
  ): Promise<LibraryDto> {
    return this.libraries.create(user, body, request.ip);
  }

  @Get('libraries')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Your user libraries, newest first, deleted ones included' })
  @ApiData([LibraryDto])
  listLibraries(@CurrentUser() user: CurrentSessionUser): Promise<LibraryDto[]> {
    return this.libraries.list(user.id);
  }

  @Get('libraries/:spanId')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'One of your user libraries: its end users, the apps bound to it, its expiry (1071 when not yours)' })
  @ApiData(LibraryDetailDto)
  library(@CurrentUser() user: CurrentSessionUser, @Param('spanId') spanId: string): Promise<LibraryDetailDto> {
    return this.libraries.detail(user.id, spanId);
  }

  @Patch('libraries/:spanId')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Rename a user library, or ask new end users to verify their address' })
  @ApiData(LibraryDto)
  updateLibrary(
    @CurrentUser() user: CurrentSessionUser,
    @Param('spanId') spanId: string,
    @Body() body: UpdateLibraryDto,
    @Req() request: FastifyRequest,
  ): Promise<LibraryDto> {
    return this.libraries.update(user, spanId, body, request.ip);
  }

  @Delete('libraries/:spanId')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @ApiOperation({ summary: 'Delete a user library (soft: its apps then answer 1070)' })
  @ApiData(null)
  async deleteLibrary(
    @CurrentUser() user: CurrentSessionUser,
    @Param('spanId') spanId: string,
    @Req() request: FastifyRequest,
  ): Promise<null> {
    await this.libraries.remove(user, spanId, request.ip);
    return null;
  }

  @Post('libraries/:spanId/renew')
  @Access({ caller: 'user', scope: 'developer', permission: 'developer.use' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Pay the price again (1059) for more days; only near or just past the expiry (1073)' })
  @ApiData(LibraryDto)
  renewLibrary(
    @CurrentUser() user: CurrentSessionUser,
    @Param('spanId') spanId: string,
    @Req() request: FastifyRequest,
  ): Promise<LibraryDto> {
    return this.libraries.renew(user, spanId, request.ip);
  }
}
