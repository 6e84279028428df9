import { InvalidationBus } from '../core/cache/invalidation-bus';
import { LocalCache } from '../core/cache/local-cache';
import { sha256 } from '../core/crypto/tokens';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import type { SessionCredentials } from './credentials';

/** What every kind of session holds: platform users' and end users' alike. */
export interface BookedSession {
  id: string;
  /** The uuid the client must present with the key. */
  userId: string;
  /** The app (first-party or developer) the session was opened through. */
  appId: number;
  expiresAt: number;
  lastSeenAt: number;
  revoked: boolean;
}

/** What a kind of session calls its failures: no such session (or another's), and past its age or idle time. */
export interface SessionCodes {
  unknown: ErrorCode;
  expired: ErrorCode;
}

export interface SessionBookOptions<S> {
  /** The invalidation topic of this kind of session: each kind is dropped apart from the others. */
  topic: string;
  idleTimeoutMs: number;
  codes: SessionCodes;
  /** The session of this key hash, with what each request checks of its user. */
  load(keyHash: Buffer): Promise<S | undefined>;
  /** Records that the session was used at `at` (a revoked session stays as it is). */
  touch(sessionId: string, at: Date): Promise<void>;
}

/** A process trusts what it read of a session this long; revocations reach it at once anyway. */
const CACHE_MS = 60_000;
/** last_seen_at is written at most this often per session (idle timeouts are days long). */
const TOUCH_MS = 60_000;
/** Sessions one process keeps; beyond this the oldest loaded is dropped (about 300 bytes each). */
const CACHE_ENTRIES = 100_000;

/**
 * The one mechanism behind `(uuid, ukey)` sessions, platform users' and end users' alike: the
 * session read by the SHA-256 of its key, kept per process and dropped in every process through
 * the invalidation bus when it ends, its maximum age and idle time checked at each use, and its
 * last use written at most once a minute. Each kind of session brings its own table (`load`,
 * `touch`) and its own codes.
 */
export class SessionBook<S extends BookedSession> {
  private readonly cache: LocalCache<S>;

  constructor(
    bus: InvalidationBus,
    private readonly options: SessionBookOptions<S>,
  ) {
    this.cache = new LocalCache(bus, options.topic, CACHE_MS, CACHE_ENTRIES);
  }

  /** The live session of `credentials` opened through app `appId`; `unknown` or `expired` otherwise. */
  async lookup(credentials: SessionCredentials, appId: number): Promise<S> {
    const { codes } = this.options;
    const key = sha256(credentials.ukey).toString('hex');
    let session = await this.cache.get(key, () => this.options.load(Buffer.from(key, 'hex')));
    if (session && this.idle(session) && !session.revoked) {
      // Another process may have seen the session more recently than this one's copy says.
      this.cache.forget(key);
      session = await this.cache.get(key, () => this.options.load(Buffer.from(key, 'hex')));
    }
    if (!session || session.revoked || session.userId !== credentials.uuid || session.appId !== appId) {
      throw new DomainError(codes.unknown, 'no such session');
    }
    const now = Date.now();
    if (session.expiresAt <= now) throw new DomainError(codes.expired, 'session reached its maximum age');
    if (this.idle(session)) throw new DomainError(codes.expired, 'session unused for too long');
    if (now - session.lastSeenAt > TOUCH_MS) {
      session.lastSeenAt = now;
      await this.options.touch(session.id, new Date(now));
    }
    return session;
  }

  /** Drops the sessions of these key hashes (hex) from every process's cache. */
  async invalidate(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.cache.invalidate(key)));
  }

  private idle(session: S): boolean {
    return session.lastSeenAt + this.options.idleTimeoutMs <= Date.now();
  }
}
