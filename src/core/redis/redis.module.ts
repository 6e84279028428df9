import { Global, Inject, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '../config/app-config';
import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';

export const REDIS = Symbol('REDIS');
const logger = new Logger('Redis');

/** The shared Redis connection, or null when REDIS_URL is unset (PostgreSQL holds that state). */
export type RedisClient = Redis | null;

/**
 * Runs commands on the shared store. Any failure of Redis itself (down, restarting, no answer
 * within REDIS_COMMAND_TIMEOUT_MS) becomes 995 with 503: callers that need the store (rate
 * limits, nonces) then refuse the request instead of guessing.
 */
export async function inStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new DomainError(ErrorCode.RUNTIME_SESSION_STORE, undefined, { cause: error });
  }
}

@Injectable()
class RedisLifecycle implements OnModuleDestroy {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): RedisClient => {
        if (!config.REDIS_URL) return null;
        const redis = new Redis(config.REDIS_URL, {
          keyPrefix: config.REDIS_KEY_PREFIX,
          // While Redis is away commands fail at once (995) instead of queueing; a frozen Redis
          // fails them after the command timeout.
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
          commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
        });
        // ioredis reconnects by itself; readiness reports the outage, so only log it here.
        redis.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
