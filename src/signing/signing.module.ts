import { Module } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { REDIS, RedisClient } from '../core/redis/redis.module';
import { Scheduler } from '../core/schedule/scheduler';
import { AppsService } from './apps.service';
import { NonceStore, PostgresNonceStore, RedisNonceStore } from './nonce-store';
import { SealedKeys } from './sealed-keys.service';
import { SignatureVerifier } from './signature-verifier';

/** First-party apps, their sealed keys, and the check of a request's app and signature (which the access guard runs). */
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
    SealedKeys,
    SignatureVerifier,
  ],
  exports: [AppsService, SealedKeys, SignatureVerifier],
})
export class SigningModule {}
