import { Global, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { loadPreviousSecretKeys, loadSecretKey, SecretCipher } from './secret-cipher';

/**
 * Global: one cipher under APP_SECRET_KEY seals every secret kept at rest (app and api keys, queued
 * mail); APP_SECRET_KEY_PREVIOUS still opens what it sealed, during a rotation.
 */
@Global()
@Module({
  providers: [
    {
      provide: SecretCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new SecretCipher(loadSecretKey(config), loadPreviousSecretKeys(config)),
    },
  ],
  exports: [SecretCipher],
})
export class CryptoModule {}
