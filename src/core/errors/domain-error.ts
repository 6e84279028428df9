import { CATALOGUE, ErrorCode } from './catalogue';

export interface DomainErrorOptions {
  /** Extra response headers, e.g. Retry-After for 1075. */
  headers?: Record<string, string>;
  /** Structured facts the client may act on (an account's status, readiness checks). */
  data?: unknown;
  /** Overrides the catalogue's status where a protocol fixes it (readiness probes answer 503). */
  status?: number;
  cause?: unknown;
}

/**
 * The one way a service reports a failure a client may see. The global filter turns it into the
 * envelope with the catalogue's status; `detail` is shown to the client, so it must never carry a
 * secret or tell whether somebody else's account exists.
 */
export class DomainError extends Error {
  readonly headers: Record<string, string>;
  readonly data: unknown;
  private readonly statusOverride?: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail ? `${ErrorCode[code]} (${code}): ${detail}` : `${ErrorCode[code]} (${code})`, {
      cause: options.cause,
    });
    this.name = 'DomainError';
    this.headers = options.headers ?? {};
    this.data = options.data;
    this.statusOverride = options.status;
  }

  get status(): number {
    return this.statusOverride ?? CATALOGUE[this.code].status;
  }
}
