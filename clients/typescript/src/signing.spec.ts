import fc from 'fast-check';

import * as server from '../../../src/signing/sign';
import { canonicalQuery, canonicalString, signature } from './signing';

/** The client ships alone, so it carries its own signing: it must sign exactly as the server checks. */
const KEY = 'k3y-for-the-known-answer-vectors';
const bytes = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text));

describe('the client signs as the server checks', () => {
  it('signs the known-answer vectors of src/signing/sign.spec.ts', async () => {
    const vector = { method: 'POST', url: '/api/v1/checkin?b=2&a=hello%20world', timestamp: 1767225600, nonce: 'n0nce-0123456789abcdef' };
    expect(await signature(KEY, { ...vector, body: bytes('{"note":"hi"}') })).toBe(
      'b03c406ccb4f83767ab824f1f523ae7bf6e4020b848e5838a1bfdf01903c40d5',
    );
    expect(await signature(KEY, { method: 'get', url: '/api/v1/users/me', timestamp: 1767225600, nonce: 'abcdefghijklmnop' })).toBe(
      '57b1f43c896cb935a943bf78538af71abe12d8dcf6a48faa6f142c43af84c20f',
    );
  });

  it('gives the canonical string and signature of the server for any request', async () => {
    const queryPart = fc.string({ unit: 'binary', maxLength: 12 });
    const request = fc.record({
      method: fc.constantFrom('GET', 'post', 'PATCH', 'delete', 'PUT'),
      path: fc.webPath(),
      query: fc.array(fc.tuple(queryPart, queryPart), { maxLength: 5 }),
      timestamp: fc.integer({ min: 0, max: 2 ** 32 }),
      nonce: fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
      body: fc.option(fc.uint8Array({ maxLength: 256 }), { nil: undefined }),
      key: fc.string({ minLength: 1, maxLength: 64 }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, query, timestamp, nonce, body, key }) => {
        const search = query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
        const url = search ? `${path}?${search}` : path;
        const clientBody = body && new Uint8Array(body);
        const serverRequest = { method, url, timestamp, nonce, body: body && Buffer.from(body) };
        expect(await canonicalString({ method, url, timestamp, nonce, body: clientBody })).toBe(server.canonicalString(serverRequest));
        expect(await signature(key, { method, url, timestamp, nonce, body: clientBody })).toBe(server.signature(key, serverRequest));
      }),
      { numRuns: 300 },
    );
  });

  it("puts any query, however encoded, in the server's canonical form", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (query) =>
        expect(canonicalQuery(query)).toBe(server.canonicalQuery(query)),
      ),
    );
  });
});
