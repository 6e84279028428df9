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
  /** Made when someone waits for a body still arriving (a streamed upload): most requests never do. */
  private waiting?: { promise: Promise<string>; settle: (hex: string) => void };

  constructor(private readonly request: IncomingMessage) {
    // Node's own method, called below with the request as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const push = request.push;
    request.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
      if (chunk === null) {
        this.hex ??= this.hash?.digest('hex') ?? EMPTY;
        this.waiting?.settle(this.hex);
      } else if (this.hex === undefined) {
        this.hash ??= createHash('sha256');
        this.hash.update(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : (chunk as Uint8Array));
      }
      return push.call(request, chunk, encoding);
    };
  }

  /** The hex digest once the whole body has arrived; undefined while it is still coming. */
  get value(): string | undefined {
    return this.hex;
  }

  /** Settles when the body has ended (the hex digest), or rejects when it was cut short. */
  get done(): Promise<string> {
    if (this.hex !== undefined) return Promise.resolve(this.hex);
    if (this.waiting) return this.waiting.promise;
    const cutShort = (): Error => new DomainError(ErrorCode.UPLOAD_FAILED, 'the body was cut short');
    if (this.request.closed) return Promise.reject(cutShort());
    let settle!: (hex: string) => void;
    const promise = new Promise<string>((resolve, reject) => {
      settle = resolve;
      this.request.once('close', () => {
        if (this.hex === undefined) reject(cutShort());
      });
    });
    this.waiting = { promise, settle };
    return promise;
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
