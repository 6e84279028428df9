import { Module } from '@nestjs/common';
import { CheckinService } from './checkin.service';
import { LedgerService } from './ledger.service';
import { PointsService } from './points.service';

@Module({
  providers: [LedgerService, CheckinService, PointsService],
  exports: [LedgerService, PointsService],
})
export class PointsModule {}
