import type { Multipart } from '@fastify/multipart';
import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SignatureGuard } from './signature.guard';

export const SIGNED_SCOPE = 'platform:signed-scope';
export const SIGNED_STREAM = 'platform:signed-stream';

/** The app a signed request came from, as the signature guard established it. */
export interface CallerApp {
  id: number;
  appId: string;
}

export type SignedRequest = FastifyRequest & {
  callerApp?: CallerApp;
  /**
   * Set when the guard ran before the body had arrived (a multipart upload, which the handler
   * reads): settles once the whole body is in and its signature, nonce and per-app count hold.
   */
  bodyVerdict?: Promise<void>;
};

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

/**
 * The handler reads a multipart body itself, through `verifiedParts()`: a signed request may
 * reach it before its body has arrived, and is checked when the body ends. Any other route
 * refuses a signed request whose body it would never read (1014).
 */
export const SignedStream = (): MethodDecorator => SetMetadata(SIGNED_STREAM, true);

/**
 * The parts of a multipart body, ending only once the request's signature holds over every
 * byte of it (1014, 1015 or 1075 otherwise, from the last step of the iteration). A handler
 * that keeps what it read only after the iteration ends therefore never keeps an unsigned body.
 */
export async function* verifiedParts(request: SignedRequest): AsyncGenerator<Multipart> {
  yield* request.parts();
  await request.bodyVerdict;
}
