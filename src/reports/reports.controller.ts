import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { CreateReportDto, ReportDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @Access({ caller: 'user', scope: 'reports', permission: 'report.create' })
  @ApiOperation({
    summary:
      'Report a tutorial, message, user or file you can see (1052, 1057, 1053 or 1058, 1048 otherwise); while your report of it is open, that report is the answer',
  })
  @ApiData(ReportDto, 201)
  create(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateReportDto): Promise<ReportDto> {
    return this.reports.create(user, body);
  }
}
