import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { Locale } from '../src/core/errors/catalogue';
import { FakeQqConnect } from './support/fake-qq-connect';
import { insertUser, loginAs, WEB } from './support/fixtures';
import {
  CONTENT_TYPES,
  hostileHeaders,
  hostileQuery,
  hostileSegment,
  hostileText,
  hostileValue,
  Operation,
  operationsOf,
  percentEncode,
  plausibleBody,
  RAW_BODIES,
  rawResponseFault,
  responseFault,
} from './support/fuzz';
import { TestResponse } from './support/http-client';
import { rawRequest } from './support/raw-http';
import { TableChecksums, TableWatcher } from './support/table-checksum';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Property-based fuzzing over every route of the OpenAPI document the app serves: hostile values
 * in every place a request has, sent as a logged-in user of the keyless `web` app (an administrator
 * on admin routes, so guards let the input reach the handlers). Every answer must be below 500 and
 * the envelope with a catalogue code, and a refused request must leave every table as it was.
 *
 * `npm test` runs a bounded pass; `npm run test:fuzz` runs FUZZ_RUNS (default 3000) random requests.
 * A failure prints its seed: FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx jest test/fuzz replays it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
/** Under `npm run test:fuzz` the sweep tries every value everywhere; in `npm test` a rotating share of them. */
const THOROUGH = RUNS >= 1000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const PASSWORD = 'fuzz-pass-2026';

type Caller = 'member' | 'admin' | 'anonymous' | 'unknown app';

interface FuzzRequest {
  op: Operation;
  caller: Caller;
  segments: string[];
  query: string;
  body?: { text: string; type?: string };
  locale: Locale;
  /** Headers sent beside (or instead of) the caller's own. */
  headers?: Record<string, string>;
}

/** Routes that end the session they are called with: each such request gets a fresh one. */
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'DELETE /api/v1/auth/sessions/{id}']);

/** Field values the wrong-type sweep puts in each body field in turn. */
const SWEEP_VALUES: unknown[] = [
  null,
  true,
  -1,
  1.5,
  2 ** 31,
  1e308,
  '',
  ' ',
  'a\u0000b',
  'x\ud800',
  '\u202e\u200b',
  '%_%',
  '0000-01-01',
  'z'.repeat(5000),
  [],
  ['a'],
  {},
  { a: 1 },
];
const SWEEP_SEGMENTS = [
  '%zz',
  '%00',
  'a'.repeat(101),
  '..',
  percentEncode('\u202e\u200b'),
  percentEncode('😀'),
  '-1',
  '1e308',
  percentEncode("' OR 1=1 --"),
];
const SWEEP_QUERIES = [
  '?page=0',
  '?page=1e300',
  '?pageSize=-1',
  '?page=1&page=2',
  '?condition=',
  '?condition=%00',
  `?condition=${percentEncode('q:%_%')}`,
  `?condition=${percentEncode('since:0000-01-01')}`,
  `?condition=${percentEncode('until:+275760-09-13')}`,
  `?condition=${percentEncode('status:ACTIVE;status:ACTIVE')}`,
  `?condition=${percentEncode('__proto__:x')}`,
  '?__proto__=1',
  '?condition[a]=1',
];

let rotation = 0;
/** All of `list` when thorough, else `count` of its items, taken in turn so that every item is used somewhere. */
function share<T>(list: T[], count: number): T[] {
  if (THOROUGH || list.length <= count) return list;
  return Array.from({ length: count }, () => list[rotation++ % list.length]);
}

