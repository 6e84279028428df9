import { Module } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { REDIS, RedisClient } from '../core/redis/redis.module';
import { AppsService } from './apps.service';
import { NonceStore, PostgresNonceStore, RedisNonceStore } from './nonce-store';
import { OpenAppsService } from './open-apps.service';
import { SealedKeys } from './sealed-keys.service';
import { SignatureVerifier } from './signature-verifier';

/** First-party apps, developer apps as the open API sees them, their sealed keys, and the check of a request's app and signature (which the access guard runs). */
@Module({
  providers: [
    {
      provide: NonceStore,
      inject: [REDIS, PrismaService],
      useFactory: (redis: RedisClient, prisma: PrismaService): NonceStore =>
        redis ? new RedisNonceStore(redis) : new PostgresNonceStore(prisma),
    },
    AppsService,
    OpenAppsService,
    SealedKeys,
    SignatureVerifier,
  ],
  exports: [AppsService, OpenAppsService, SealedKeys, SignatureVerifier],
})
export class SigningModule {}
