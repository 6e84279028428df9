import { timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { ClientRequestLimit } from '../core/rate-limit/client-limit';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { AppStatus } from '../generated/prisma/client';
import { originAllowed } from './allowed-origins';
import { AppsService, PublicApp, SigningApp } from './apps.service';
import { bodyDigestOf } from './body-digest';
import { NonceStore } from './nonce-store';
import { NONCE_PATTERN, signature } from './sign';
import { CallerApp, SignedRequest } from './signed-request';

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

/**
 * Checks a signed request in a fixed order, each failure its own code: requests per IP (1075),
 * app and key (1013), app status (1065 disabled, 1067 closed), clock skew (1012), signature
 * (1014), nonce (1015), requests per app (1075), scope (10000), Origin/Referer (-1). The answer
 * never says which part of a signature was wrong. The signature covers the SHA-256 of the body's
 * exact bytes (see body-digest.ts); when the body is still arriving as the guard runs (a
 * multipart upload, read by its handler), scope and Origin are checked at once and the signature,
 * nonce and per-app count when the body ends (`request.bodyVerdict`, see verifiedParts).
 */
@Injectable()
export class SignatureVerifier {
  constructor(
    private readonly apps: AppsService,
    private readonly nonces: NonceStore,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly clientLimit: ClientRequestLimit,
  ) {}

  /** The app that signed `request`, once every check holds; throws the first failure's code. */
  async verify(request: SignedRequest, scope: string): Promise<CallerApp> {
    await this.limitIp(request);
    const app = await this.apps.forSignature(required(request, 'x-app-id'));
    if (!app) throw new DomainError(ErrorCode.APP_KEY_MISMATCH);
    checkStatus(app);

    const claim = {
      timestamp: this.checkTimestamp(required(request, 'x-timestamp')),
      nonce: required(request, 'x-nonce'),
      signature: required(request, 'x-signature'),
    };
    const body = bodyDigestOf(request.raw);
    if (body.value !== undefined) {
      await this.settle(request, app, claim, body.value);
    } else {
      request.bodyVerdict = body.done.then((digest) => this.settle(request, app, claim, digest));
      request.bodyVerdict.catch(() => undefined); // the handler may fail before it waits for the verdict
    }
    return admit(request, app, scope);
  }

  /** Signature over the body's digest (1014), then the nonce (1015) and the app's count (1075). */
  private async settle(request: SignedRequest, app: SigningApp, claim: Claim, bodyDigest: string): Promise<void> {
    this.checkSignature(request, app, claim, bodyDigest);
    if (!(await this.nonces.claim(app.appId, claim.nonce, this.config.SIGNATURE_MAX_SKEW_SECONDS * 2, claim.timestamp))) {
      throw new DomainError(ErrorCode.NONCE_REUSED);
    }
    // Counted only once the signature holds, so forged requests cannot use up an app's quota.
    await this.limiter.consume(`app:${app.appId}`, {
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

  private checkSignature(request: SignedRequest, app: SigningApp, claim: Claim, bodyDigest: string): void {
    const signed = { method: request.method, url: request.url, timestamp: claim.timestamp, nonce: claim.nonce, bodyDigest };
    const given = claim.signature.toLowerCase();
    const valid = NONCE_PATTERN.test(claim.nonce) && app.keys.some((key) => sameHex(signature(key, signed), given));
    if (!valid) throw new DomainError(ErrorCode.SIGNATURE_MISMATCH);
  }
}

function checkStatus(app: PublicApp): void {
  if (app.status === AppStatus.DISABLED) throw new DomainError(ErrorCode.API_APP_EXPIRED, 'app disabled');
  if (app.status === AppStatus.CLOSED) throw new DomainError(ErrorCode.API_CLOSED);
}

/** Scope (10000) and Origin/Referer (-1), then the request is the app's. */
function admit(request: SignedRequest, app: PublicApp, scope: string): CallerApp {
  if (!app.scopes.includes('*') && !app.scopes.includes(scope)) {
    throw new DomainError(ErrorCode.SCOPE_DENIED, `scope ${scope} not granted`);
  }
  const source = header(request, 'origin') ?? header(request, 'referer');
  if (source !== undefined && !originAllowed(source, app.allowedOrigins)) throw new DomainError(ErrorCode.DOMAIN_FORBIDDEN);
  request.callerApp = { id: app.id, appId: app.appId };
  return request.callerApp;
}
