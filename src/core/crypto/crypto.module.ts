import { Global, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { loadSecretKey, SecretCipher } from './secret-cipher';

/** Global: one cipher under APP_SECRET_KEY seals every secret kept at rest (app and api keys, queued mail). */
@Global()
@Module({
  providers: [{ provide: SecretCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretCipher(loadSecretKey(config)) }],
  exports: [SecretCipher],
})
export class CryptoModule {}
