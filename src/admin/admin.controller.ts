import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { AuditService } from '../audit/audit.service';
import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { DeveloperAppsService } from '../developer/developer-apps.service';
import { AdminDeveloperAppDto, AdminDeveloperAppStatusDto } from '../developer/dto/developer-app.dto';
import { Actor } from '../groups/rank-rules';
import { LedgerEntryDto } from '../points/dto/points.dto';
import { AdminCatalogueService } from './admin-catalogue.service';
import { AdminUsersService } from './admin-users.service';
import {
  AdjustmentDto,
  AdminAppDto,
  AdminUserDto,
  AppSettingsDto,
  CreateAppDto,
  CreateGroupDto,
  GroupChangesDto,
  GroupDto,
  IssuedAppKeyDto,
  RotatedAppKeyDto,
  UpdateUserDto,
} from './dto/admin.dto';

const actorOf = (user: CurrentSessionUser, request: FastifyRequest): Actor => ({ id: user.id, groupId: user.groupId, ip: request.ip });

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly catalogue: AdminCatalogueService,
    private readonly developerApps: DeveloperAppsService,
    private readonly audit: AuditService,
  ) {}

  @Get('users')
  @Access({ caller: 'user', scope: 'admin', permission: 'user.manage' })
  @ApiOperation({ summary: 'Users, newest first; condition: status, group, q, since, until' })
  @ApiData([AdminUserDto])
  listUsers(@Query() query: ListQueryDto): Promise<AdminUserDto[]> {
    return this.users.list(query.condition, query);
  }

  @Patch('users/:uuid')
  @Access({ caller: 'user', scope: 'admin', permission: 'user.manage' })
  @ApiOperation({ summary: "Change a user's status (a ban ends their sessions at once) or group" })
  @ApiData(AdminUserDto)
  updateUser(
    @CurrentUser() user: CurrentSessionUser,
    @Param('uuid') uuid: string,
    @Body() body: UpdateUserDto,
    @Req() request: FastifyRequest,
  ): Promise<AdminUserDto> {
    return this.users.update(user, uuid, body, request.ip);
  }

  @Post('users/:uuid/points')
  @Access({ caller: 'user', scope: 'admin', permission: 'points.manage' })
  @HttpCode(200)
  @ApiOperation({ summary: "Adjust a user's points through the ledger" })
  @ApiData(LedgerEntryDto)
  adjustPoints(
    @CurrentUser() user: CurrentSessionUser,
    @Param('uuid') uuid: string,
    @Body() body: AdjustmentDto,
    @Req() request: FastifyRequest,
  ): Promise<LedgerEntryDto> {
    return this.users.adjust('points', user, uuid, body, request.ip);
  }

  @Post('users/:uuid/balance')
  @Access({ caller: 'user', scope: 'admin', permission: 'points.manage' })
  @HttpCode(200)
  @ApiOperation({ summary: "Adjust a user's balance (cents) through the ledger" })
  @ApiData(LedgerEntryDto)
  adjustBalance(
    @CurrentUser() user: CurrentSessionUser,
    @Param('uuid') uuid: string,
    @Body() body: AdjustmentDto,
    @Req() request: FastifyRequest,
  ): Promise<LedgerEntryDto> {
    return this.users.adjust('balance', user, uuid, body, request.ip);
  }

  @Get('groups')
  @Access({ caller: 'user', scope: 'admin', permission: 'group.manage' })
  @ApiOperation({ summary: 'Groups by rank' })
  @ApiData([GroupDto])
  listGroups(): Promise<GroupDto[]> {
    return this.catalogue.listGroups();
  }

  @Post('groups')
  @Access({ caller: 'user', scope: 'admin', permission: 'group.manage' })
  @ApiOperation({ summary: 'Create a group below your rank (1054) with permissions your group holds (1042)' })
  @ApiData(GroupDto, 201)
  createGroup(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateGroupDto, @Req() request: FastifyRequest): Promise<GroupDto> {
    return this.catalogue.createGroup(actorOf(user, request), body);
  }

  @Patch('groups/:name')
  @Access({ caller: 'user', scope: 'admin', permission: 'group.manage' })
  @ApiOperation({
    summary:
      'Change the rank, permissions or default mark of a group below your rank; it stays below it (1054) with permissions your group holds (1042)',
  })
  @ApiData(GroupDto)
  updateGroup(
    @CurrentUser() user: CurrentSessionUser,
    @Param('name') name: string,
    @Body() body: GroupChangesDto,
    @Req() request: FastifyRequest,
  ): Promise<GroupDto> {
    return this.catalogue.updateGroup(actorOf(user, request), name, body);
  }

  @Delete('groups/:name')
  @Access({ caller: 'user', scope: 'admin', permission: 'group.manage' })
  @ApiOperation({ summary: 'Delete an empty group below your rank (1054); not the default one (1043)' })
  @ApiData(null)
  async removeGroup(@CurrentUser() user: CurrentSessionUser, @Param('name') name: string, @Req() request: FastifyRequest): Promise<null> {
    await this.catalogue.removeGroup(actorOf(user, request), name);
    return null;
  }

  @Get('apps')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @ApiOperation({ summary: 'First-party apps (never their keys)' })
  @ApiData([AdminAppDto])
  listApps(): Promise<AdminAppDto[]> {
    return this.catalogue.listApps();
  }

  @Post('apps')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @ApiOperation({ summary: 'Register an app; its key is shown in this answer only' })
  @ApiData(IssuedAppKeyDto, 201)
  createApp(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateAppDto, @Req() request: FastifyRequest): Promise<IssuedAppKeyDto> {
    return this.catalogue.createApp(actorOf(user, request), body);
  }

  @Patch('apps/:appId')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @ApiOperation({
    summary:
      "Change an app's name, scopes, allowed domains or status (ENABLED, DISABLED, CLOSED); the public web app stays ENABLED (1043); 1054 beyond your reach",
  })
  @ApiData(AdminAppDto)
  updateApp(
    @CurrentUser() user: CurrentSessionUser,
    @Param('appId') appId: string,
    @Body() body: AppSettingsDto,
    @Req() request: FastifyRequest,
  ): Promise<AdminAppDto> {
    return this.catalogue.updateApp(actorOf(user, request), appId, body);
  }

  @Post('apps/:appId/key')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rotate the key: the new one is shown once; the old one works for the grace period. The public web app keeps no key (1043); 1054 beyond your reach',
  })
  @ApiData(RotatedAppKeyDto)
  rotateKey(
    @CurrentUser() user: CurrentSessionUser,
    @Param('appId') appId: string,
    @Req() request: FastifyRequest,
  ): Promise<RotatedAppKeyDto> {
    return this.catalogue.rotateKey(actorOf(user, request), appId);
  }

  @Get('developer-apps')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @ApiOperation({ summary: "Developers' apps, newest first (never their keys); condition: status, owner (uuid), q (in the name)" })
  @ApiData([AdminDeveloperAppDto])
  listDeveloperApps(@Query() query: ListQueryDto): Promise<AdminDeveloperAppDto[]> {
    return this.developerApps.listAll(query.condition, query);
  }

  @Patch('developer-apps/:apiId')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @ApiOperation({
    summary: "Close a developer app's API (CLOSED) or reopen it (ENABLED, DISABLED) when its owner ranks below you (1054); audited",
  })
  @ApiData(AdminDeveloperAppDto)
  updateDeveloperApp(
    @CurrentUser() user: CurrentSessionUser,
    @Param('apiId') apiId: string,
    @Body() body: AdminDeveloperAppStatusDto,
    @Req() request: FastifyRequest,
  ): Promise<AdminDeveloperAppDto> {
    return this.developerApps.setStatus(actorOf(user, request), apiId, body.status);
  }

  @Get('audit')
  @Access({ caller: 'user', scope: 'admin', permission: 'audit.read' })
  @ApiOperation({ summary: 'The audit log, newest first; condition: action, actor, targetType, target, since, until' })
  async auditLog(@Query() query: ListQueryDto): Promise<unknown[]> {
    const entries = await this.audit.list(query.condition, query);
    return entries.map((entry) => ({ ...entry, id: entry.id.toString() }));
  }
}
