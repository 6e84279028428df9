import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { CallerApp } from '../signing/signed.decorator';

/**
 * Who may call a route. Every route needs a logged-in user unless marked otherwise:
 * `public` (anyone: health, the verification page), `app` (an app, signed or public, but no user),
 * `optional-user` (an app, and the user too when the request carries a session).
 */
export type Access = 'public' | 'app' | 'optional-user' | 'user';
export const ACCESS = 'platform:access';

/** The user behind a request's session, as the caller guard established it. */
export interface CurrentSessionUser {
  id: string;
  groupId: number;
  sessionId: string;
  appId: number;
}

export type CallerRequest = FastifyRequest & { callerApp?: CallerApp; currentUser?: CurrentSessionUser };

/** Anyone may call: no app, no session. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS, 'public' satisfies Access);

/** An app must call (X-App-Id, signed when the app has a key); no session needed. */
export const AppOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS, 'app' satisfies Access), ApiHeader({ name: 'X-App-Id', required: true }));

/**
 * An app must call; a session is taken when the request carries one, so the route can answer
 * readers and anonymous callers differently (`@CurrentUser('optional')`). Credentials that are
 * sent are checked as on any route: a bad or expired session is refused, not ignored, so a
 * client never mistakes an anonymous answer for its user's.
 */
export const OptionalUser = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS, 'optional-user' satisfies Access), ApiBearerAuth(), ApiHeader({ name: 'X-App-Id', required: true }));

/** Documents a route that needs a session (the default); the guard enforces it either way. */
export const LoggedIn = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiBearerAuth(), ApiHeader({ name: 'X-App-Id', required: true }));

/** The session's user; `@CurrentUser('optional')` on an @OptionalUser() route: undefined without a session. */
export const CurrentUser = createParamDecorator((presence: 'optional' | undefined, context: ExecutionContext): CurrentSessionUser | undefined => {
  const user = context.switchToHttp().getRequest<CallerRequest>().currentUser;
  if (!user && presence !== 'optional') throw new Error('@CurrentUser() used on a route that does not require a session');
  return user;
});
