import { Injectable } from '@nestjs/common';

import { AuditService, changed } from '../audit/audit.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { App, Prisma } from '../generated/prisma/client';
import { GroupView, groupView } from '../groups/group-view';
import { GroupsService } from '../groups/groups.service';
import { Actor, assertBelow } from '../groups/rank-rules';
import { AppsService } from '../signing/apps.service';
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
  /** The uuid of the administrator who registered it; null for the seeded app and command-line ones. */
  createdBy: string | null;
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
  createdBy: app.createdById,
  createdAt: app.createdAt,
});

/** An app's settings as its audit rows show them. */
const settingsOf = (app: App) => ({ name: app.name, scopes: app.scopes, allowedDomains: app.allowedDomains, status: app.status });

/** What an app change moved, as `app.update` audit rows hold it (the API's and `npm run app:update`'s). */
export function appSettingsChanges(before: App, after: App): Prisma.InputJsonObject {
  const [from, to] = [settingsOf(before), settingsOf(after)];
  return {
    ...changed('name', from.name, to.name),
    ...changed('scopes', from.scopes, to.scopes),
    ...changed('allowedDomains', from.allowedDomains, to.allowedDomains),
    ...changed('status', from.status, to.status),
  };
}

/**
 * Administrators' edits of groups and first-party apps, each audited in the transaction of the
 * change (never a key). An app is within an administrator's reach when they registered it or its
 * registrant ranks below them; an app nobody registered through the API (the seeded `web`, the
 * command line's) only from the highest rank (1054).
 */
@Injectable()
export class AdminCatalogueService {
  constructor(
    private readonly groups: GroupsService,
    private readonly apps: AppsService,
    private readonly audit: AuditService,
  ) {}

  async listGroups(): Promise<GroupView[]> {
    return (await this.groups.list()).map(groupView);
  }

  async createGroup(actor: Actor, input: CreateGroupDto): Promise<GroupView> {
    return groupView(await this.groups.create(actor, input));
  }

  async updateGroup(actor: Actor, name: string, changes: GroupChangesDto): Promise<GroupView> {
    return groupView(await this.groups.update(actor, name, changes));
  }

  removeGroup(actor: Actor, name: string): Promise<void> {
    return this.groups.remove(actor, name);
  }

  async listApps(): Promise<AdminAppView[]> {
    return (await this.apps.list()).map(appView);
  }

  createApp(actor: Actor, input: CreateAppDto): Promise<{ appId: string; appKey: string }> {
    const { name, scopes, allowedDomains, status } = input;
    return this.apps.create({ name, scopes, allowedDomains, status, createdById: actor.id }, (tx, _, app) =>
      this.record(tx, actor, 'app.create', app.appId, settingsOf(app)),
    );
  }

  async updateApp(actor: Actor, appId: string, settings: AppSettingsDto): Promise<AdminAppView> {
    const { name, scopes, allowedDomains, status } = settings;
    const app = await this.apps.update(appId, { name, scopes, allowedDomains, status }, async (tx, before, after) => {
      await this.assertWithinReach(tx, actor, after);
      await this.record(tx, actor, 'app.update', appId, appSettingsChanges(before!, after));
    });
    return appView(app);
  }

  rotateKey(actor: Actor, appId: string): Promise<{ appId: string; appKey: string; previousKeyExpiresAt: Date | null }> {
    return this.apps.rotateKey(appId, async (tx, _, app) => {
      await this.assertWithinReach(tx, actor, app);
      await this.record(tx, actor, 'app.rotate-key', appId, { previousKeyExpiresAt: app.previousKeyExpiresAt?.toISOString() ?? null });
    });
  }

  /** 1054 unless the actor registered the app, or its registrant ranks below them, or (nobody registered it) they hold the highest rank. */
  private async assertWithinReach(tx: Prisma.TransactionClient, actor: Actor, app: App): Promise<void> {
    if (app.createdById === actor.id) return;
    const own = await tx.group.findUniqueOrThrow({ where: { id: actor.groupId } });
    if (app.createdById)
      return assertBelow(own, await this.groups.rankOfUser(app.createdById, tx), `the administrator who registered app ${app.appId}`);
    if (own.rank < (await this.groups.highestRank(tx))) {
      throw new DomainError(
        ErrorCode.TARGET_PERMISSION_DENIED,
        `app ${app.appId} was not registered through the API: only the highest rank changes it`,
      );
    }
  }

  private record(
    tx: Prisma.TransactionClient,
    actor: Actor,
    action: string,
    appId: string,
    details: Prisma.InputJsonObject,
  ): Promise<void> {
    return this.audit.record({ action, actorId: actor.id, targetType: 'app', targetId: appId, ip: actor.ip, details }, tx);
  }
}
