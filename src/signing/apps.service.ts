import { Injectable, Logger } from '@nestjs/common';

import { InvalidationBus } from '../core/cache/invalidation-bus';
import { LocalCache } from '../core/cache/local-cache';
import { AppConfig } from '../core/config/app-config';
import { SecretCipher } from '../core/crypto/secret-cipher';
import { newSigningKey, randomHex } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { App, AppStatus, Prisma } from '../generated/prisma/client';
import { AllowedOrigin, compileAllowedOrigins, normaliseAllowedOrigins } from './allowed-origins';
import { KeyGrace, keyGraceView } from './key-grace';
import { appKeySeal } from './sealed-keys.service';
import { lockApp } from './signing.sql';

/** What a signature check needs to know of an app. */
export interface SigningApp {
  id: number;
  appId: string;
  name: string;
  status: AppStatus;
  scopes: string[];
  allowedOrigins: AllowedOrigin[];
  /** The current key first, then the previous one while its grace period lasts. */
  keys: string[];
}

/** A keyless app: identifies itself by X-App-Id alone and cannot sign. */
export type PublicApp = Omit<SigningApp, 'keys'>;

/**
 * What is cached of an app: whether it has a key (none for a public client such as the seeded
 * `web` app, which cannot keep a secret) and, when that key opens, the app with its keys during
 * the previous key's grace period and after it, so the grace period ends on time.
 */
interface CachedApp {
  app: PublicApp;
  hasKey: boolean;
  signing?: KeyGrace<SigningApp>;
}

export interface IssuedAppKey {
  appId: string;
  appKey: string;
}

export interface AppSettings {
  name?: string;
  scopes?: string[];
  allowedDomains?: string[];
  status?: AppStatus;
}

/**
 * Runs in the transaction of an app change, after the write and before the commit: it may refuse
 * the change (by throwing, which rolls it back) or record it. `before` is null for a new app.
 */
export type AppChangeHook = (tx: Prisma.TransactionClient, before: App | null, after: App) => Promise<void>;

/** The app the migrations seed: the public client of the platform's own pages and of browsers. */
export const WEB_APP_ID = 'web';

const newAppId = (): string => `app_${randomHex(8)}`;

/**
 * What an app created without scopes may call: GET /apps/me, to check its signing, and nothing
 * more. Every other endpoint group is granted by name (`*` for all, admin included, only when
 * asked for).
 */
export const DEFAULT_APP_SCOPES = ['app'];

/** The settings as stored: allowed domains as canonical origins (1043 on a bad one). */
function storedSettings<T extends AppSettings>(settings: T): T {
  return settings.allowedDomains ? { ...settings, allowedDomains: normaliseAllowedOrigins(settings.allowedDomains) } : settings;
}

