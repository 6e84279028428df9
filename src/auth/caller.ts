import type { CallerApp, CallerOpenApp, OpenLibrary, SignedRequest } from '../signing/signed-request';

/**
 * Who is calling, as the access guard established it: the app (see the signing module), and the
 * user behind the request's session. Services take these types from here.
 */
export type { CallerApp, CallerOpenApp, OpenLibrary };

/** The user behind a request's session, as the access guard established it. */
export interface CurrentSessionUser {
  id: string;
  groupId: number;
  sessionId: string;
  appId: number;
}

/** An end user behind an open-API request's session, as the access guard established it. */
export interface CurrentEndUser {
  id: string;
  libraryId: number;
  sessionId: string;
  /** The developer app (developer_apps.id) the session was opened through. */
  appId: number;
}

export type CallerRequest = SignedRequest & { currentUser?: CurrentSessionUser; currentEndUser?: CurrentEndUser };
