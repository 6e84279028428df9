import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentSessionUser, CurrentUser, LoggedIn, OptionalUser } from '../auth/access.decorators';
import { ListQueryDto, PageQueryDto } from '../core/http/paging.dto';
import { RequirePermission } from '../groups/permission.guard';
import { AppScope } from '../signing/signed.decorator';
import { CreateTutorialDto, TutorialDto, TutorialSummaryDto, UpdateTutorialDto } from './dto/tutorial.dto';
import { TutorialsService } from './tutorials.service';

@ApiTags('tutorials')
@AppScope('tutorials')
@Controller('tutorials')
export class TutorialsController {
  constructor(private readonly tutorials: TutorialsService) {}

  @Post()
  @RequirePermission('tutorial.write')
  @ApiOperation({ summary: 'Write a tutorial: a DRAFT, or with publish PUBLISHED (tutorial.publish) or PENDING a publisher' })
  create(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateTutorialDto, @Req() request: FastifyRequest): Promise<TutorialDto> {
    return this.tutorials.create(user, body, request.ip);
  }

  @Get()
  @OptionalUser()
  @ApiOperation({ summary: 'Published tutorials (summaries); condition: sort (hot, new, views), author (uuid), q (in the title), status (publishers)' })
  list(@CurrentUser('optional') user: CurrentSessionUser | undefined, @Query() query: ListQueryDto): Promise<TutorialSummaryDto[]> {
    return this.tutorials.list(query.condition, query, user);
  }

  // Before ':tid', so that "recommended" is not read as a tutorial id.
  @Get('recommended')
  @LoggedIn()
  @ApiOperation({ summary: 'Published tutorials by others you have not read, hottest first (1055 when there are none)' })
  recommended(@CurrentUser() user: CurrentSessionUser, @Query() query: PageQueryDto): Promise<TutorialSummaryDto[]> {
    return this.tutorials.recommended(user, query);
  }

  @Get(':tid')
  @OptionalUser()
  @ApiOperation({ summary: 'One tutorial, whole (1052 unless published, yours, or you publish); a logged-in first reading counts a view' })
  read(@CurrentUser('optional') user: CurrentSessionUser | undefined, @Param('tid') tid: string): Promise<TutorialDto> {
    return this.tutorials.read(tid, user);
  }

  @Patch(':tid')
  @LoggedIn()
  @ApiOperation({ summary: 'Edit your tutorial or ask for its publication; publishers set any status (1042, 1052)' })
  update(@CurrentUser() user: CurrentSessionUser, @Param('tid') tid: string, @Body() body: UpdateTutorialDto, @Req() request: FastifyRequest): Promise<TutorialDto> {
    return this.tutorials.update(user, tid, body, request.ip);
  }
}
