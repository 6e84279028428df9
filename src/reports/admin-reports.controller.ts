import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { AdminReportDetailDto, AdminReportDto, ReviewReportDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

/** The moderators' side of reports, under the admin path and scope. */
@ApiTags('admin')
@Controller('admin/reports')
export class AdminReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Access({ caller: 'user', scope: 'admin', permission: 'report.review' })
  @ApiOperation({
    summary:
      'Reports, newest first; condition: status (pending, approved, rejected), type (tutorial, message, user, file), target, reporter',
  })
  @ApiData([AdminReportDto])
  list(@Query() query: ListQueryDto): Promise<AdminReportDto[]> {
    return this.reports.list(query.condition, query);
  }

  @Get(':id')
  @Access({ caller: 'user', scope: 'admin', permission: 'report.review' })
  @ApiOperation({ summary: 'One report, with its target as it is now and how many reports of it are open (1044 unknown)' })
  @ApiData(AdminReportDetailDto)
  get(@Param('id') id: string): Promise<AdminReportDetailDto> {
    return this.reports.get(id);
  }

  @Post(':id/review')
  @Access({ caller: 'user', scope: 'admin', permission: 'report.review' })
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The verdict on every open report of its target: approve takes the target down, reject leaves it (1043 verdict, 1044 unknown or already reviewed, 1054 a user who outranks you)',
  })
  @ApiData(AdminReportDetailDto)
  review(
    @CurrentUser() user: CurrentSessionUser,
    @Param('id') id: string,
    @Body() body: ReviewReportDto,
    @Req() request: FastifyRequest,
  ): Promise<AdminReportDetailDto> {
    return this.reports.review(user, id, body, request.ip);
  }
}
