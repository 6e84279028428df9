import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ErrorCode } from '../core/errors/catalogue';
import { BodyDigest, bodyDigestOf, hashRequestBodies } from './body-digest';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The digest is watched on a real HTTP server, as the platform runs it: bodies that end, bodies
 * still arriving when someone waits, and bodies whose client goes away halfway.
 */
describe('BodyDigest', () => {
  let server: Server;
  let port: number;
  /** What the server saw of each request, by its path. */
  let seen: Map<string, { digest: BodyDigest; request: IncomingMessage }>;
  /** Set by a test: what the server does with a request once its digest is in place. */
  let onRequest: (request: IncomingMessage, digest: BodyDigest) => void;

  beforeAll(async () => {
    server = createServer();
    hashRequestBodies(server);
    server.on('request', (request: IncomingMessage, response) => {
      const digest = bodyDigestOf(request);
      seen.set(request.url ?? '', { digest, request });
      onRequest(request, digest);
      request.on('end', () => response.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    seen = new Map();
    onRequest = (request) => request.resume();
  });

  /** Sends `chunks` as one body with a length of `declared` bytes; `cut` ends the connection after them. */
  const send = (url: string, chunks: string[], declared: number, cut = false): Promise<void> =>
    new Promise((resolve) => {
      const req = httpRequest({ port, path: url, method: 'POST', headers: { 'content-length': String(declared) } });
      req.on('response', (response) => response.resume().on('end', resolve));
      req.on('error', () => resolve());
      for (const chunk of chunks) req.write(chunk);
      if (cut) setTimeout(() => req.destroy(), 50);
      else req.end();
    });

  it('hashes exactly the bytes of the body, however they arrive', async () => {
    await send('/whole', ['hello, ', 'signed ', 'world'], 19);
    const { digest } = seen.get('/whole')!;
    expect(digest.value).toBe(sha256('hello, signed world'));
    await expect(digest.done).resolves.toBe(sha256('hello, signed world'));
  });

  it('gives the digest of nothing to a body-less request', async () => {
    await send('/empty', [], 0);
    expect(seen.get('/empty')!.digest.value).toBe(sha256(''));
  });

  it('settles a wait that began while the body was still arriving', async () => {
    let waited: Promise<string> | undefined;
    onRequest = (request, digest) => {
      waited = digest.done;
      expect(digest.value).toBeUndefined();
      request.resume();
    };
    await send('/streamed', ['part one, ', 'part two'], 18);
    await expect(waited).resolves.toBe(sha256('part one, part two'));
  });

  it('rejects a wait with 1017 when the client goes away halfway, whether it began before or after', async () => {
    let before: Promise<string> | undefined;
    onRequest = (request, digest) => {
      before = digest.done;
      before.catch(() => undefined); // awaited below, once the client has gone
      request.resume();
    };
    await send('/cut', ['only the first half'], 1000, true);
    const { digest, request } = seen.get('/cut')!;
    await expect(before).rejects.toMatchObject({ code: ErrorCode.UPLOAD_FAILED });

    if (!request.closed) await new Promise((resolve) => request.once('close', resolve));
    expect(digest.value).toBeUndefined();
    await expect(digest.done).rejects.toMatchObject({ code: ErrorCode.UPLOAD_FAILED });
  });
});
