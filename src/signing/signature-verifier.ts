import { timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { ClientRequestLimit } from '../core/rate-limit/client-limit';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { AppStatus } from '../generated/prisma/client';
import { AllowedOrigin, originAllowed } from './allowed-origins';
import { AppsService, PublicApp, SigningApp } from './apps.service';
import { bodyDigestOf } from './body-digest';
import { NonceStore } from './nonce-store';
import { checkOpenAppStatus, OpenApp, OpenAppsService } from './open-apps.service';
import { NONCE_PATTERN, signature } from './sign';
import { CallerApp, CallerOpenApp, SignedRequest } from './signed-request';

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function required(request: SignedRequest, name: string): string {
  const value = header(request, name);
  if (value === undefined) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, `${name} header is required`);
  return value;
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a request claims in its signing headers, read and checked for form before the body is in. */
interface Claim {
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Whoever signs a request: a first-party app (`X-App-Id`) or a developer app (`X-Api-Id`). */
interface Signer {
  /** The keys that sign now. */
  keys: string[];
  /** A key that signed once and no longer does (a developer app's key rotated out past its grace). */
  retiredKey?: string;
}

/**
 * One kind of signer: the header that names it, where it is found, and the code of each failure.
 * Both kinds go through the same checks in the same order (the canonical string, the body's
 * digest, the nonce store, the per-app count); only the lookup and the codes differ.
 */
interface SignerKind<S extends Signer> {
  header: 'x-app-id' | 'x-api-id';
  find(publicId: string): Promise<S | undefined>;
  /** The id the request names the signer by. */
  publicId(signer: S): string;
  unknown: ErrorCode;
  /** Throws the signer's status failure (1063, 1065, 1067). */
  checkStatus(signer: S): void;
  badSignature: ErrorCode;
  /** Where the signer's nonces and request count are kept, apart from any other kind's. */
  space: string;
}

/**
 * Checks a signed request in a fixed order, each failure its own code: requests per IP (1075),
 * app and key (1013; the open API 1062, 1063), app status (1065 disabled or expired, 1067 closed),
 * clock skew (1012), signature (1014; the open API 1068, or 1064 for a key rotated out), nonce
 * (1015), requests per app (1075), scope (10000, first-party apps), Origin/Referer (-1). The answer
 * never says which part of a signature was wrong. The signature covers the SHA-256 of the body's
 * exact bytes (see body-digest.ts); when the body is still arriving as the guard runs (a
 * multipart upload, read by its handler), scope and Origin are checked at once and the signature,
 * nonce and per-app count when the body ends (`request.bodyVerdict`, see verifiedParts).
 */
@Injectable()
export class SignatureVerifier {
  private readonly firstParty: SignerKind<SigningApp>;
  private readonly developer: SignerKind<OpenApp>;

  constructor(
    private readonly apps: AppsService,
    openApps: OpenAppsService,
    private readonly nonces: NonceStore,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly clientLimit: ClientRequestLimit,
  ) {
    this.firstParty = {
      header: 'x-app-id',
      find: (appId) => apps.forSignature(appId),
      publicId: (app) => app.appId,
      unknown: ErrorCode.APP_KEY_MISMATCH,
      checkStatus,
      badSignature: ErrorCode.SIGNATURE_MISMATCH,
      space: '',
    };
    this.developer = {
      header: 'x-api-id',
      find: (apiId) => openApps.find(apiId),
      publicId: (app) => app.apiId,
      unknown: ErrorCode.API_ID_UNKNOWN,
      checkStatus: checkOpenAppStatus,
      badSignature: ErrorCode.API_SIGNATURE_REJECTED,
      space: 'api:',
    };
  }

  /** The app that signed `request`, once every check holds; throws the first failure's code. */
  async verify(request: SignedRequest, scope: string): Promise<CallerApp> {
    const app = await this.checkSigned(request, this.firstParty);
    return admit(request, app, scope);
  }

  /**
   * The developer app that signed an open-API request with its api key (`X-Api-Id`), by the same
   * checks as a first-party request; developer apps have no scopes, their allowed origins hold.
   */
  async verifyOpen(request: SignedRequest): Promise<CallerOpenApp> {
    const app = await this.checkSigned(request, this.developer);
    checkOrigin(request, app.allowedOrigins);
    request.openApp = { id: app.id, apiId: app.apiId, name: app.name, userCap: app.userCap, library: app.library };
    return request.openApp;
  }

  private async checkSigned<S extends Signer>(request: SignedRequest, kind: SignerKind<S>): Promise<S> {
    await this.limitIp(request);
    const signer = await kind.find(required(request, kind.header));
    if (!signer) throw new DomainError(kind.unknown);
    kind.checkStatus(signer);

    const claim = {
      timestamp: this.checkTimestamp(required(request, 'x-timestamp')),
      nonce: required(request, 'x-nonce'),
      signature: required(request, 'x-signature'),
    };
    const body = bodyDigestOf(request.raw);
    if (body.value !== undefined) {
      await this.settle(request, kind, signer, claim, body.value);
    } else {
      request.bodyVerdict = body.done.then((digest) => this.settle(request, kind, signer, claim, digest));
      request.bodyVerdict.catch(() => undefined); // the handler may fail before it waits for the verdict
    }
    return signer;
  }

  /** Signature over the body's digest (1014 / 1068, 1064), then the nonce (1015) and the signer's count (1075). */
  private async settle<S extends Signer>(
    request: SignedRequest,
    kind: SignerKind<S>,
    signer: S,
    claim: Claim,
    bodyDigest: string,
  ): Promise<void> {
    this.checkSignature(request, kind, signer, claim, bodyDigest);
    const nonceWindow = this.config.SIGNATURE_MAX_SKEW_SECONDS * 2;
    if (!(await this.nonces.claim(`${kind.space}${kind.publicId(signer)}`, claim.nonce, nonceWindow, claim.timestamp))) {
      throw new DomainError(ErrorCode.NONCE_REUSED);
    }
    // Counted only once the signature holds, so forged requests cannot use up an app's quota.
    await this.limiter.consume(`${kind.space || 'app:'}${kind.publicId(signer)}`, {
      limiter: 'app',
      limit: this.config.RATE_LIMIT_PER_APP,
      windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS,
    });
  }

  /**
   * The app a request comes from: checked as signed when the app has a key or the request carries
   * a signature, else as a public (keyless) app.
   */
  async identify(request: SignedRequest, scope: string): Promise<CallerApp> {
    if (request.callerApp) return request.callerApp;
    const signed = header(request, 'x-signature') !== undefined || (await this.apps.hasKey(required(request, 'x-app-id')));
    return signed ? this.verify(request, scope) : this.identifyPublic(request, scope);
  }

  /**
   * The keyless (public) app named by X-App-Id: it cannot sign, so only its status, scopes and
   * allowed domains are checked. An app with a key must sign (see `verify`).
   */
  async identifyPublic(request: SignedRequest, scope: string): Promise<CallerApp> {
    await this.limitIp(request);
    const app = await this.apps.publicApp(required(request, 'x-app-id'));
    if (!app) throw new DomainError(ErrorCode.APP_KEY_MISMATCH);
    checkStatus(app);
    return admit(request, app, scope);
  }

  private limitIp(request: SignedRequest): Promise<void> {
    return this.clientLimit.count(request);
  }

  private checkTimestamp(value: string): number {
    const timestamp = /^\d{1,12}$/.test(value) ? Number(value) : NaN;
    const skew = Math.abs(Date.now() / 1000 - timestamp);
    if (!(skew <= this.config.SIGNATURE_MAX_SKEW_SECONDS)) throw new DomainError(ErrorCode.REQUEST_EXPIRED);
    return timestamp;
  }

  private checkSignature<S extends Signer>(request: SignedRequest, kind: SignerKind<S>, signer: S, claim: Claim, bodyDigest: string): void {
    const signed = { method: request.method, url: request.url, timestamp: claim.timestamp, nonce: claim.nonce, bodyDigest };
    const given = claim.signature.toLowerCase();
    const signedBy = (key: string): boolean => sameHex(signature(key, signed), given);
    if (NONCE_PATTERN.test(claim.nonce) && signer.keys.some(signedBy)) return;
    if (signer.retiredKey !== undefined && signedBy(signer.retiredKey)) {
      throw new DomainError(ErrorCode.API_KEY_MISMATCH, 'signed with a key that was rotated out');
    }
    throw new DomainError(kind.badSignature);
  }
}

function checkStatus(app: PublicApp): void {
  if (app.status === AppStatus.DISABLED) throw new DomainError(ErrorCode.API_APP_EXPIRED, 'app disabled');
  if (app.status === AppStatus.CLOSED) throw new DomainError(ErrorCode.API_CLOSED);
}

/** -1 when the request's Origin (or Referer) is not one of `allowed`; nothing when it sends neither. */
function checkOrigin(request: SignedRequest, allowed: AllowedOrigin[]): void {
  const source = header(request, 'origin') ?? header(request, 'referer');
  if (source !== undefined && !originAllowed(source, allowed)) throw new DomainError(ErrorCode.DOMAIN_FORBIDDEN);
}

/** Scope (10000) and Origin/Referer (-1), then the request is the app's. */
function admit(request: SignedRequest, app: PublicApp, scope: string): CallerApp {
  if (!app.scopes.includes('*') && !app.scopes.includes(scope)) {
    throw new DomainError(ErrorCode.SCOPE_DENIED, `scope ${scope} not granted`);
  }
  checkOrigin(request, app.allowedOrigins);
  request.callerApp = { id: app.id, appId: app.appId };
  return request.callerApp;
}
