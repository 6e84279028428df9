import { Inject, Injectable, OnModuleInit } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { inStore, REDIS, RedisClient } from '../core/redis/redis.module';
import { claimNonce, sweepNonces } from './signing.sql';

/** Remembers the nonces of signed requests for as long as a replay could still be accepted. */
export abstract class NonceStore {
  /**
   * True when the nonce was unused for this app (and is now taken); false on a replay. `signedAt`
   * (the request's timestamp, unix seconds) lets a store that may have lost its memory refuse
   * requests it cannot judge (1012); the store unusable is 995 (Redis) or 1007 (PostgreSQL).
   */
  abstract claim(appId: string, nonce: string, ttlSeconds: number, signedAt: number): Promise<boolean>;
}

/** PostgreSQL: the primary key decides between racing requests; expired rows are swept (a periodic job, see SigningModule). */
@Injectable()
export class PostgresNonceStore extends NonceStore {
  constructor(private readonly prisma: PrismaService) {
    super();
  }

  /** Rows outlive a restart, so the request's time is not needed here. */
  claim(appId: string, nonce: string, ttlSeconds: number): Promise<boolean> {
    return claimNonce(this.prisma, appId, nonce, ttlSeconds);
  }

  /** Deletes the nonces no request can replay any more; returns how many went. */
  sweep(): Promise<number> {
    return sweepNonces(this.prisma);
  }
}

/** The unix second the Redis server started, from its own clock and uptime. */
function serverStart(info: string): number {
  const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1]);
  const now = field('server_time_usec') / 1e6 || Date.now() / 1000;
  const uptime = field('uptime_in_seconds');
  if (!Number.isFinite(uptime)) throw new Error('INFO server gave no uptime_in_seconds');
  return Math.floor(now) - uptime;
}

/**
 * Redis: SET NX with an expiry, so Redis forgets each nonce by itself. A Redis that restarted
 * empty forgot the nonces of requests that could still be replayed, so a request signed in a
 * second before the server's own start is refused (1012) rather than taken for new: one that
 * restarted an hour ago refuses nothing, one that restarted a moment ago refuses only what it
 * cannot judge. The start is learnt anew on every connection (another connection may be another
 * server).
 */
@Injectable()
export class RedisNonceStore extends NonceStore implements OnModuleInit {
  private started?: Promise<number>;

  constructor(@Inject(REDIS) private readonly redis: NonNullable<RedisClient>) {
    super();
  }

  onModuleInit(): void {
    this.redis.on('close', () => (this.started = undefined));
  }

  async claim(appId: string, nonce: string, ttlSeconds: number, signedAt: number): Promise<boolean> {
    if (signedAt < (await inStore(() => this.serverStart()))) {
      throw new DomainError(ErrorCode.REQUEST_EXPIRED, 'signed before the nonce store started; sign it again');
    }
    const set = await inStore(() => this.redis.set(`nonce:${appId}:${nonce}`, '1', 'EX', ttlSeconds, 'NX'));
    return set === 'OK';
  }

  private serverStart(): Promise<number> {
    this.started ??= this.redis.info('server').then(serverStart, (error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }
}
