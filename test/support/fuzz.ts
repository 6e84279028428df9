import fc from 'fast-check';

import { CATALOGUE, ErrorCode, Locale, titleOf } from '../../src/core/errors/catalogue';
import { TestResponse } from './http-client';
import { RawResponse } from './raw-http';

/** The parts of an OpenAPI schema the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
}

/** One route of the OpenAPI document. */
export interface Operation {
  method: string;
  /** As the document spells it: /api/v1/users/{uuid}. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** The JSON body's schema, $refs resolved; undefined when the route takes no JSON body. */
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document the booted app serves at /docs/json. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: resolve(operation.requestBody?.content?.['application/json']?.schema),
    })),
  );
}

/** A value of the schema's shape that the route would most likely accept: its example, its first choice. */
export function plausible(schema: Schema, known: Record<string, () => unknown> = {}, name?: string): unknown {
  if (name && known[name]) return known[name]();
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [plausible(schema.items ?? { type: 'string' })];
    case 'object':
      return plausibleBody(schema, known);
    default:
      return 'fuzz text';
  }
}

export function plausibleBody(schema: Schema, known: Record<string, () => unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, plausible(property, known, name)]));
}

/** Text that broke or nearly broke something somewhere: control characters, bidi and zero-width marks, halves of pairs, escapes. */
export const HOSTILE_TEXT = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u202eevil\u202c',
  'zero\u200bwidth\u200d',
  '\ufeffbom',
  'עברית العربية',
  '😀👨‍👩‍👧',
  'İıßﬀ',
  '%',
  '_',
  '%_%',
  '\\',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'NaN',
  '-0',
  '1e400',
  '0000-01-01',
  '9999-12-31T23:59:59.999-14:00',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30',
  'x'.repeat(10_000),
];

/** Numbers at the edges: of int4, of exact doubles, of doubles themselves, and fractions. */
export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Values of every JSON type a field can be handed instead of its own. */
export const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  ...HOSTILE_NUMBERS,
  ...HOSTILE_TEXT.filter((_, i) => i % 3 === 0),
  [],
  ['a', 1],
  {},
  { a: { b: 1 } },
];

/** Mostly plain characters, so that most strings get past the input guard to the rules behind it. */
const hostileChar = fc.oneof(
  { weight: 12, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\ud800',
      '\udbff',
      '\udc00',
      '\u202e',
      '\u200b',
      '\ufeff',
      '%',
      '_',
      ':',
      ';',
      '"',
      '\\',
      '\n',
      '😀',
    ),
  },
);

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: hostileChar, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 5000 }).map((n) => 'y'.repeat(n)) },
);

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? { n: value } : [value];
  return value;
};

/** Any JSON value a hostile client might put where a field goes. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...HOSTILE_NUMBERS)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }).map(nested) },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 60 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, hostileText, { maxKeys: 4 }) },
);

/** Bodies no schema-shaped generator writes: broken JSON, prototype keys, numbers past doubles, depth. */
export const RAW_BODIES = [
  '{',
  '{"a":}',
  '[1,2',
  'null',
  '[]',
  '"text"',
  '12',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":1e400}',
  '{"a":-1e400}',
  '{"a":123456789012345678901234567890}',
  '\ufeff{}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"a\\u0000":1}',
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '{"a":1,"a":2}',
];

/** Content types a JSON route may be sent with instead. */
export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data',
  'application/xml',
  'application/vnd.api+json',
  '*/*',
];

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as any client's encoder makes it). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments as sent: encoded hostile text, or bytes no encoder makes (bad escapes, dot segments, 101 characters). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileText.map(percentEncode) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%zz',
      '%',
      '%E0%A4%A',
      '%00',
      '%2F',
      '%2e%2e',
      '..',
      '.',
      'a'.repeat(101),
      '%C0%AF',
      '%ED%A0%80',
      ';',
      'a;b=c',
    ),
  },
);

