import { Global, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { DATABASE_URL, PrismaService } from '../database/prisma.service';
import { Metrics } from '../metrics/metrics';
import { REDIS, RedisClient } from '../redis/redis.module';
import { InvalidationBus, PostgresInvalidationBus, RedisInvalidationBus } from './invalidation-bus';

@Global()
@Module({
  providers: [
    {
      provide: InvalidationBus,
      inject: [REDIS, PrismaService, DATABASE_URL, AppConfig, Metrics],
      useFactory: (redis: RedisClient, prisma: PrismaService, url: string, config: AppConfig, metrics: Metrics): InvalidationBus =>
        redis ? new RedisInvalidationBus(redis, config, metrics) : new PostgresInvalidationBus(prisma, url, metrics),
    },
  ],
  exports: [InvalidationBus],
})
export class CacheModule {}
