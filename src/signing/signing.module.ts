import { Module } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { REDIS, RedisClient } from '../core/redis/redis.module';
import { Scheduler } from '../core/schedule/scheduler';
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
      inject: [REDIS, PrismaService, Scheduler],
      useFactory: (redis: RedisClient, prisma: PrismaService, scheduler: Scheduler): NonceStore => {
        if (redis) return new RedisNonceStore(redis); // Redis forgets each nonce by itself
        const store = new PostgresNonceStore(prisma);
        scheduler.register({ name: 'expired-nonces', everySeconds: scheduler.sweepPeriod(), run: () => store.sweep() });
        return store;
      },
    },
    AppsService,
    OpenAppsService,
    SealedKeys,
    SignatureVerifier,
  ],
  exports: [AppsService, OpenAppsService, SealedKeys, SignatureVerifier],
})
export class SigningModule {}