/** The registry of first-party apps and their keys (stored sealed, shown once). */
@Injectable()
export class AppsService {
  private readonly logger = new Logger(AppsService.name);
  /** Every signed request needs its app: kept per process, dropped everywhere when it changes. */
  private readonly signingApps: LocalCache<CachedApp>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly cipher: SecretCipher,
    private readonly config: AppConfig,
    bus: InvalidationBus,
  ) {
    this.signingApps = new LocalCache(bus, 'app', 60_000);
  }

  /** `createdById`: the administrator registering it through the API (none from the command line). */
  async create(settings: AppSettings & { name: string; createdById?: string }, within?: AppChangeHook): Promise<IssuedAppKey> {
    const { name, scopes, allowedDomains, status } = storedSettings(settings);
    const appId = newAppId();
    const appKey = newSigningKey();
    await this.prisma.$transaction(async (tx) => {
      const created = await tx.app.create({
        data: {
          appId,
          name,
          keyCiphertext: this.cipher.seal(appKey, appKeySeal(appId, 1)),
          keyVersion: 1,
          scopes: scopes ?? DEFAULT_APP_SCOPES,
          allowedDomains: allowedDomains ?? [],
          status: status ?? AppStatus.ENABLED,
          createdById: settings.createdById,
        },
      });
      await within?.(tx, null, created);
    });
    return { appId, appKey };
  }

  /** What an app may know of itself; from the per-process copy every request has just used. */
  async describe(appId: string): Promise<{ appId: string; name: string; scopes: string[] }> {
    const app = (await this.cached(appId))?.app;
    if (!app) throw new DomainError(ErrorCode.APP_KEY_MISMATCH, 'no such app');
    return { appId: app.appId, name: app.name, scopes: app.scopes };
  }

  list(): Promise<App[]> {
    return this.prisma.app.findMany({ orderBy: { id: 'asc' } });
  }

  /**
   * A public client (no key: the seeded `web` app that browsers, and administrators, use) cannot
   * be disabled or closed (1043): that would cut off every browser, with no way back through it.
   */
  async update(appId: string, settings: AppSettings, within?: AppChangeHook): Promise<App> {
    const stored = storedSettings(settings);
    return this.change(
      appId,
      (tx, app) => {
        if (app.keyCiphertext === null && stored.status !== undefined && stored.status !== AppStatus.ENABLED) {
          throw new DomainError(ErrorCode.CHOICE_INVALID, 'the public app serves every browser: it cannot be disabled or closed');
        }
        return tx.app.update({ where: { id: app.id }, data: stored });
      },
      within,
    );
  }

  /**
   * A new key at once; the old one keeps working for the grace period, then stops. A public
   * client stays keyless (1043): a key would make every browser's unsigned request fail. An app's
   * kind is fixed when it is registered; a keyed client is registered as a new app. Rotations of
   * one app queue on its row, so each seals its key for the version it writes.
   */
  async rotateKey(appId: string, within?: AppChangeHook): Promise<IssuedAppKey & { previousKeyExpiresAt: Date | null }> {
    const appKey = newSigningKey();
    const graceMs = this.config.APP_KEY_ROTATION_GRACE_SECONDS * 1000;
    const updated = await this.change(
      appId,
      (tx, app) => {
        if (app.keyCiphertext === null)
          throw new DomainError(ErrorCode.CHOICE_INVALID, 'the public app has no key and keeps none: register a keyed app instead');
        const keepPrevious = graceMs > 0;
        const keyVersion = app.keyVersion + 1;
        return tx.app.update({
          where: { id: app.id },
          data: {
            keyCiphertext: this.cipher.seal(appKey, appKeySeal(appId, keyVersion)),
            keyVersion,
            // Moved as it is: it stays sealed for its own version, keyVersion - 1.
            previousKeyCiphertext: keepPrevious ? app.keyCiphertext : null,
            previousKeyExpiresAt: keepPrevious ? new Date(Date.now() + graceMs) : null,
          },
        });
      },
      within,
    );
    return { appId, appKey, previousKeyExpiresAt: updated.previousKeyExpiresAt };
  }

  /**
   * The origins a browser may call the app from, or a QQ flow return to: its allowed domains, and
   * for the seeded `web` app PUBLIC_URL's origin too (the platform's own address, where its pages
   * and a first front end live), whatever its domains say.
   */
  allowedDomainsOf(app: Pick<App, 'appId' | 'allowedDomains'>): string[] {
    if (app.appId !== WEB_APP_ID) return app.allowedDomains;
    return [...new Set([new URL(this.config.PUBLIC_URL).origin, ...app.allowedDomains])];
  }

  /** The app behind X-App-Id with its usable keys; undefined when unknown or keyless. */
  async forSignature(appId: string): Promise<SigningApp | undefined> {
    const signing = (await this.cached(appId))?.signing;
    return signing && keyGraceView(signing);
  }

  /** The keyless app behind X-App-Id; undefined when unknown or when the app has a key (it must sign). */
  async publicApp(appId: string): Promise<PublicApp | undefined> {
    const cached = await this.cached(appId);
    return cached && !cached.hasKey ? cached.app : undefined;
  }

  /** Whether X-App-Id names an app that must sign its requests. */
  async hasKey(appId: string): Promise<boolean> {
    return (await this.cached(appId))?.hasKey ?? false;
  }

  private cached(appId: string): Promise<CachedApp | undefined> {
    return this.signingApps.get(appId, () => this.load(appId));
  }

  private async load(appId: string): Promise<CachedApp | undefined> {
    const app = await this.prisma.app.findUnique({ where: { appId } });
    if (!app) return undefined;
    const key = app.keyCiphertext ? this.openKey(app, app.keyCiphertext, app.keyVersion) : undefined;
    const previousKey = app.previousKeyCiphertext && this.openKey(app, app.previousKeyCiphertext, app.keyVersion - 1);
    const cached: PublicApp = {
      id: app.id,
      appId: app.appId,
      name: app.name,
      status: app.status,
      scopes: app.scopes,
      allowedOrigins: compileAllowedOrigins(this.allowedDomainsOf(app)),
    };
    if (!key) return { app: cached, hasKey: app.keyCiphertext !== null };
    const after: SigningApp = { ...cached, keys: [key] };
    const graceEnds = previousKey ? app.previousKeyExpiresAt : null;
    const signing: KeyGrace<SigningApp> = graceEnds
      ? { during: { ...cached, keys: [key, previousKey as string] }, after, endsAt: graceEnds.getTime() }
      : { during: after, after, endsAt: 0 };
    return { app: cached, hasKey: true, signing };
  }

  /**
   * A key that does not open (sealed under another APP_SECRET_KEY, or for another row or version)
   * is no key: that app cannot sign. Readiness reports the first case (SealedKeys).
   */
  private openKey(app: App, sealed: Uint8Array, keyVersion: number): string {
    try {
      return this.cipher.open(sealed, appKeySeal(app.appId, keyVersion));
    } catch (error) {
      this.logger.error(`the key of app ${app.appId} (version ${keyVersion}) does not open: ${(error as Error).message}`);
      return '';
    }
  }

  /**
   * `work` on the app's row (1013 when unknown), locked from the read to the commit so parallel
   * changes (two rotations) each start from the other's result, then `within`; every process
   * drops its copy of the app once the change has committed.
   */
  private async change(
    appId: string,
    work: (tx: Prisma.TransactionClient, app: App) => Promise<App>,
    within?: AppChangeHook,
  ): Promise<App> {
    const app = await this.prisma.$transaction(async (tx) => {
      const id = await lockApp(tx, appId);
      if (id === undefined) throw new DomainError(ErrorCode.APP_KEY_MISMATCH, 'no such app');
      const before = await tx.app.findUniqueOrThrow({ where: { id } });
      const after = await work(tx, before);
      await within?.(tx, before, after);
      return after;
    });
    await this.signingApps.invalidate(appId);
    return app;
  }
}
