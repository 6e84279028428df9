/**
 * Request signing, with nothing but Web Crypto (browsers, Node 20+, Deno, Bun). The canonical
 * string is six lines joined by "\n" (the README's "Signed requests"):
 *
 *   METHOD        upper case
 *   PATH          the path exactly as sent, without the query
 *   QUERY         parameters decoded, re-encoded as RFC 3986, sorted by name then value, a=1&b=2
 *   TIMESTAMP     unix seconds (X-Timestamp)
 *   NONCE         X-Nonce: 16-64 of [A-Za-z0-9_-], new for every request
 *   BODY_SHA256   hex SHA-256 of the body's exact bytes ("" when there is none)
 *
 * X-Signature = hex HMAC-SHA256(app key, canonical string).
 */
export interface SignableRequest {
  method: string;
  /** Path and optional query, as in the request line: /api/v1/x?b=2&a=1 */
  url: string;
  timestamp: number;
  nonce: string;
  /** The body's exact bytes; none for a request without a body. */
  body?: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();

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

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
    .sort(([a, av], [b, bv]) => compare(a, b) || compare(av, bv))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const hex = (bytes: ArrayBuffer): string => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

export async function bodyDigest(body: Uint8Array<ArrayBuffer> | undefined): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', body ?? new Uint8Array()));
}

export async function canonicalString(request: SignableRequest): Promise<string> {
  const at = request.url.indexOf('?');
  const path = at < 0 ? request.url : request.url.slice(0, at);
  const query = at < 0 ? '' : request.url.slice(at + 1);
  return [
    request.method.toUpperCase(),
    path,
    canonicalQuery(query),
    String(request.timestamp),
    request.nonce,
    await bodyDigest(request.body),
  ].join('\n');
}

export async function signature(key: string, request: SignableRequest): Promise<string> {
  const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(await canonicalString(request))));
}

/** A fresh nonce: 32 hex characters from the platform's random source. */
export function newNonce(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
}
