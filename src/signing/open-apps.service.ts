import { Injectable, Logger } from '@nestjs/common';

import { InvalidationBus } from '../core/cache/invalidation-bus';
import { LocalCache } from '../core/cache/local-cache';
import { SecretCipher } from '../core/crypto/secret-cipher';
import { PrismaService } from '../core/database/prisma.service';
import { Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { AppStatus } from '../generated/prisma/client';
import { AllowedOrigin, compileAllowedOrigins } from './allowed-origins';
import { KeyGrace, keyGraceView } from './key-grace';
import { developerKeySeal } from './sealed-keys.service';
import type { OpenLibrary } from './signed-request';
import { apiIdsOfLibrary, apiIdsOfOwner, openAppByApiId, OpenAppRow } from './signing.sql';

/** A developer app as the open API's signature check and every open route need it. */
export interface OpenApp {
  id: number;
  apiId: string;
  name: string;
  status: AppStatus;
  userCap: number;
  expiresAt: number;
  /** False when the app's key does not open, or its owner's account is not active: 1063. */
  usable: boolean;
  /** The current key, then the previous one while its grace period lasts. */
  keys: string[];
  /** The previous key once its grace period is over: a signature made with it is 1064, not 1068. */
  retiredKey?: string;
  allowedOrigins: AllowedOrigin[];
  library: OpenLibrary | null;
}

/**
 * Developer apps as the open API sees them (`X-Api-Id`), read from the developer's tables and kept
 * per process like first-party apps; every change of an app or of its library drops the copies
 * everywhere (`forget`, `forgetLibrary`). Expiries are kept as instants and compared at each
 * request, so an app or library expires on time whatever the cache holds.
 */
@Injectable()
export class OpenAppsService {
  private readonly logger = new Logger(OpenAppsService.name);
  private readonly cache: LocalCache<KeyGrace<OpenApp>>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly cipher: SecretCipher,
    bus: InvalidationBus,
  ) {
    this.cache = new LocalCache(bus, 'developer-app', 60_000);
  }

  /** The app of `apiId` with its usable keys; undefined when there is none (1062). */
  async find(apiId: string): Promise<OpenApp | undefined> {
    const grace = await this.cache.get(apiId, () => this.load(apiId));
    return grace && keyGraceView(grace);
  }

  /** Drops every process's copy of the app (after a change of it has committed). */
  forget(apiId: string): Promise<void> {
    return this.cache.invalidate(apiId);
  }

  /** Drops every process's copy of the apps bound to the library (after a change of it has committed). */
  async forgetLibrary(libraryId: number, db: Db = this.prisma): Promise<void> {
    await Promise.all((await apiIdsOfLibrary(db, libraryId)).map((apiId) => this.forget(apiId)));
  }

  /** Drops every process's copy of the owner's apps (after a change of the owner's status has committed: 1063 follows it). */
  async forgetOwner(ownerId: string): Promise<void> {
    await Promise.all((await apiIdsOfOwner(this.prisma, ownerId)).map((apiId) => this.forget(apiId)));
  }

  private async load(apiId: string): Promise<KeyGrace<OpenApp> | undefined> {
    const row = await openAppByApiId(this.prisma, apiId);
    if (!row) return undefined;
    const key = this.openKey(row, row.key_ciphertext, row.key_version);
    const previousKey = row.previous_key_ciphertext ? this.openKey(row, row.previous_key_ciphertext, row.key_version - 1) : undefined;
    const app: Omit<OpenApp, 'keys' | 'retiredKey'> = {
      id: row.id,
      apiId: row.api_id,
      name: row.name,
      status: row.status,
      userCap: row.user_cap,
      expiresAt: row.expires_at.getTime(),
      usable: key !== undefined && row.owner_active,
      allowedOrigins: compileAllowedOrigins(row.allowed_domains ?? []),
      library: libraryOf(row),
    };
    const keys = key === undefined ? [] : [key];
    const after: OpenApp = { ...app, keys };
    const graceEnds = previousKey ? row.previous_key_expires_at : null;
    if (!graceEnds) return { during: after, after, endsAt: 0 };
    return {
      during: { ...app, keys: [...keys, previousKey as string] },
      after: { ...after, retiredKey: previousKey },
      endsAt: graceEnds.getTime(),
    };
  }

  /** A key that does not open (sealed under another APP_SECRET_KEY, or for another row) leaves the app unusable. */
  private openKey(row: OpenAppRow, sealed: Uint8Array, version: number): string | undefined {
    try {
      return this.cipher.open(sealed, developerKeySeal(row.api_id, version));
    } catch (error) {
      this.logger.error(`the key of developer app ${row.api_id} (version ${version}) does not open: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function libraryOf(row: OpenAppRow): OpenLibrary | null {
  if (row.library_id === null || row.library_expires_at === null) return null;
  return {
    id: row.library_id,
    expiresAt: row.library_expires_at.getTime(),
    deleted: row.library_deleted === true,
    requireEmailVerification: row.library_requires_verification === true,
  };
}

/** 1063 unusable (key, owner), 1067 closed by an administrator, 1065 disabled by its owner or expired. */
export function checkOpenAppStatus(app: OpenApp): void {
  if (!app.usable) throw new DomainError(ErrorCode.API_ID_ABNORMAL, 'this app cannot be used now');
  if (app.status === AppStatus.CLOSED) throw new DomainError(ErrorCode.API_CLOSED);
  if (app.status === AppStatus.DISABLED) throw new DomainError(ErrorCode.API_APP_EXPIRED, 'app disabled by its owner');
  if (app.expiresAt <= Date.now()) throw new DomainError(ErrorCode.API_APP_EXPIRED, 'app expired');
}
