import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { InvalidationBus } from '../core/cache/invalidation-bus';
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
import { BookedSession, SessionBook } from './session-book';

/** What a request needs to know of its session, kept per process and dropped everywhere on change. */
interface CachedSession extends BookedSession {
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

/**
 * Login sessions: `(uuid, ukey)` under one app. Only the SHA-256 of ukey is stored. Sessions end
 * at SESSION_MAX_AGE after login (1035), after SESSION_IDLE_TIMEOUT unused (1035), or when revoked.
 */
@Injectable()
export class SessionsService {
  private readonly book: SessionBook<CachedSession>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    bus: InvalidationBus,
  ) {
    this.book = new SessionBook(bus, {
      topic: 'session',
      idleTimeoutMs: config.SESSION_IDLE_TIMEOUT * 1000,
      codes: { unknown: ErrorCode.LOGIN_FAILED, expired: ErrorCode.SESSION_EXPIRED },
      load: (keyHash) => this.load(keyHash),
      touch: async (id, at) => {
        await this.prisma.session.updateMany({ where: { id, revokedAt: null }, data: { lastSeenAt: at } });
      },
    });
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
    const session = await this.book.lookup(credentials, appId);
    if (session.userStatus !== UserStatus.ACTIVE) {
      throw new DomainError(ErrorCode.SESSION_USER_INVALID, `account is ${session.userStatus}`, { data: { status: session.userStatus } });
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
  invalidate(keys: string[]): Promise<void> {
    return this.book.invalidate(keys);
  }

  /** Makes every process re-read the user's sessions (after a status or group change has committed). */
  async forgetUser(userId: string): Promise<void> {
    const rows = await this.prisma.session.findMany({ where: { userId, revokedAt: null }, select: { keyHash: true } });
    await this.invalidate(rows.map((row) => Buffer.from(row.keyHash).toString('hex')));
  }

  private async load(keyHash: Buffer): Promise<CachedSession | undefined> {
    const row = await sessionByKey(this.prisma, keyHash);
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
