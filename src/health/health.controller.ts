import { Controller, Get, Headers } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Access } from '../auth/access.decorators';
import { DetailedReadiness, PublicReadiness } from '../core/process/readiness-check';
import { HealthService } from './health.service';

/** The health token as sent: `X-Health-Token`, or `Authorization: Bearer <token>`. */
function presentedToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-health-token'];
  if (typeof header === 'string') return header;
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''));
  return bearer?.[1];
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @Access({ caller: 'public', probe: true })
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @Access({ caller: 'public', probe: true })
  @ApiOperation({
    summary: "Readiness: up, or 503 with the failing dependency's code; each check's state only with HEALTH_TOKEN",
  })
  @ApiHeader({ name: 'X-Health-Token', required: false, description: 'HEALTH_TOKEN (or Authorization: Bearer), for the details' })
  ready(@Headers() headers: Record<string, string | string[] | undefined>): Promise<PublicReadiness | DetailedReadiness> {
    return this.health.readiness(presentedToken(headers));
  }

  @Get('checks')
  @Access({ caller: 'user', scope: 'admin', permission: 'app.manage' })
  @ApiOperation({ summary: "Readiness with each check's state, code and a safe message, for administrators (503 when one is down)" })
  checks(): Promise<DetailedReadiness> {
    return this.health.details();
  }
}
