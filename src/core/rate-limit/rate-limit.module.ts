import { Global, Module } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import { Metrics } from '../metrics/metrics';
import { REDIS, RedisClient } from '../redis/redis.module';
import { ClientRequestLimit } from './client-limit';
import { PostgresRateLimiter, RateLimiter, RedisRateLimiter } from './rate-limiter';

@Global()
@Module({
  providers: [
    {
      provide: RateLimiter,
      inject: [REDIS, PrismaService, Metrics],
      useFactory: (redis: RedisClient, prisma: PrismaService, metrics: Metrics): RateLimiter =>
        redis ? new RedisRateLimiter(redis, metrics) : new PostgresRateLimiter(prisma, metrics),
    },
    ClientRequestLimit,
  ],
  exports: [RateLimiter, ClientRequestLimit],
})
export class RateLimitModule {}
