import { createHash, Hash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';

import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';

const EMPTY = createHash('sha256').digest('hex');

/**
 * The SHA-256 of a request's body, fed by the bytes themselves as Node's HTTP parser hands them
 * to the request stream (`push`), so it covers exactly what any reader then gets: Fastify's JSON,
 * text and form parsers (which read before the route runs) and busboy for multipart (which reads
 * the raw request itself, inside the handler, so a hashing stream handed to Fastify's parsers
 * would never see those bytes). Watching `push` reads nothing and changes no flow: the body still
 * streams at its reader's pace, and nothing is kept but the running hash.
 */
export class BodyDigest {
  /** Made at the first byte: most requests (GET) have none. */
  private hash?: Hash;
  private hex?: string;
  /** Settles when the body has ended (the hex digest), or rejects when it was cut short. */
  readonly done: Promise<string>;

  constructor(request: IncomingMessage) {
    let settle!: (hex: string) => void;
    let fail!: (error: Error) => void;
    this.done = new Promise<string>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    this.done.catch(() => undefined); // nobody may be waiting (the body was never read)

    // Node's own method, called below with the request as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const push = request.push;
    request.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
      if (chunk === null) {
        this.hex ??= this.hash?.digest('hex') ?? EMPTY;
        settle(this.hex);
      } else if (this.hex === undefined) {
        this.hash ??= createHash('sha256');
        this.hash.update(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : (chunk as Uint8Array));
      }
      return push.call(request, chunk, encoding);
    };
    request.once('close', () => {
      if (this.hex === undefined) fail(new DomainError(ErrorCode.UPLOAD_FAILED, 'the body was cut short'));
    });
  }

  /** The hex digest once the whole body has arrived; undefined while it is still coming. */
  get value(): string | undefined {
    return this.hex;
  }
}

const digests = new WeakMap<IncomingMessage, BodyDigest>();

/**
 * Starts a digest for every request the server receives, before anything else sees it (the
 * first 'request' listener runs before Node's parser hands over any byte of the body).
 */
export function hashRequestBodies(server: Server): void {
  server.prependListener('request', (request: IncomingMessage) => {
    digests.set(request, new BodyDigest(request));
  });
}

export function bodyDigestOf(request: IncomingMessage): BodyDigest {
  const digest = digests.get(request);
  if (!digest) throw new Error('request bodies are not hashed: call hashRequestBodies() on the HTTP server');
  return digest;
}
