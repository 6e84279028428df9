import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { CheckinService } from './checkin.service';
import {
  CheckinMonthDto,
  CheckinResultDto,
  LeaderboardRowDto,
  LedgerEntryDto,
  ledgerEntryDto,
  PointsTotalsDto,
  SpendDto,
} from './dto/points.dto';
import { PointsService } from './points.service';

@ApiTags('points')
@Controller()
export class PointsController {
  constructor(
    private readonly checkins: CheckinService,
    private readonly points: PointsService,
  ) {}

  @Post('checkin')
  @Access({ caller: 'user', scope: 'points' })
  @HttpCode(200)
  @ApiOperation({ summary: "Today's check-in under the calling app: reward, streak and new total (1040 when done already)" })
  @ApiData(CheckinResultDto)
  checkIn(@CurrentUser() user: CurrentSessionUser): Promise<CheckinResultDto> {
    return this.checkins.checkIn(user.id, user.appId);
  }

  @Get('checkin')
  @Access({ caller: 'user', scope: 'points' })
  @ApiOperation({ summary: 'Whether you checked in today, your streak and this month as a calendar' })
  @ApiData(CheckinMonthDto)
  month(@CurrentUser() user: CurrentSessionUser): Promise<CheckinMonthDto> {
    return this.checkins.month(user.id, user.appId);
  }

  @Get('points')
  @Access({ caller: 'user', scope: 'points' })
  @ApiOperation({ summary: 'Your points and balance (cents)' })
  @ApiData(PointsTotalsDto)
  async totals(@CurrentUser() user: CurrentSessionUser): Promise<PointsTotalsDto> {
    const totals = await this.points.totals(user.id);
    return { points: totals.points, balanceCents: Number(totals.balanceCents) };
  }

  @Get('points/ledger')
  @Access({ caller: 'user', scope: 'points' })
  @ApiOperation({ summary: 'Your points ledger, newest first' })
  @ApiData([LedgerEntryDto])
  async pointsLedger(@CurrentUser() user: CurrentSessionUser, @Query() query: ListQueryDto): Promise<LedgerEntryDto[]> {
    return (await this.points.history('points', user.id, query)).map(ledgerEntryDto);
  }

  @Get('balance/ledger')
  @Access({ caller: 'user', scope: 'points' })
  @ApiOperation({ summary: 'Your balance ledger (cents), newest first' })
  @ApiData([LedgerEntryDto])
  async balanceLedger(@CurrentUser() user: CurrentSessionUser, @Query() query: ListQueryDto): Promise<LedgerEntryDto[]> {
    return (await this.points.history('balance', user.id, query)).map(ledgerEntryDto);
  }

  @Post('points/spend')
  @Access({ caller: 'user', scope: 'points' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Spend points (1041 when short); the same idempotencyKey again replays the first answer' })
  @ApiData(LedgerEntryDto)
  async spend(@CurrentUser() user: CurrentSessionUser, @Body() body: SpendDto): Promise<LedgerEntryDto> {
    return ledgerEntryDto(await this.points.spend(user.id, user.appId, body));
  }

  @Get('points/leaderboard')
  @Access({ caller: 'user', scope: 'points' })
  @ApiOperation({ summary: "Top users by the points they earned in the calling app's ledger" })
  @ApiData([LeaderboardRowDto])
  leaderboard(@CurrentUser() user: CurrentSessionUser, @Query() query: ListQueryDto): Promise<LeaderboardRowDto[]> {
    return this.points.leaderboard(user.appId, query);
  }
}
