import { Global, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { DATABASE_URL, PrismaService } from '../database/prisma.service';
import { REDIS, RedisClient } from '../redis/redis.module';
import { InvalidationBus, PostgresInvalidationBus, RedisInvalidationBus } from './invalidation-bus';

@Global()
@Module({
  providers: [
    {
      provide: InvalidationBus,
      inject: [REDIS, PrismaService, DATABASE_URL, AppConfig],
      useFactory: (redis: RedisClient, prisma: PrismaService, url: string, config: AppConfig): InvalidationBus =>
        redis ? new RedisInvalidationBus(redis, config) : new PostgresInvalidationBus(prisma, url),
    },
  ],
  exports: [InvalidationBus],
})
export class CacheModule {}