const CONDITION_KEYS = [
  'status',
  'group',
  'q',
  'since',
  'until',
  'author',
  'sort',
  'from',
  'unread',
  'action',
  'actor',
  'targetType',
  'target',
  'owner',
  'toString',
  '__proto__',
];

/** A `condition` of key:value pairs, the keys mostly real, the values hostile. */
export const hostileCondition: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...CONDITION_KEYS), hostileText),
      fc.oneof(hostileText, fc.constantFrom('ACTIVE', 'hot', 'true', '2026-01-01', '0000-01-01')),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  )
  .map((pairs) => pairs.map(([key, value]) => `${key}:${value}`).join(';'));

/** A query string for the route's parameters and a few it does not know. */
export function hostileQuery(op: Operation): fc.Arbitrary<string> {
  const value = (name: string): fc.Arbitrary<string> =>
    name === 'condition'
      ? hostileCondition
      : fc.oneof(fc.constantFrom('1', '20', '0', '-1', '1e300', '1.5', 'NaN', '0x10', '', ' 1'), hostileText);
  const pair = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...(op.queryParams.length ? op.queryParams : ['page']))
        .chain((name) => value(name).map((v) => `${name}=${percentEncode(v)}`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('__proto__', 'constructor', 'x', 'condition[a]', 'page[]'), hostileText)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('page=1&page=2', 'a=%zz', '=', '&&', 'condition', 'condition=%', 'pageSize=%00') },
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
}

/** Header values a client can send (fetch takes Latin-1 without controls): junk, and credentials of almost the right shape. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'x-app-id',
    'authorization',
    'x-uuid',
    'x-ukey',
    'x-request-id',
    'accept-language',
    'x-timestamp',
    'x-nonce',
    'x-signature',
    'origin',
    'referer',
    'range',
    'x-forwarded-for',
  ),
  fc.oneof(
    headerText,
    fc.constantFrom(
      'web',
      `Bearer ${'-'.repeat(36)}.${'a'.repeat(16)}`,
      `Bearer 00000000-0000-0000-0000-000000000000.${'a'.repeat(16)}`,
      'Bearer x.y',
      '------------------------------------',
      'not-a-uuid',
      '99999999999999999999',
      '-1',
      'bytes=0-',
      'bytes=-1',
      'bytes=9999999999999999999-',
      'null',
      'https://evil.example',
    ),
  ),
  { maxKeys: 3 },
);

const CODES = new Set(Object.keys(CATALOGUE).map(Number));

/**
 * What every answer must be: below 500, JSON, the envelope, and a code of the catalogue that fits
 * the status, titled in the asked language (either, when `locale` is not known).
 */
export function envelopeFault(
  status: number,
  contentType: string | null,
  body: unknown,
  requestId: string | null,
  locale?: Locale,
): string | undefined {
  if (status >= 500) return `status ${status}`;
  if (!contentType?.includes('application/json')) return `content-type ${contentType}`;
  const { code, message } = (body ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'number' || !CODES.has(code)) return `code ${JSON.stringify(code)} is not in the catalogue`;
  const ok = (code as ErrorCode) === ErrorCode.OK;
  if (status < 300 ? !ok : ok) return `code ${code} with status ${status}`;
  const titles = ok ? ['ok'] : (locale ? [locale] : (['zh', 'en'] as const)).map((l) => titleOf(code as ErrorCode, l));
  if (!titles.includes(message as string)) return `message ${JSON.stringify(message)} is not the title of ${code}`;
  if (status >= 400 && (body as { requestId?: unknown }).requestId !== requestId) return 'requestId differs from X-Request-Id';
  return undefined;
}

export const responseFault = (response: TestResponse, locale?: Locale): string | undefined =>
  envelopeFault(response.status, response.headers.get('content-type'), response.body, response.headers.get('x-request-id'), locale);

export function rawResponseFault(response: RawResponse): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return `body is not JSON: ${response.body.slice(0, 200)}`;
  }
  return envelopeFault(response.status, response.headers['content-type'] ?? null, body, response.headers['x-request-id'] ?? null);
}
