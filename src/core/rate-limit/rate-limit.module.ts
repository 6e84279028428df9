import { Global, Module } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import { REDIS, RedisClient } from '../redis/redis.module';
import { ClientRequestLimit } from './client-limit';
import { PostgresRateLimiter, RateLimiter, RedisRateLimiter } from './rate-limiter';

@Global()
@Module({
  providers: [
    {
      provide: RateLimiter,
      inject: [REDIS, PrismaService],
      useFactory: (redis: RedisClient, prisma: PrismaService): RateLimiter =>
        redis ? new RedisRateLimiter(redis) : new PostgresRateLimiter(prisma),
    },
    ClientRequestLimit,
  ],
  exports: [RateLimiter, ClientRequestLimit],
})
export class RateLimitModule {}
