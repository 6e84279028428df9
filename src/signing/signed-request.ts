import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** The app a request came from, as the signature verifier established it. */
export interface CallerApp {
  id: number;
  appId: string;
}

/** A developer app's user library, as the open API checks it (1069 none, 1070 expired or deleted). */
export interface OpenLibrary {
  id: number;
  expiresAt: number;
  deleted: boolean;
  requireEmailVerification: boolean;
}

/** The developer app an open-API request came from (`X-Api-Id`), as the signature verifier established it. */
export interface CallerOpenApp {
  id: number;
  apiId: string;
  name: string;
  userCap: number;
  library: OpenLibrary | null;
}

export type SignedRequest = FastifyRequest & {
  callerApp?: CallerApp;
  openApp?: CallerOpenApp;
  /**
   * Set when the app was checked before the body had arrived (a multipart upload, which the
   * handler reads): settles once the whole body is in and its signature, nonce and per-app count
   * hold.
   */
  bodyVerdict?: Promise<void>;
};

/**
 * The parts of a multipart body, ending only once the request's signature holds over every
 * byte of it (1014, 1015 or 1075 otherwise, from the last step of the iteration). A handler
 * that keeps what it read only after the iteration ends therefore never keeps an unsigned body.
 * Only a route declared with `stream: true` may read a body this way; any other refuses a signed
 * body still arriving (1014).
 */
export async function* verifiedParts(request: SignedRequest): AsyncGenerator<Multipart> {
  yield* request.parts();
  await request.bodyVerdict;
}
