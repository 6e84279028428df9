import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { App, Group } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { AppsService, DEFAULT_APP_SCOPES } from '../signing/apps.service';
import { AppSettingsDto, CreateAppDto, CreateGroupDto, GroupChangesDto } from './dto/admin.dto';

export interface AdminAppView {
  appId: string;
  name: string;
  status: string;
  scopes: string[];
  allowedDomains: string[];
  /** False for a public client such as `web`, which identifies itself without signing. */
  hasKey: boolean;
  previousKeyExpiresAt: Date | null;
  createdAt: Date;
}

/** What an administrator sees of an app: everything but its keys. */
const appView = (app: App): AdminAppView => ({
  appId: app.appId,
  name: app.name,
  status: app.status,
  scopes: app.scopes,
  allowedDomains: app.allowedDomains,
  hasKey: app.keyCiphertext !== null,
  previousKeyExpiresAt: app.previousKeyExpiresAt,
  createdAt: app.createdAt,
});

interface Actor {
  id: string;
  ip: string;
}

/** Administrators' edits of groups and first-party apps, each written to the audit log (never a key). */
@Injectable()
export class AdminCatalogueService {
  constructor(
    private readonly groups: GroupsService,
    private readonly apps: AppsService,
    private readonly audit: AuditService,
  ) {}

  listGroups(): Promise<Group[]> {
    return this.groups.list();
  }

  async createGroup(actor: Actor, input: CreateGroupDto): Promise<Group> {
    const group = await this.groups.create(input);
    await this.record(actor, 'group.create', 'group', group.name, { rank: group.rank, permissions: group.permissions });
    return group;
  }

  async updateGroup(actor: Actor, name: string, changes: GroupChangesDto): Promise<Group> {
    const group = await this.groups.update(name, changes);
    await this.record(actor, 'group.update', 'group', name, { ...changes });
    return group;
  }

  async listApps(): Promise<AdminAppView[]> {
    return (await this.apps.list()).map(appView);
  }

  async createApp(actor: Actor, input: CreateAppDto): Promise<{ appId: string; appKey: string }> {
    const issued = await this.apps.create(input);
    await this.record(actor, 'app.create', 'app', issued.appId, { name: input.name, scopes: input.scopes ?? DEFAULT_APP_SCOPES });
    return issued;
  }

  async updateApp(actor: Actor, appId: string, settings: AppSettingsDto): Promise<AdminAppView> {
    const app = await this.apps.update(appId, settings);
    await this.record(actor, 'app.update', 'app', appId, { ...settings });
    return appView(app);
  }

  async rotateKey(actor: Actor, appId: string): Promise<{ appId: string; appKey: string; previousKeyExpiresAt: Date | null }> {
    const rotated = await this.apps.rotateKey(appId);
    await this.record(actor, 'app.rotate-key', 'app', appId, { previousKeyExpiresAt: rotated.previousKeyExpiresAt?.toISOString() ?? null });
    return rotated;
  }

  private record(actor: Actor, action: string, targetType: string, targetId: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record({ action, actorId: actor.id, targetType, targetId, ip: actor.ip, details: JSON.parse(JSON.stringify(details)) });
  }
}
