import { Module } from '@nestjs/common';

import { CheckinService } from './checkin.service';
import { LedgerService } from './ledger.service';
import { PointsController } from './points.controller';
import { PointsService } from './points.service';

@Module({
  controllers: [PointsController],
  providers: [LedgerService, CheckinService, PointsService],
  exports: [LedgerService, PointsService],
})
export class PointsModule {}
