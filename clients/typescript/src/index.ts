import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';

import { ErrorCode } from './error-codes';
import type { components, paths } from './schema';
import { newNonce, signature } from './signing';

export { ERROR_CATALOGUE, ErrorCode } from './error-codes';
export type { components, operations, paths } from './schema';
export { bodyDigest, canonicalQuery, canonicalString, newNonce, signature } from './signing';

/** The failure envelope: a catalogue code, its title, and the request's id for the server's log. */
export type ErrorResponse = components['schemas']['ErrorResponseDto'];

/** The app making the calls: a keyed app signs every request; a public app (`web`) sends its id alone. */
export interface AppCredentials {
  appId: string;
  /** The app key (shown once by `app:create`); leave it out for a public app. */
  appKey?: string;
  /** Where "now" comes from, in milliseconds (tests, or a clock corrected for skew). */
  now?: () => number;
}

/** A session from `POST /auth/login`. */
export interface Session {
  uuid: string;
  ukey: string;
}

/** A developer app calling the open API (`/api/v1/open/*`) for its end users. */
export interface DeveloperAppCredentials {
  apiId: string;
  /** The api key (shown once when the app is bought, or when its key is rotated). */
  apiKey: string;
  now?: () => number;
}

/**
 * Adds X-App-Id and, with a key, X-Timestamp, X-Nonce and X-Signature over the request exactly as
 * it will be sent: its method, path, query and body bytes (read from a copy of the request, so a
 * multipart upload is held in memory once to be hashed).
 */
export function appAuth({ appId, appKey, now = Date.now }: AppCredentials): Middleware {
  return signedBy('X-App-Id', appId, appKey, now);
}

/** The same signature under X-Api-Id, as the open API wants it from a developer app. */
export function developerAppAuth({ apiId, apiKey, now = Date.now }: DeveloperAppCredentials): Middleware {
  return signedBy('X-Api-Id', apiId, apiKey, now);
}

function signedBy(idHeader: 'X-App-Id' | 'X-Api-Id', id: string, key: string | undefined, now: () => number): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set(idHeader, id);
      if (key === undefined) return request;
      const url = new URL(request.url);
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const timestamp = Math.floor(now() / 1000);
      const nonce = newNonce();
      request.headers.set('X-Timestamp', String(timestamp));
      request.headers.set('X-Nonce', nonce);
      request.headers.set(
        'X-Signature',
        await signature(key, { method: request.method, url: url.pathname + url.search, timestamp, nonce, body }),
      );
      return request;
    },
  };
}

/** Sends the session as `Authorization: Bearer <uuid>.<ukey>`; `client.eject(it)` to log out locally. */
export function sessionAuth(session: Session): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${session.uuid}.${session.ukey}`);
      return request;
    },
  };
}

export type PlatformClient = Client<paths>;
export type PlatformClientOptions = ClientOptions & AppCredentials;

/** A typed client of every route of openapi/openapi.json, calling as the given app. */
export function createPlatformClient({ appId, appKey, now, ...options }: PlatformClientOptions): PlatformClient {
  const client = createClient<paths>(options);
  client.use(appAuth({ appId, appKey, now }));
  return client;
}

export type OpenApiClientOptions = ClientOptions & DeveloperAppCredentials;

/** A typed client signing as a developer app, for the open API of its end users (`/api/v1/open/*`). */
export function createOpenApiClient({ apiId, apiKey, now, ...options }: OpenApiClientOptions): PlatformClient {
  const client = createClient<paths>(options);
  client.use(developerAppAuth({ apiId, apiKey, now }));
  return client;
}

/** A failure the platform answered: `code` is one of the catalogue's. */
export class PlatformError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail?: string;
  readonly requestId?: string;
  readonly data?: Record<string, unknown>;

  constructor(status: number, body: ErrorResponse) {
    super(`${body.code} ${body.message}${body.detail ? `: ${body.detail}` : ''}`);
    this.name = 'PlatformError';
    this.status = status;
    this.code = body.code;
    this.detail = body.detail;
    this.requestId = body.requestId;
    this.data = body.data;
  }
}

/** What an openapi-fetch call resolves to: the success envelope or the failure one. */
interface CallResult<T> {
  data?: { data: T };
  error?: unknown;
  response: Response;
}

/** The `data` of a successful call; a failure is thrown as a PlatformError carrying its code. */
export function unwrap<T>(result: CallResult<T>): T {
  if (result.data !== undefined) return result.data.data;
  const body = result.error as ErrorResponse | undefined;
  throw new PlatformError(result.response.status, {
    code: typeof body?.code === 'number' ? body.code : ErrorCode.INTERNAL_ERROR,
    message: body?.message ?? result.response.statusText,
    detail: body?.detail,
    requestId: body?.requestId ?? result.response.headers.get('x-request-id') ?? '',
    data: body?.data,
  });
}
