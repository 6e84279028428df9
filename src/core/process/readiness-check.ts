import { ErrorCode } from '../errors/catalogue';

/**
 * One dependency readiness looks at. To add one, add an entry to HealthService's list: it is run
 * with the others, bounded in time, and reported under its name to callers holding HEALTH_TOKEN.
 */
export interface ReadinessCheck {
  /** Its name in the detailed answer (database, store, mail, storage, ...). */
  name: string;
  /** What serves it, as a kind (postgres, redis, smtp, outbox, disk): never an address or a path. */
  via: string;
  /** The catalogue code readiness answers with when this check is the first that fails. */
  code: ErrorCode;
  /** Reuse the last result this long: for checks that cost a handshake or disk work per call. */
  cacheMs?: number;
  /** Resolves when the dependency is usable; throws (a ReadinessFailure for a specific message) when not. */
  run(): Promise<void>;
}

/**
 * A check's failure whose message is safe to show a HEALTH_TOKEN holder (no path, address or
 * secret); `code`, when given, is answered instead of the check's own (the database check tells a
 * driver that cannot work with the server, 999, from a server out of reach, 1007).
 */
export class ReadinessFailure extends Error {
  constructor(
    message: string,
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

export interface CheckResult {
  status: 'up' | 'down';
  via: string;
  code?: ErrorCode;
  /** Why it is down, in words safe to show; the raw error goes to the log only. */
  message?: string;
}

/** What everyone sees: up or down, the failing check's code being the answer's code. */
export interface PublicReadiness {
  status: 'up' | 'down';
}

/** What a HEALTH_TOKEN holder sees besides. */
export interface DetailedReadiness extends PublicReadiness {
  checks: Record<string, CheckResult>;
}
