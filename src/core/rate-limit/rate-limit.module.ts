import { Global, Module } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import { Metrics } from '../metrics/metrics';
import { REDIS, RedisClient } from '../redis/redis.module';
import { Scheduler } from '../schedule/scheduler';
import { ClientRequestLimit } from './client-limit';
import { PostgresRateLimiter, RateLimiter, RedisRateLimiter } from './rate-limiter';

@Global()
@Module({
  providers: [
    {
      provide: RateLimiter,
      inject: [REDIS, PrismaService, Metrics, Scheduler],
      useFactory: (redis: RedisClient, prisma: PrismaService, metrics: Metrics, scheduler: Scheduler): RateLimiter => {
        if (redis) return new RedisRateLimiter(redis, metrics); // Redis expires each window's key by itself
        const limiter = new PostgresRateLimiter(prisma, metrics);
        scheduler.register({ name: 'ended-rate-limit-windows', everySeconds: scheduler.sweepPeriod(), run: () => limiter.sweep() });
        return limiter;
      },
    },
    ClientRequestLimit,
  ],
  exports: [RateLimiter, ClientRequestLimit],
})
export class RateLimitModule {}
