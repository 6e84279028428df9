import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaService } from '../core/database/prisma.service';
import { REDIS, RedisClient } from '../core/redis/redis.module';

/** Remembers the nonces of signed requests for as long as a replay could still be accepted. */
export abstract class NonceStore {
  /** True when the nonce was unused for this app (and is now taken); false on a replay. */
  abstract claim(appId: string, nonce: string, ttlSeconds: number): Promise<boolean>;
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

/** Redis: SET NX with an expiry, so Redis forgets each nonce by itself. */
@Injectable()
export class RedisNonceStore extends NonceStore {
  constructor(@Inject(REDIS) private readonly redis: NonNullable<RedisClient>) {
    super();
  }

  async claim(appId: string, nonce: string, ttlSeconds: number): Promise<boolean> {
    const set = await this.redis.set(`nonce:${appId}:${nonce}`, '1', 'EX', ttlSeconds, 'NX');
    return set === 'OK';
  }
}
