import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SigningModule } from '../signing/signing.module';
import { LegacyController } from './legacy.controller';
import { LegacyDispatch } from './legacy-dispatch';
import { LegacyGateway } from './legacy-gateway.service';

/** The old `/api.php?class=&mode=&from=` gateway onto the REST routes (see legacy-actions.ts). */
@Module({
  imports: [AuditModule, AuthModule, SigningModule],
  controllers: [LegacyController],
  providers: [LegacyGateway, LegacyDispatch],
})
export class LegacyModule {}
