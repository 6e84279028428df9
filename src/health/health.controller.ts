import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthService, ReadinessReport } from './health.service';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: one entry per dependency; 503 with its code when one is down' })
  ready(): Promise<ReadinessReport> {
    return this.health.readiness();
  }
}
