import { Injectable } from '@nestjs/common';

import { AuditService, changed } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { AppConfig } from '../core/config/app-config';
import { SecretCipher } from '../core/crypto/secret-cipher';
import { newSigningKey, randomHex } from '../core/crypto/tokens';
import { likeEscaped } from '../core/database/like-pattern';
import { PrismaService } from '../core/database/prisma.service';
import { ReplicaReads } from '../core/database/replica-reads';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { AppStatus, DeveloperApp, LedgerKind, Prisma } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { Actor, assertBelow } from '../groups/rank-rules';
import { LedgerService } from '../points/ledger.service';
import { normaliseAllowedOrigins } from '../signing/allowed-origins';
import { OpenAppsService } from '../signing/open-apps.service';
import { developerKeySeal } from '../signing/sealed-keys.service';
import { lockUser } from '../users/user-lock';
import { developerAppsHeld, lockDeveloperApp } from './developer.sql';
import {
  AdminDeveloperAppDto,
  adminDeveloperAppDto,
  BoundDeveloperAppDto,
  DeveloperAppDto,
  developerAppDto,
  IssuedDeveloperAppDto,
  UpdateDeveloperAppDto,
} from './dto/developer-app.dto';
import { LibrariesService } from './libraries.service';

type Tx = Prisma.TransactionClient;

const DAY_MS = 24 * 3600 * 1000;

/** `dk` and 20 hex characters: public, URL-safe, 80 random bits. */
const newApiId = (): string => `dk${randomHex(10)}`;

const OWNER_CONDITION = { status: read.oneOf(...Object.values(AppStatus)) };
const ADMIN_CONDITION = { ...OWNER_CONDITION, owner: read.uuid, q: read.text(80) };

/**
 * Developer apps: created and renewed for balance, within a total and a monthly quota, renamed,
 * enabled or disabled by their owner, closed and reopened by administrators. Every write that
 * a concurrent request could invalidate runs in one transaction behind a row lock: the owner's
 * user row for creation (quotas), the app's row for everything else (status, expiry, key).
 */
