import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '../core/config/app-config';
import { loadSecretKey, SecretCipher } from '../core/crypto/secret-cipher';
import { PrismaService } from '../core/database/prisma.service';
import { REDIS, RedisClient } from '../core/redis/redis.module';
import { AppsService } from './apps.service';
import { NonceStore, PostgresNonceStore, RedisNonceStore } from './nonce-store';
import { SealedKeys } from './sealed-keys.service';
import { SignatureGuard, SignatureVerifier } from './signature.guard';
import { SignedStreamInterceptor } from './signed-stream.interceptor';
import { SigningController } from './signing.controller';

/** Global: any feature module marks its routes @Signed(scope) without importing this one. */
@Global()
@Module({
  controllers: [SigningController],
  providers: [
    { provide: SecretCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretCipher(loadSecretKey(config)) },
    {
      provide: NonceStore,
      inject: [REDIS, PrismaService],
      useFactory: (redis: RedisClient, prisma: PrismaService): NonceStore =>
        redis ? new RedisNonceStore(redis) : new PostgresNonceStore(prisma),
    },
    AppsService,
    SealedKeys,
    SignatureVerifier,
    SignatureGuard,
    { provide: APP_INTERCEPTOR, useClass: SignedStreamInterceptor },
  ],
  exports: [AppsService, NonceStore, SignatureVerifier, SignatureGuard, SecretCipher, SealedKeys],
})
export class SigningModule {}
