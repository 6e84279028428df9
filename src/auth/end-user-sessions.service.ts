import { Injectable } from '@nestjs/common';

import { InvalidationBus } from '../core/cache/invalidation-bus';
import { AppConfig } from '../core/config/app-config';
import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { AfterCommit, Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { EndUserStatus } from '../generated/prisma/client';
import { endUserSessionByKey, openEndUserSession, revokeEndUserSession, revokeEndUserSessions, touchEndUserSession } from './auth.sql';
import type { CallerOpenApp, CurrentEndUser } from './caller';
import type { SessionCredentials } from './credentials';
import { BookedSession, SessionBook } from './session-book';
import type { IssuedSession } from './sessions.service';

interface CachedEndUserSession extends BookedSession {
  status: EndUserStatus;
  libraryId: number;
}

/**
 * End users' sessions `(uuid, ukey)` under the developer app they logged in through: the same
 * mechanism as platform sessions (SessionBook: hashed keys, per-process copies dropped everywhere
 * on revocation, maximum age and idle time), with the open API's codes: 99996 no such session
 * (or one of another app, or a platform session), 99995 expired, 99994 the user deleted, banned,
 * or no longer in the app's library.
 */
@Injectable()
export class EndUserSessionsService {
  private readonly book: SessionBook<CachedEndUserSession>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    bus: InvalidationBus,
  ) {
    this.book = new SessionBook(bus, {
      topic: 'end-user-session',
      idleTimeoutMs: config.SESSION_IDLE_TIMEOUT * 1000,
      codes: { unknown: ErrorCode.OPEN_TOKEN_INVALID, expired: ErrorCode.OPEN_TOKEN_EXPIRED },
      load: (keyHash) => this.load(keyHash),
      touch: (id, at) => touchEndUserSession(this.prisma, id, at),
    });
  }

  async create(endUserId: string, appId: number, client: { ip?: string; userAgent?: string }): Promise<IssuedSession> {
    const ukey = randomToken(32);
    const expiresAt = new Date(Date.now() + this.config.SESSION_MAX_AGE * 1000);
    await openEndUserSession(this.prisma, {
      endUserId,
      appId,
      keyHash: sha256(ukey),
      expiresAt,
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
    });
    return { uuid: endUserId, ukey, expiresAt };
  }

  async authenticate(credentials: SessionCredentials, app: CallerOpenApp): Promise<CurrentEndUser> {
    const session = await this.book.lookup(credentials, app.id);
    if (session.status !== EndUserStatus.ACTIVE || session.libraryId !== app.library?.id) {
      throw new DomainError(ErrorCode.OPEN_TOKEN_USER_INVALID, 'this user can no longer use this app');
    }
    return { id: session.userId, libraryId: session.libraryId, sessionId: session.id, appId: session.appId };
  }

  /** Ends the session of the request (logout), in every process. */
  async revoke(sessionId: string): Promise<void> {
    await this.book.invalidate(await revokeEndUserSession(this.prisma, sessionId));
  }

  /** Ends every session of the end user but `keep` in the caller's transaction; run the answer once it has committed. */
  async revokeAllWithin(db: Db, endUserId: string, keep?: string): Promise<AfterCommit> {
    const ended = await revokeEndUserSessions(db, endUserId, keep);
    return () => this.book.invalidate(ended);
  }

  private async load(keyHash: Buffer): Promise<CachedEndUserSession | undefined> {
    const row = await endUserSessionByKey(this.prisma, keyHash);
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.end_user_id,
      appId: row.app_id,
      expiresAt: row.expires_at.getTime(),
      lastSeenAt: row.last_seen_at.getTime(),
      revoked: row.revoked_at !== null,
      status: row.status,
      libraryId: row.library_id,
    };
  }
}
