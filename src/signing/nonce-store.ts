import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { inStore, REDIS, RedisClient } from '../core/redis/redis.module';

/** Remembers the nonces of signed requests for as long as a replay could still be accepted. */
export abstract class NonceStore {
  /**
   * True when the nonce was unused for this app (and is now taken); false on a replay. `signedAt`
   * (the request's timestamp, unix seconds) lets a store that may have lost its memory refuse
   * requests it cannot judge (1012); the store unusable is 995 (Redis) or 1007 (PostgreSQL).
   */
  abstract claim(appId: string, nonce: string, ttlSeconds: number, signedAt: number): Promise<boolean>;
}

const SWEEP_INTERVAL_MS = 60_000;

/** PostgreSQL: the primary key decides between racing requests; expired rows are swept. */
@Injectable()
export class PostgresNonceStore extends NonceStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PostgresNonceStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaService) {
    super();
  }

  /** Rows outlive a restart, so the request's time is not needed here. */
  async claim(appId: string, nonce: string, ttlSeconds: number): Promise<boolean> {
    // An expired row not yet swept may be taken over; a live one may not.
    const rows = await this.prisma.hotQuery(
      `INSERT INTO "request_nonces" ("app_id", "nonce", "expires_at")
       VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT ("app_id", "nonce") DO UPDATE SET "expires_at" = EXCLUDED."expires_at"
         WHERE "request_nonces"."expires_at" < now()
       RETURNING 1`,
      [appId, nonce, ttlSeconds],
    );
    return rows.length === 1;
  }

  /** Deletes the nonces no request can replay any more; returns how many went. */
  sweep(): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM "request_nonces" WHERE "expires_at" < now()`;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.warn(`nonce sweep failed: ${error.message}`));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}

/**
 * Claims a nonce unless the request was signed before Redis started remembering: a Redis that
 * restarted empty (or was flushed) lost the nonces of requests that could still be replayed, and
 * with them the key saying since when (unix seconds) it remembers. That key is written anew on
 * every connection and by the first claim after a loss. Returns -1 (signed in a second wholly
 * before that), 1 (claimed) or 0 (replay).
 */
const CLAIM_SCRIPT = `
local since = redis.call('GET', KEYS[1])
if not since then
  redis.call('SET', KEYS[1], ARGV[1])
  since = ARGV[1]
end
if tonumber(ARGV[2]) < tonumber(since) then return -1 end
if redis.call('SET', KEYS[2], '1', 'EX', ARGV[3], 'NX') then return 1 end
return 0`;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Redis: SET NX with an expiry, so Redis forgets each nonce by itself; see CLAIM_SCRIPT for a Redis that forgot them all. */
@Injectable()
export class RedisNonceStore extends NonceStore implements OnModuleInit {
  static readonly SINCE_KEY = 'nonce-store:since';

  constructor(@Inject(REDIS) private readonly redis: NonNullable<RedisClient>) {
    super();
  }

  /** Marks the start at once on every connection, so requests signed after it never meet an unmarked store. */
  onModuleInit(): void {
    const mark = (): void => void this.redis.set(RedisNonceStore.SINCE_KEY, nowSeconds(), 'NX').catch(() => undefined);
    this.redis.on('ready', mark);
    if (this.redis.status === 'ready') mark();
  }

  async claim(appId: string, nonce: string, ttlSeconds: number, signedAt: number): Promise<boolean> {
    const outcome = await inStore(() =>
      this.redis.eval(CLAIM_SCRIPT, 2, RedisNonceStore.SINCE_KEY, `nonce:${appId}:${nonce}`, nowSeconds(), signedAt, ttlSeconds),
    );
    if (outcome === -1) throw new DomainError(ErrorCode.REQUEST_EXPIRED, 'signed before the nonce store started; sign it again');
    return outcome === 1;
  }
}
