import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentSessionUser, CurrentUser } from '../auth/access.decorators';
import { ListQueryDto } from '../core/http/paging.dto';
import { RequirePermission } from '../groups/permission.guard';
import { AppScope } from '../signing/signed.decorator';
import { AdminReportDetailDto, AdminReportDto, ReviewReportDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

/** The moderators' side of reports, under the admin path and scope. */
@ApiTags('admin')
@AppScope('admin')
@RequirePermission('report.review')
@Controller('admin/reports')
export class AdminReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({ summary: 'Reports, newest first; condition: status (pending, approved, rejected), type (tutorial, message, user, file), target, reporter' })
  list(@Query() query: ListQueryDto): Promise<AdminReportDto[]> {
    return this.reports.list(query.condition, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report, with its target as it is now and how many reports of it are open (1044 unknown)' })
  get(@Param('id') id: string): Promise<AdminReportDetailDto> {
    return this.reports.get(id);
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The verdict on every open report of its target: approve takes the target down, reject leaves it (1043 verdict, 1044 unknown or already reviewed, 1054 a user who outranks you)',
  })
  review(@CurrentUser() user: CurrentSessionUser, @Param('id') id: string, @Body() body: ReviewReportDto, @Req() request: FastifyRequest): Promise<AdminReportDetailDto> {
    return this.reports.review(user, id, body, request.ip);
  }
}