describe('fuzzing every route of the OpenAPI document', () => {
  let t: TestApp;
  let tables: TableWatcher;
  let ops: Operation[];
  let counter = 0;
  const sessions: Partial<Record<Caller, Record<string, string>>> = {};
  const accounts: Record<'member' | 'admin', string> = { member: '', admin: '' };
  let pools: Record<string, string[]>;
  let known: Record<string, () => unknown>;
  let qq: FakeQqConnect;

  const unique = (): number => (counter += 1);
  /** Real ids for a path parameter; a parameter this suite does not know yet gets a well-formed stranger. */
  const poolOf = (name: string): string[] => pools[name] ?? [randomUUID()];

  beforeAll(async () => {
    // QQ login configured (against a local QQ Connect), so its routes are fuzzed past "not configured".
    qq = await new FakeQqConnect().start();
    t = await createTestApp({
      env: qq.env({
        BCRYPT_COST: '4',
        CAPTCHA_REQUIRED: 'false',
        RATE_LIMIT_PER_IP: '1000000',
        RATE_LIMIT_PER_APP: '1000000',
        LOGIN_LIMIT_PER_IP: '1000000',
        LOGIN_LIMIT_PER_ACCOUNT: '1000000',
        MESSAGE_LIMIT_PER_HOUR: '1000000',
        MAIL_LIMIT_PER_ADDRESS: '0',
      }),
    });
    tables = new TableWatcher(t.prisma);
    for (const [caller, group] of [
      ['member', 'developer'],
      ['admin', 'admin'],
    ] as const) {
      const user = await insertUser(t.prisma, { password: PASSWORD, group, points: 100 });
      accounts[caller] = user.username;
      sessions[caller] = await loginAs(t.http, user.username, PASSWORD);
    }
    sessions.anonymous = WEB;
    sessions['unknown app'] = { 'x-app-id': 'no-such-app' };

    // Objects of someone else for the routes that take an id: the fuzz may change them, never the callers.
    const victim = await insertUser(t.prisma, { password: PASSWORD });
    await t.prisma.group.create({ data: { name: 'fuzz-victim', rank: 5, permissions: ['file.upload'] } });
    const app = await t.http.post('/api/v1/admin/apps', { name: 'victim' }, { headers: sessions.admin });
    const tutorial = await t.http.post('/api/v1/tutorials', { title: 'Fuzzed', body: 'text', publish: true }, { headers: sessions.member });
    const memberRow = await t.prisma.user.findFirstOrThrow({ where: { username: accounts.member } });
    const message = await t.prisma.message.create({ data: { recipientId: memberRow.id, title: 'hello', body: 'text' } });
    const upload = new FormData();
    upload.append('type', 'txt');
    upload.append('file', new Blob([Buffer.from('fuzzed file')]), 'fuzz.txt');
    const file = await t.http.post('/api/v1/files', upload, { headers: sessions.member });
    pools = {
      uuid: [victim.id, randomUUID()],
      id: [randomUUID()],
      mgid: [message.id],
      tid: [tutorial.body.data.tid],
      flid: [file.body.data.flid, randomUUID()],
      credential: ['A'.repeat(43)],
      apiId: ['dk0123456789abcdef0123'],
      name: ['fuzz-victim'],
      appId: [app.body.data.appId],
    };
    known = {
      email: () => `fz${unique()}@example.com`,
      username: () => `fz${unique()}`,
      password: () => 'Tr0ub4dor&3-horse',
      passwordConfirm: () => 'Tr0ub4dor&3-horse',
      currentPassword: () => 'not-the-password',
      to: () => victim.id,
      token: () => 'A'.repeat(43),
      code: () => '123456',
      name: () => `fz-${unique()}`,
      idempotencyKey: () => `key-${unique()}`,
      amount: () => 1,
      delta: () => 1,
      rank: () => 1,
      permissions: () => ['file.upload'],
      maxDownloads: () => 1,
      expiresInSeconds: () => 60,
      account: () => accounts.member,
    };

    const document = await t.http.get('/docs/json');
    ops = operationsOf(document.body);
  });
  afterAll(async () => {
    await t?.close();
    await qq?.stop();
  });

  /** The caller's headers; a route that ends its session gets a session of its own, made here. */
  async function headersFor(request: FuzzRequest): Promise<{ headers: Record<string, string>; loggedIn: boolean }> {
    const fresh =
      ENDS_SESSION.has(`${request.op.method} ${request.op.path}`) && (request.caller === 'member' || request.caller === 'admin');
    const session = fresh ? await loginAs(t.http, accounts[request.caller as 'member' | 'admin'], PASSWORD) : sessions[request.caller]!;
    const headers = {
      ...session,
      ...(request.body?.type ? { 'content-type': request.body.type } : {}),
      ...(request.locale === 'en' ? { 'accept-language': 'en' } : {}),
      ...request.headers,
    };
    return { headers, loggedIn: fresh };
  }

  const urlOf = (request: FuzzRequest): string => {
    let index = 0;
    return request.op.path.replace(/\{[^}]+\}/g, () => request.segments[index++] ?? '') + request.query;
  };

  const describeRequest = (request: FuzzRequest): string =>
    `${request.caller}${request.headers ? ` ${JSON.stringify(request.headers)}` : ''}: ${request.op.method} ${urlOf(request)}${request.body ? ` [${request.body.type}] ${JSON.stringify(request.body.text.slice(0, 300))}` : ''}`;

  /** The tables after the last request: the state the next one starts from (requests run one at a time). */
  let last: TableChecksums | undefined;

  /** Sends one request; returns what is wrong with its answer or with the tables after it. */
  async function fault(request: FuzzRequest): Promise<string | undefined> {
    const { headers, loggedIn } = await headersFor(request);
    const before = loggedIn || !last ? await tables.snapshot() : last;
    let response: TestResponse;
    try {
      response = await t.http.request(request.op.method, urlOf(request), { headers, body: request.body?.text });
    } catch (error) {
      return `${describeRequest(request)}: no answer (${(error as Error).message})`;
    } finally {
      last = undefined;
    }
    // A 431 is written by the server before Node has parsed any header, so it cannot know the
    // language asked for: it speaks the default one.
    const locale = response.status === 431 ? 'zh' : request.headers?.['accept-language'] === undefined ? request.locale : undefined;
    const wrong = responseFault(response, locale);
    if (wrong) return `${describeRequest(request)}: ${wrong}: ${response.status} ${response.text.slice(0, 300)}`;
    last = await tables.snapshot();
    const changed = response.status >= 400 ? TableWatcher.changed(before, last) : [];
    if (changed.length) return `${describeRequest(request)}: refused with ${response.body.code}, yet changed ${changed.join(', ')}`;
    return undefined;
  }

  const defaultCaller = (op: Operation): Caller => (op.path.startsWith('/api/v1/admin/') ? 'admin' : 'member');
  const json = (value: unknown): { text: string; type: string } => ({ text: JSON.stringify(value), type: 'application/json' });

  function baseline(op: Operation): FuzzRequest {
    return {
      op,
      caller: defaultCaller(op),
      segments: op.pathParams.map((name) => percentEncode(poolOf(name)[0])),
      query: '',
      body: op.body ? json(plausibleBody(op.body, known)) : undefined,
      locale: 'zh',
    };
  }

  it('reads the routes from the OpenAPI document the app serves', () => {
    expect(ops.length).toBeGreaterThanOrEqual(50);
    expect(ops.filter((op) => op.body).length).toBeGreaterThanOrEqual(20);
  });

  it('sweeps every route: a plausible request, each body field as every wrong type, hostile path segments and queries', async () => {
    const faults: string[] = [];
    const record = async (request: FuzzRequest): Promise<void> => {
      const found = await fault(request);
      if (found) faults.push(found);
    };
    for (const op of ops) {
      const plain = baseline(op);
      await record(plain);
      for (const field of Object.keys(op.body?.properties ?? {})) {
        for (const value of share(SWEEP_VALUES, 3))
          await record({ ...plain, body: json({ ...plausibleBody(op.body!, known), [field]: value }) });
      }
      for (let index = 0; index < op.pathParams.length; index += 1) {
        for (const segment of share(SWEEP_SEGMENTS, 3))
          await record({ ...plain, segments: plain.segments.map((s, i) => (i === index ? segment : s)) });
      }
      if (op.queryParams.length) for (const query of share(SWEEP_QUERIES, 4)) await record({ ...plain, query });
      if (op.method !== 'GET') {
        for (const text of share(RAW_BODIES, 2)) await record({ ...plain, body: { text, type: 'application/json' } });
        for (const type of share(CONTENT_TYPES.slice(2), 1))
          await record({ ...plain, body: { text: plain.body?.text ?? 'a=1&b=2', type } });
      }
    }
    expect(faults).toEqual([]);
  }, 300_000);

  /** A request to a route of the document with hostile values in any of its places. */
  function fuzzRequest(op: Operation): fc.Arbitrary<FuzzRequest> {
    const fields = Object.keys(op.body?.properties ?? {});
    const mutation = fc.tuple(
      fc.oneof(fc.constantFrom(...fields, 'extra'), hostileText),
      fc.option(hostileValue, { nil: undefined, freq: 8 }),
    );
    const shaped = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
      const body: Record<string, unknown> = op.body ? plausibleBody(op.body, known) : {};
      for (const [key, value] of mutations) {
        if (value === undefined) delete body[key];
        else Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return body;
    });
    const body: fc.Arbitrary<FuzzRequest['body']> =
      op.method === 'GET'
        ? fc.constant(undefined)
        : fc.oneof(
            { weight: 6, arbitrary: shaped.map(json) },
            { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ text, type: 'application/json' })) },
            { weight: 1, arbitrary: hostileValue.map(json) },
            {
              weight: 1,
              arbitrary: fc
                .tuple(shaped, fc.constantFrom(...CONTENT_TYPES))
                .map(([value, type]) => ({ text: JSON.stringify(value), type })),
            },
            { weight: 1, arbitrary: fc.constant(undefined) },
          );
    const segment = (name: string): fc.Arbitrary<string> =>
      fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...poolOf(name)).map(percentEncode) }, { weight: 2, arbitrary: hostileSegment });
    return fc.record({
      op: fc.constant(op),
      caller: fc.oneof(
        { weight: 8, arbitrary: fc.constant(defaultCaller(op)) },
        { weight: 1, arbitrary: fc.constantFrom<Caller>('member', 'admin', 'anonymous', 'unknown app') },
      ),
      segments: fc.tuple(...op.pathParams.map(segment)),
      query: hostileQuery(op),
      body,
      locale: fc.constantFrom<Locale>('zh', 'zh', 'en'),
      headers: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileHeaders }),
    });
  }

  it(
    `answers ${RUNS} random hostile requests with the envelope, never a 5xx, and refusals change no row`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ops).chain(fuzzRequest), async (request) => {
          expect(await fault(request)).toBeUndefined();
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    120_000 + RUNS * 300,
  );

  /** Raw requests: methods, targets, versions and headers no HTTP client would send. */
  const rawHttp = fc
    .record({
      method: fc.oneof(
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PUT', 'CONNECT', 'TRACE', 'BREW'),
        fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
      ),
      target: fc.oneof(
        fc.constantFrom(
          '/api/v1/users/me',
          '/api/v1/auth/login',
          '/api/v1/tutorials?condition=q:a',
          '*',
          'http://evil.example/api/v1/users/me',
          '/api/v1/users/%zz',
          '/api/v1/../../etc/passwd',
        ),
        hostileSegment.map((s) => `/api/v1/users/${s}`),
        fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
      ),
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', ''),
      headers: fc.array(
        fc.oneof(
          fc.constantFrom(
            'Host: localhost',
            'X-App-Id: web',
            'Content-Type: application/json',
            'Content-Length: 2',
            'Content-Length: -1',
            'Content-Length: 2\r\nContent-Length: 3',
            'Transfer-Encoding: chunked',
            'Transfer-Encoding: gzip, chunked',
            'Expect: 100-continue',
            'Authorization: Bearer x.y',
            'Accept-Language: en',
            'X-Folded: a\r\n b',
            ': no-name',
            'Bad Name: 1',
            `X-Long: ${'h'.repeat(20_000)}`,
          ),
          fc
            .tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 10 }), fc.string({ unit: 'binary-ascii', maxLength: 20 }))
            .map(([name, value]) => `${name}: ${value}`),
        ),
        { maxLength: 5 },
      ),
      body: fc.oneof(
        fc.constant(''),
        fc.constantFrom('{}', '{"account":"a","password":"b"}', '0\r\n\r\n', 'zz\r\nxx\r\n'),
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      ),
    })
    .map(
      ({ method, target, version, headers, body }) =>
        `${method} ${target} ${version}\r\n${headers.join('\r\n')}${headers.length ? '\r\n' : ''}\r\n${body}`,
    );

  it(
    'answers malformed HTTP on a raw socket with the envelope, or not at all when the request never ended',
    async () => {
      const port = Number(new URL(t.http.baseUrl).port);
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(rawHttp, async (bytes) => {
          const response = await rawRequest(port, bytes);
          if (!response) return; // the connection closed unanswered: a request cut short, nothing to judge
          answered += 1;
          // A HEAD answer has the headers of the envelope and no body to read.
          const found = bytes.startsWith('HEAD ')
            ? response.status >= 500
              ? `status ${response.status}`
              : undefined
            : rawResponseFault(response);
          expect(
            found && `${JSON.stringify(bytes.slice(0, 300))}: ${found}: ${response.status} ${response.body.slice(0, 200)}`,
          ).toBeUndefined();
        }),
        { numRuns: Math.max(30, Math.round(RUNS / 3)), seed: SEED, endOnFailure: true },
      );
      // Requests cut short are not judged; a server that answered none would have passed nothing.
      expect(answered).toBeGreaterThan(0);
    },
    120_000 + RUNS * 1000,
  );
});
