import { Module } from '@nestjs/common';
import { QqModule } from '../qq/qq.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [QqModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
