import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentSessionUser, CurrentUser } from '../auth/access.decorators';
import { AuditService } from '../audit/audit.service';
import { ListQueryDto } from '../core/http/paging.dto';
import { DeveloperAppsService } from '../developer/developer-apps.service';
import { AdminDeveloperAppDto, AdminDeveloperAppStatusDto } from '../developer/dto/developer-app.dto';
import { GroupView } from '../groups/group-view';
import { RequirePermission } from '../groups/permission.guard';
import { LedgerEntryDto } from '../points/dto/points.dto';
import { AppScope } from '../signing/signed.decorator';
import { AdminAppView, AdminCatalogueService } from './admin-catalogue.service';
import { AdminUsersService, AdminUserView } from './admin-users.service';
import { AdjustmentDto, AppSettingsDto, CreateAppDto, CreateGroupDto, GroupChangesDto, UpdateUserDto } from './dto/admin.dto';

const actorOf = (user: CurrentSessionUser, request: FastifyRequest) => ({ id: user.id, ip: request.ip });

@ApiTags('admin')
@AppScope('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly catalogue: AdminCatalogueService,
    private readonly developerApps: DeveloperAppsService,
    private readonly audit: AuditService,
  ) {}

  @Get('users')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: 'Users, newest first; condition: status, group, q, since, until' })
  listUsers(@Query() query: ListQueryDto): Promise<AdminUserView[]> {
    return this.users.list(query.condition, query);
  }

  @Patch('users/:uuid')
  @RequirePermission('user.manage')
  @ApiOperation({ summary: "Change a user's status (a ban ends their sessions at once) or group" })
  updateUser(@CurrentUser() user: CurrentSessionUser, @Param('uuid') uuid: string, @Body() body: UpdateUserDto, @Req() request: FastifyRequest): Promise<AdminUserView> {
    return this.users.update(user, uuid, body, request.ip);
  }

  @Post('users/:uuid/points')
  @HttpCode(200)
  @RequirePermission('points.manage')
  @ApiOperation({ summary: "Adjust a user's points through the ledger" })
  adjustPoints(@CurrentUser() user: CurrentSessionUser, @Param('uuid') uuid: string, @Body() body: AdjustmentDto, @Req() request: FastifyRequest): Promise<LedgerEntryDto> {
    return this.users.adjust('points', user, uuid, body, request.ip);
  }

  @Post('users/:uuid/balance')
  @HttpCode(200)
  @RequirePermission('points.manage')
  @ApiOperation({ summary: "Adjust a user's balance (cents) through the ledger" })
  adjustBalance(@CurrentUser() user: CurrentSessionUser, @Param('uuid') uuid: string, @Body() body: AdjustmentDto, @Req() request: FastifyRequest): Promise<LedgerEntryDto> {
    return this.users.adjust('balance', user, uuid, body, request.ip);
  }

  @Get('groups')
  @RequirePermission('group.manage')
  @ApiOperation({ summary: 'Groups by rank' })
  listGroups(): Promise<GroupView[]> {
    return this.catalogue.listGroups();
  }

  @Post('groups')
  @RequirePermission('group.manage')
  @ApiOperation({ summary: 'Create a group' })
  createGroup(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateGroupDto, @Req() request: FastifyRequest): Promise<GroupView> {
    return this.catalogue.createGroup(actorOf(user, request), body);
  }

  @Patch('groups/:name')
  @RequirePermission('group.manage')
  @ApiOperation({ summary: "Change a group's rank, permissions or default mark" })
  updateGroup(@CurrentUser() user: CurrentSessionUser, @Param('name') name: string, @Body() body: GroupChangesDto, @Req() request: FastifyRequest): Promise<GroupView> {
    return this.catalogue.updateGroup(actorOf(user, request), name, body);
  }

  @Get('apps')
  @RequirePermission('app.manage')
  @ApiOperation({ summary: 'First-party apps (never their keys)' })
  listApps(): Promise<AdminAppView[]> {
    return this.catalogue.listApps();
  }

  @Post('apps')
  @RequirePermission('app.manage')
  @ApiOperation({ summary: 'Register an app; its key is shown in this answer only' })
  createApp(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateAppDto, @Req() request: FastifyRequest): Promise<{ appId: string; appKey: string }> {
    return this.catalogue.createApp(actorOf(user, request), body);
  }

  @Patch('apps/:appId')
  @RequirePermission('app.manage')
  @ApiOperation({ summary: "Change an app's name, scopes, allowed domains or status (ENABLED, DISABLED, CLOSED)" })
  updateApp(@CurrentUser() user: CurrentSessionUser, @Param('appId') appId: string, @Body() body: AppSettingsDto, @Req() request: FastifyRequest): Promise<AdminAppView> {
    return this.catalogue.updateApp(actorOf(user, request), appId, body);
  }

  @Post('apps/:appId/key')
  @HttpCode(200)
  @RequirePermission('app.manage')
  @ApiOperation({ summary: 'Rotate the key: the new one is shown once; the old one works for the grace period' })
  rotateKey(@CurrentUser() user: CurrentSessionUser, @Param('appId') appId: string, @Req() request: FastifyRequest): Promise<{ appId: string; appKey: string; previousKeyExpiresAt: Date | null }> {
    return this.catalogue.rotateKey(actorOf(user, request), appId);
  }

  @Get('developer-apps')
  @RequirePermission('app.manage')
  @ApiOperation({ summary: "Developers' apps, newest first (never their keys); condition: status, owner (uuid), q (in the name)" })
  listDeveloperApps(@Query() query: ListQueryDto): Promise<AdminDeveloperAppDto[]> {
    return this.developerApps.listAll(query.condition, query);
  }

  @Patch('developer-apps/:apiId')
  @RequirePermission('app.manage')
  @ApiOperation({ summary: "Close a developer app's API (CLOSED) or reopen it (ENABLED, DISABLED); audited" })
  updateDeveloperApp(@CurrentUser() user: CurrentSessionUser, @Param('apiId') apiId: string, @Body() body: AdminDeveloperAppStatusDto, @Req() request: FastifyRequest): Promise<AdminDeveloperAppDto> {
    return this.developerApps.setStatus(user, apiId, body.status, request.ip);
  }

  @Get('audit')
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'The audit log, newest first; condition: action, actor, targetType, target, since, until' })
  async auditLog(@Query() query: ListQueryDto): Promise<unknown[]> {
    const entries = await this.audit.list(query.condition, query);
    return entries.map((entry) => ({ ...entry, id: entry.id.toString() }));
  }
}
