import type { IncomingMessage } from 'node:http';

/** The most of a request's unread body the server reads and drops to keep its connection open. */
const UNREAD_BODY_DRAIN_BYTES = 256 * 1024;

/**
 * Whether the answer to `request` should close its connection. An answer given before its
 * request's body has all arrived closes the connection, rather than have Node read and discard the
 * rest to keep it: an upload refused as it streams (too large, too slow) was being read, and a
 * large body is not worth reading. A small body nobody began to read (a refusal by the access
 * guard, known length at most UNREAD_BODY_DRAIN_BYTES) is read and dropped instead: closing on a
 * client still writing it makes many clients (fetch among them) fail with EPIPE instead of
 * reading the answer.
 */
export function closesConnection(request: IncomingMessage): boolean {
  const small = Number(request.headers['content-length']) <= UNREAD_BODY_DRAIN_BYTES;
  return !request.complete && (request.readableDidRead || !small);
}
