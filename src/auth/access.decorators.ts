import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { CallerApp } from '../signing/signed.decorator';

/**
 * Who may call a route. Every route needs a logged-in user unless marked otherwise:
 * `public` (anyone: health, the verification page), `app` (an app, signed or public, but no user).
 */
export type Access = 'public' | 'app' | 'user';
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

/** Documents a route that needs a session (the default); the guard enforces it either way. */
export const LoggedIn = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiBearerAuth(), ApiHeader({ name: 'X-App-Id', required: true }));

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): CurrentSessionUser => {
  const user = context.switchToHttp().getRequest<CallerRequest>().currentUser;
  if (!user) throw new Error('@CurrentUser() used on a route that does not require a session');
  return user;
});
