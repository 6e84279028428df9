import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppsService } from './apps.service';
import { CallerAppDto } from './dto/caller-app.dto';
import { CallerApp, CurrentApp, Signed } from './signed.decorator';
import { Public } from '../auth/access.decorators';

@ApiTags('apps')
@Public()
@Controller('apps')
export class SigningController {
  constructor(private readonly apps: AppsService) {}

  @Get('me')
  @Signed('app')
  @ApiOperation({ summary: 'The app that signed this request: a cheap way to test a signing client' })
  me(@CurrentApp() app: CallerApp): Promise<CallerAppDto> {
    return this.apps.describe(app.appId);
  }
}
