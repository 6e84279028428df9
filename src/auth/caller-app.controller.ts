import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiData } from '../core/http/envelope';
import { AppsService } from '../signing/apps.service';
import { Access, CurrentApp } from './access.decorators';
import { CallerApp } from './caller';
import { CallerAppDto } from './dto/caller-app.dto';

@ApiTags('apps')
@Controller('apps')
export class CallerAppController {
  constructor(private readonly apps: AppsService) {}

  @Get('me')
  @Access({ caller: 'signed-app', scope: 'app' })
  @ApiOperation({ summary: 'The app that signed this request: a cheap way to test a signing client' })
  @ApiData(CallerAppDto)
  me(@CurrentApp() app: CallerApp): Promise<CallerAppDto> {
    return this.apps.describe(app.appId);
  }
}
