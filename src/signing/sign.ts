import { createHash, createHmac } from 'node:crypto';

/**
 * The request signature, shared by the server and by clients (this file has no dependency
 * beyond node:crypto, so a client can copy it). The canonical string is six lines joined by "\n":
 *
 *   METHOD            upper case: GET, POST ...
 *   PATH              the path exactly as sent, without the query: /api/v1/checkin
 *   QUERY             parameters decoded, re-encoded as RFC 3986 (encodeURIComponent plus !'()*),
 *                     sorted by name then value, joined as a=1&b=2 (empty when there is none)
 *   TIMESTAMP         unix seconds, the X-Timestamp header
 *   NONCE             the X-Nonce header: 16 to 64 characters of [A-Za-z0-9_-], new for every request
 *   BODY_SHA256       hex SHA-256 of the raw body bytes exactly as sent, whatever the content type
 *                     (JSON, text, form or multipart with its boundaries); of "" when there is none
 *
 * X-Signature = hex HMAC-SHA256(key, canonical string).
 */
export interface SignableRequest {
  method: string;
  /** Path and optional query, as in the request line: /api/v1/x?b=2&a=1 */
  url: string;
  timestamp: number | string;
  nonce: string;
  body?: string | Buffer;
  /**
   * The hex SHA-256 of the body when it is not at hand as one string or buffer (a large upload,
   * hashed as it is streamed); takes the place of `body`.
   */
  bodyDigest?: string;
}

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** The query in canonical form; the same parameters in any order or encoding give one string. */
export function canonicalQuery(query: string): string {
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = at < 0 ? pair : pair.slice(0, at);
      const value = at < 0 ? '' : pair.slice(at + 1);
      return [rfc3986(formDecode(name)), rfc3986(formDecode(value))] as const;
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function bodyDigest(body: string | Buffer | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

export function canonicalString(request: SignableRequest): string {
  const at = request.url.indexOf('?');
  const path = at < 0 ? request.url : request.url.slice(0, at);
  const query = at < 0 ? '' : request.url.slice(at + 1);
  return [
    request.method.toUpperCase(),
    path,
    canonicalQuery(query),
    String(request.timestamp),
    request.nonce,
    request.bodyDigest ?? bodyDigest(request.body),
  ].join('\n');
}

export function signature(key: string, request: SignableRequest): string {
  return createHmac('sha256', key).update(canonicalString(request)).digest('hex');
}

/** The four headers of a signed request, for `fetch` or any HTTP client. */
export function signedHeaders(
  credentials: { id: string; key: string; idHeader?: 'X-App-Id' | 'X-Api-Id' },
  request: SignableRequest,
): Record<string, string> {
  return {
    [credentials.idHeader ?? 'X-App-Id']: credentials.id,
    'X-Timestamp': String(request.timestamp),
    'X-Nonce': request.nonce,
    'X-Signature': signature(credentials.key, request),
  };
}
