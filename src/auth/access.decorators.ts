import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiHeader } from '@nestjs/swagger';

import type { Permission } from '../groups/permissions';
import type { CallerApp, CallerOpenApp, CallerRequest, CurrentEndUser, CurrentSessionUser } from './caller';

/**
 * Who may call a route (see the README's "Access"):
 * - `public`: anyone; no app, no session (health, the verification page, download links);
 * - `app`: an app (signed when it has a key, by X-App-Id when it is public), no session;
 * - `signed-app`: an app that signs the request, whether or not it has a key to spare (GET /apps/me);
 * - `optional-user`: an app, and the user too when the request carries a session;
 * - `user`: an app and a session, and the group's `permission` when one is named;
 * - `open-app`: a developer app signing with its api key (`X-Api-Id`), bound to a usable user library;
 * - `open-user`: as `open-app`, and a session of one of that library's end users.
 * Every first-party caller but `public` names the endpoint group (`scope`) an app must be granted. `stream`
 * marks the one kind of route that reads a signed multipart body itself (see verifiedParts).
 * Every request counts against its client's per-IP limit (ClientRequestLimit) except on a `probe`:
 * a health probe, which a load balancer sends from a few addresses often shared with clients, so a
 * 429 there would take healthy replicas out (and liveness would depend on the limiter's store).
 */
export type AccessRule =
  | { caller: 'public'; probe?: true }
  | { caller: 'app' | 'signed-app' | 'optional-user'; scope: string; stream?: true }
  | { caller: 'user'; scope: string; permission?: Permission; stream?: true }
  | { caller: 'open-app' | 'open-user' };

export const ACCESS = 'platform:access';

const appId = ApiHeader({ name: 'X-App-Id', required: true });

const signingHeaders = [
  appId,
  ApiHeader({ name: 'X-Timestamp', required: true, description: 'unix seconds' }),
  ApiHeader({ name: 'X-Nonce', required: true, description: '16-64 of [A-Za-z0-9_-], new each request' }),
  ApiHeader({ name: 'X-Signature', required: true, description: 'hex HMAC-SHA256 of the canonical string' }),
];

const openSigningHeaders = [
  ApiHeader({ name: 'X-Api-Id', required: true, description: "the developer app's api id" }),
  ...signingHeaders.slice(1),
];

/** What the OpenAPI document says a caller sends. */
function documented(rule: AccessRule): MethodDecorator[] {
  switch (rule.caller) {
    case 'public':
      return [];
    case 'app':
      return [appId];
    case 'signed-app':
      return signingHeaders;
    case 'optional-user':
      return [ApiBearerAuth(), appId];
    case 'user':
      return [
        ApiBearerAuth(),
        appId,
        ...(rule.permission ? [ApiForbiddenResponse({ description: `1042 unless the caller's group holds ${rule.permission}` })] : []),
      ];
    case 'open-app':
      return openSigningHeaders;
    case 'open-user':
      return [ApiBearerAuth(), ...openSigningHeaders];
  }
}

/**
 * The one access rule of a route, read by the global access guard. Every route declares it (the
 * app refuses to start otherwise), on the route itself, so a route's rule is read in one place.
 */
export const Access = (rule: AccessRule): MethodDecorator => applyDecorators(SetMetadata(ACCESS, rule), ...documented(rule));

/** The session's user; `@CurrentUser('optional')` on an `optional-user` route: undefined without a session. */
export const CurrentUser = createParamDecorator(
  (presence: 'optional' | undefined, context: ExecutionContext): CurrentSessionUser | undefined => {
    const user = context.switchToHttp().getRequest<CallerRequest>().currentUser;
    if (!user && presence !== 'optional') throw new Error('@CurrentUser() used on a route that does not require a session');
    return user;
  },
);

/** The calling app, on any route whose caller is not `public`. */
export const CurrentApp = createParamDecorator((_: unknown, context: ExecutionContext): CallerApp => {
  const app = context.switchToHttp().getRequest<CallerRequest>().callerApp;
  if (!app) throw new Error('@CurrentApp() used on a route that checks no app');
  return app;
});

/** The developer app of an open-API request, on `open-app` and `open-user` routes. */
export const CurrentOpenApp = createParamDecorator((_: unknown, context: ExecutionContext): CallerOpenApp => {
  const app = context.switchToHttp().getRequest<CallerRequest>().openApp;
  if (!app) throw new Error('@CurrentOpenApp() used on a route that checks no developer app');
  return app;
});

/** The end user behind an open-API request's session, on `open-user` routes. */
export const CurrentEndUserOf = createParamDecorator((_: unknown, context: ExecutionContext): CurrentEndUser => {
  const user = context.switchToHttp().getRequest<CallerRequest>().currentEndUser;
  if (!user) throw new Error('@CurrentEndUserOf() used on a route that requires no end-user session');
  return user;
});
