import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { InvalidationBus } from '../core/cache/invalidation-bus';
import { LocalCache } from '../core/cache/local-cache';
import { AppConfig } from '../core/config/app-config';
import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { AfterCommit } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LoginMethod, Prisma, UserStatus } from '../generated/prisma/client';
import { openSession, revokeSession, revokeUserSessions, sessionByKey } from './auth.sql';
import type { CurrentSessionUser } from './caller';
import type { SessionCredentials } from './credentials';

/** What a request needs to know of its session, kept per process and dropped everywhere on change. */
interface CachedSession {
  id: string;
  userId: string;
  appId: number;
  expiresAt: number;
  lastSeenAt: number;
  revoked: boolean;
  userStatus: UserStatus;
  groupId: number;
}

export interface IssuedSession {
  uuid: string;
  ukey: string;
  expiresAt: Date;
}

export interface SessionListing {
  id: string;
  app: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  current: boolean;
}

/** A process trusts what it read of a session this long; revocations reach it at once anyway. */
const CACHE_MS = 60_000;
/** last_seen_at is written at most this often per session (idle timeouts are days long). */
const TOUCH_MS = 60_000;

/** Sessions one process keeps; beyond this the oldest loaded is dropped (about 300 bytes each). */
const CACHE_ENTRIES = 100_000;

/**
 * Login sessions: `(uuid, ukey)` under one app. Only the SHA-256 of ukey is stored. Sessions end
 * at SESSION_MAX_AGE after login (1035), after SESSION_IDLE_TIMEOUT unused (1035), or when revoked.
 */
@Injectable()
export class SessionsService {
  private readonly cache: LocalCache<CachedSession>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    bus: InvalidationBus,
  ) {
    this.cache = new LocalCache(bus, 'session', CACHE_MS, CACHE_ENTRIES);
  }

  /**
   * A new session, audited as `auth.login` by the same statement (one round trip on the login
   * path, and no session without its audit row); a session opened with QQ says so in both.
   */
  async create(
    userId: string,
    appId: number,
    client: { ip?: string; userAgent?: string },
    method: LoginMethod = LoginMethod.PASSWORD,
  ): Promise<IssuedSession> {
    const ukey = randomToken(32);
    const expiresAt = new Date(Date.now() + this.config.SESSION_MAX_AGE * 1000);
    await openSession(this.prisma, {
      userId,
      appId,
      keyHash: sha256(ukey),
      expiresAt,
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
      method,
    });
    return { uuid: userId, ukey, expiresAt };
  }

  /** The user behind `credentials` under app `appId`: 1031 unknown, 1035 expired, 1036 user not active. */
  async authenticate(credentials: SessionCredentials, appId: number): Promise<CurrentSessionUser> {
    const key = sha256(credentials.ukey).toString('hex');
    let session = await this.cache.get(key, () => this.load(key));
    if (session && this.idleSince(session) && !session.revoked) {
      // Another process may have seen the session more recently than this one's copy says.
      this.cache.forget(key);
      session = await this.cache.get(key, () => this.load(key));
    }
    if (!session || session.revoked || session.userId !== credentials.uuid || session.appId !== appId) {
      throw new DomainError(ErrorCode.LOGIN_FAILED, 'no such session');
    }
    const now = Date.now();
    if (session.expiresAt <= now) throw new DomainError(ErrorCode.SESSION_EXPIRED, 'session reached its maximum age');
    if (this.idleSince(session)) throw new DomainError(ErrorCode.SESSION_EXPIRED, 'session unused for too long');
    if (session.userStatus !== UserStatus.ACTIVE) {
      throw new DomainError(ErrorCode.SESSION_USER_INVALID, `account is ${session.userStatus}`, { data: { status: session.userStatus } });
    }
    if (now - session.lastSeenAt > TOUCH_MS) {
      session.lastSeenAt = now;
      await this.prisma.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { lastSeenAt: new Date(now) } });
    }
    return { id: session.userId, groupId: session.groupId, sessionId: session.id, appId: session.appId };
  }

  /** The caller's live sessions, newest first. */
  async list(userId: string, currentSessionId: string): Promise<SessionListing[]> {
    const now = new Date();
    const idleSince = new Date(now.getTime() - this.config.SESSION_IDLE_TIMEOUT * 1000);
    const rows = await this.prisma.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
      orderBy: { createdAt: 'desc' },
      include: { app: { select: { appId: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      app: row.app.appId,
      ip: row.ip,
      userAgent: row.userAgent,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      current: row.id === currentSessionId,
    }));
  }

  /**
   * Ends one of the user's sessions at once, in every process, audited (`auth.logout` for the
   * session of the request, `session.delete` for another) in the same transaction; 1031 when it
   * is not theirs or already ended.
   */
  async revoke(userId: string, sessionId: string, by: { sessionId: string; ip: string }): Promise<void> {
    const ended = await this.prisma.$transaction(async (tx) => {
      const keys = await revokeSession(tx, userId, sessionId);
      if (keys.length === 0) throw new DomainError(ErrorCode.LOGIN_FAILED, 'no such session');
      const action = sessionId === by.sessionId ? 'auth.logout' : 'session.delete';
      await this.audit.record({ action, actorId: userId, targetType: 'session', targetId: sessionId, ip: by.ip }, tx);
      return keys;
    });
    await this.invalidate(ended);
  }

  /**
   * The one way to end every session of a user (but `keep`, the session asking) together with
   * other writes: ends them inside the caller's transaction, and answers what drops them from every
   * process's cache, to run once that transaction has committed (earlier, another process could
   * read a session again before the revocation is visible, and keep it).
   */
  async revokeAllWithin(tx: Prisma.TransactionClient, userId: string, keep?: string): Promise<AfterCommit> {
    const ended = await revokeUserSessions(tx, userId, keep);
    return () => this.invalidate(ended);
  }

  /** Drops the sessions of these keys from every process's cache. */
  async invalidate(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.cache.invalidate(key)));
  }

  /** Makes every process re-read the user's sessions (after a status or group change has committed). */
  async forgetUser(userId: string): Promise<void> {
    const rows = await this.prisma.session.findMany({ where: { userId, revokedAt: null }, select: { keyHash: true } });
    await this.invalidate(rows.map((row) => Buffer.from(row.keyHash).toString('hex')));
  }

  private idleSince(session: CachedSession): boolean {
    return session.lastSeenAt + this.config.SESSION_IDLE_TIMEOUT * 1000 <= Date.now();
  }

  private async load(keyHex: string): Promise<CachedSession | undefined> {
    const row = await sessionByKey(this.prisma, Buffer.from(keyHex, 'hex'));
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      appId: row.app_id,
      expiresAt: row.expires_at.getTime(),
      lastSeenAt: row.last_seen_at.getTime(),
      revoked: row.revoked_at !== null,
      userStatus: row.status,
      groupId: row.group_id,
    };
  }
}
