import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SignatureGuard } from './signature.guard';

export const SIGNED_SCOPE = 'platform:signed-scope';

/** The app a signed request came from, as the signature guard established it. */
export interface CallerApp {
  id: number;
  appId: string;
}

export type SignedRequest = FastifyRequest & { callerApp?: CallerApp; rawBody?: Buffer };

/**
 * The endpoint takes only requests signed by a registered app whose scopes include `scope`
 * (see src/signing/sign.ts for the canonical string).
 */
export const Signed = (scope: string): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(SIGNED_SCOPE, scope),
    UseGuards(SignatureGuard),
    ApiHeader({ name: 'X-App-Id', required: true }),
    ApiHeader({ name: 'X-Timestamp', required: true, description: 'unix seconds' }),
    ApiHeader({ name: 'X-Nonce', required: true, description: '16-64 of [A-Za-z0-9_-], new each request' }),
    ApiHeader({ name: 'X-Signature', required: true, description: 'hex HMAC-SHA256 of the canonical string' }),
  );

/** The endpoint group (scope) of a controller or route: apps are granted scopes, or `*`. */
export const AppScope = (scope: string): MethodDecorator & ClassDecorator => SetMetadata(SIGNED_SCOPE, scope);

export const CurrentApp = createParamDecorator((_: unknown, context: ExecutionContext): CallerApp => {
  const app = context.switchToHttp().getRequest<SignedRequest>().callerApp;
  if (!app) throw new Error('@CurrentApp() used on a route that no app guard checked');
  return app;
});