@Injectable()
export class DeveloperAppsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly cipher: SecretCipher,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly groups: GroupsService,
    private readonly openApps: OpenAppsService,
    private readonly libraries: LibrariesService,
    private readonly replica: ReplicaReads,
  ) {}

  /** 1060 / 1061 past a quota, 1059 when the balance cannot pay; the key is in this answer only. */
  async create(owner: CurrentSessionUser, name: string, ip: string): Promise<IssuedDeveloperAppDto> {
    const apiKey = newSigningKey();
    const now = new Date();
    const app = await this.prisma.$transaction(async (tx) => {
      // Parallel creations by one developer queue here, so each counts the apps the others made.
      await lockUser(tx, owner.id);
      await this.assertQuotas(tx, owner.id, now);
      const apiId = newApiId();
      await this.charge(tx, owner, `developer app "${name}" (${apiId})`);
      const created = await tx.developerApp.create({
        data: {
          apiId,
          ownerId: owner.id,
          name,
          keyCiphertext: this.cipher.seal(apiKey, developerKeySeal(apiId, 1)),
          keyVersion: 1,
          userCap: this.config.DEVELOPER_APP_USER_CAP,
          expiresAt: new Date(now.getTime() + this.config.DEVELOPER_APP_DAYS * DAY_MS),
          createdAt: now,
        },
      });
      await this.record(tx, owner.id, ip, 'developer-app.create', apiId, {
        name,
        priceCents: this.config.DEVELOPER_APP_PRICE_CENTS,
        expiresAt: created.expiresAt.toISOString(),
      });
      return created;
    });
    return { ...developerAppDto(app), apiKey };
  }

  /** The owner's apps, newest first; `condition`: status (1045 otherwise). */
  async list(ownerId: string, condition: string | undefined, paging: Page): Promise<DeveloperAppDto[]> {
    const filter = parseCondition(condition, OWNER_CONDITION);
    const apps = await this.prisma.developerApp.findMany({
      where: { ownerId, status: filter.status },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      ...skipTake(paging),
    });
    return apps.map(developerAppDto);
  }

  /** Rename, enable or disable, audited; 1011 when nothing is asked, 1067 once an administrator closed it. */
  async update(owner: CurrentSessionUser, apiId: string, changes: UpdateDeveloperAppDto, ip: string): Promise<DeveloperAppDto> {
    // Optional fields may arrive as null: that asks for no change.
    const name = changes.name ?? undefined;
    const status = changes.status ?? undefined;
    const allowedDomains = changes.allowedDomains ? normaliseAllowedOrigins(changes.allowedDomains) : undefined;
    if (name === undefined && status === undefined && allowedDomains === undefined)
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'name, status or allowedDomains is required');
    const app = await this.changeOwnApp(owner.id, apiId, async (tx, locked) => {
      const updated = await tx.developerApp.update({ where: { id: locked.id }, data: { name, status, allowedDomains } });
      await this.record(tx, owner.id, ip, 'developer-app.update', apiId, {
        ...changed('name', locked.name, updated.name),
        ...changed('status', locked.status, updated.status),
        ...changed('allowedDomains', locked.allowedDomains, updated.allowedDomains),
      });
      return updated;
    });
    return developerAppDto(app);
  }

  /**
   * A new key at once; the old one keeps signing for APP_KEY_ROTATION_GRACE_SECONDS, then answers
   * 1064 (it is kept, sealed, to tell a retired key from a wrong signature) until the next rotation.
   */
  async rotateKey(owner: CurrentSessionUser, apiId: string, ip: string): Promise<IssuedDeveloperAppDto> {
    const apiKey = newSigningKey();
    const graceMs = this.config.APP_KEY_ROTATION_GRACE_SECONDS * 1000;
    const app = await this.changeOwnApp(owner.id, apiId, async (tx, locked) => {
      const keyVersion = locked.keyVersion + 1;
      const rotated = await tx.developerApp.update({
        where: { id: locked.id },
        data: {
          keyCiphertext: this.cipher.seal(apiKey, developerKeySeal(apiId, keyVersion)),
          keyVersion,
          // Moved as it is: it stays sealed for its own version, keyVersion - 1.
          previousKeyCiphertext: locked.keyCiphertext,
          previousKeyExpiresAt: new Date(Date.now() + graceMs),
        },
      });
      await this.record(tx, owner.id, ip, 'developer-app.rotate-key', apiId, {
        previousKeyExpiresAt: rotated.previousKeyExpiresAt?.toISOString() ?? null,
      });
      return rotated;
    });
    return { ...developerAppDto(app), apiKey, previousKeyExpiresAt: app.previousKeyExpiresAt };
  }

  /**
   * Binds the owner's app to one of the owner's libraries (1071 unknown, not theirs or deleted); the
   * library it leaves keeps its end users. Audited; every process drops its copy of the app.
   */
  async bindLibrary(owner: CurrentSessionUser, apiId: string, spanId: string, ip: string): Promise<BoundDeveloperAppDto> {
    const app = await this.changeOwnApp(owner.id, apiId, async (tx, locked) => {
      const library = await this.libraries.lockLive(tx, owner.id, spanId);
      const from = locked.libraryId === null ? null : await tx.userLibrary.findUnique({ where: { id: locked.libraryId } });
      const bound = await tx.developerApp.update({ where: { id: locked.id }, data: { libraryId: library.id } });
      await this.record(tx, owner.id, ip, 'developer-app.bind-library', apiId, { library: { from: from?.spanId ?? null, to: spanId } });
      return bound;
    });
    return { ...developerAppDto(app), spanId };
  }

  /** Pays the price again (1059 when short) for DEVELOPER_APP_DAYS more, counted from the expiry or from now if past; audited. */
  async renew(owner: CurrentSessionUser, apiId: string, ip: string): Promise<DeveloperAppDto> {
    const app = await this.changeOwnApp(owner.id, apiId, async (tx, locked) => {
      await this.charge(tx, owner, `renewal of developer app "${locked.name}" (${apiId})`);
      const from = Math.max(Date.now(), locked.expiresAt.getTime());
      const renewed = await tx.developerApp.update({
        where: { id: locked.id },
        data: { expiresAt: new Date(from + this.config.DEVELOPER_APP_DAYS * DAY_MS) },
      });
      await this.record(tx, owner.id, ip, 'developer-app.renew', apiId, {
        priceCents: this.config.DEVELOPER_APP_PRICE_CENTS,
        ...changed('expiresAt', locked.expiresAt.toISOString(), renewed.expiresAt.toISOString()),
      });
      return renewed;
    });
    return developerAppDto(app);
  }

  /** Every developer's apps, newest first, read on the replica; `condition`: status, owner (uuid), q (in the name); 1045 otherwise. */
  async listAll(condition: string | undefined, paging: Page): Promise<AdminDeveloperAppDto[]> {
    const filter = parseCondition(condition, ADMIN_CONDITION);
    const apps = await this.replica.prisma.developerApp.findMany({
      where: {
        status: filter.status,
        ownerId: filter.owner,
        name: filter.q ? { contains: likeEscaped(filter.q), mode: 'insensitive' } : undefined,
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      ...skipTake(paging),
    });
    return apps.map(adminDeveloperAppDto);
  }

  /**
   * An administrator closes (CLOSED) or reopens (ENABLED, DISABLED) the app of an owner who ranks
   * below them (1054), as they would act on the owner; audited.
   */
  async setStatus(actor: Actor, apiId: string, status: AppStatus): Promise<AdminDeveloperAppDto> {
    const app = await this.prisma.$transaction(async (tx) => {
      const locked = await this.lockApp(tx, apiId);
      assertBelow(await this.groups.byId(actor.groupId), await this.groups.rankOfUser(locked.ownerId, tx), "the app's owner");
      const updated = await tx.developerApp.update({ where: { id: locked.id }, data: { status } });
      await this.record(tx, actor.id, actor.ip, 'developer-app.update', apiId, { status: { from: locked.status, to: status } });
      return updated;
    });
    await this.openApps.forget(apiId);
    return adminDeveloperAppDto(app);
  }

  /** Runs `work` on the owner's app, locked, unless an administrator closed it (1067); then every process drops its copy. */
  private async changeOwnApp(
    ownerId: string,
    apiId: string,
    work: (tx: Tx, app: DeveloperApp) => Promise<DeveloperApp>,
  ): Promise<DeveloperApp> {
    const changedApp = await this.prisma.$transaction(async (tx) => {
      const app = await this.lockApp(tx, apiId, ownerId);
      if (app.status === AppStatus.CLOSED) throw new DomainError(ErrorCode.API_CLOSED, 'an administrator closed this app');
      return work(tx, app);
    });
    await this.openApps.forget(apiId);
    return changedApp;
  }

  /**
   * The app, its row locked to the end of the transaction; 1062 when unknown or, given an owner,
   * not theirs (one answer for both, so nobody learns which api ids exist).
   */
  private async lockApp(tx: Tx, apiId: string, ownerId?: string): Promise<DeveloperApp> {
    const id = await lockDeveloperApp(tx, apiId, ownerId);
    if (id === undefined) throw new DomainError(ErrorCode.API_ID_UNKNOWN, 'no such developer app');
    return tx.developerApp.findUniqueOrThrow({ where: { id } });
  }

  /** Total: every app the owner has, closed ones included. Monthly: those created since the month began in TZ_CHECKIN. */
  private async assertQuotas(tx: Tx, ownerId: string, now: Date): Promise<void> {
    const { DEVELOPER_APP_QUOTA_TOTAL: total, DEVELOPER_APP_QUOTA_MONTHLY: monthly, TZ_CHECKIN: zone } = this.config;
    const held = await developerAppsHeld(tx, ownerId, now, zone);
    if (total > 0 && held.total >= total) throw new DomainError(ErrorCode.APP_QUOTA_REACHED, `at most ${total} developer apps`);
    if (monthly > 0 && held.this_month >= monthly) {
      throw new DomainError(ErrorCode.APP_MONTHLY_QUOTA_REACHED, `at most ${monthly} new developer apps a month`);
    }
  }

  /** Takes the price from the balance ledger (1059 when short); a free app moves nothing. */
  private async charge(tx: Tx, owner: CurrentSessionUser, reason: string): Promise<void> {
    const price = this.config.DEVELOPER_APP_PRICE_CENTS;
    if (price === 0) return;
    await this.ledger.apply(
      'balance',
      { userId: owner.id, appId: owner.appId, delta: -BigInt(price), kind: LedgerKind.DEVELOPER, reason },
      tx,
    );
  }

  private record(tx: Tx, actorId: string, ip: string, action: string, apiId: string, details: Prisma.InputJsonObject): Promise<void> {
    return this.audit.record({ action, actorId, targetType: 'developer-app', targetId: apiId, ip, details }, tx);
  }
}
