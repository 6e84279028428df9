import type { CallerApp, SignedRequest } from '../signing/signed-request';

/**
 * Who is calling, as the access guard established it: the app (see the signing module), and the
 * user behind the request's session. Services take these types from here.
 */
export type { CallerApp };

/** The user behind a request's session, as the access guard established it. */
export interface CurrentSessionUser {
  id: string;
  groupId: number;
  sessionId: string;
  appId: number;
}

export type CallerRequest = SignedRequest & { currentUser?: CurrentSessionUser };
