import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto, PageQueryDto } from '../core/http/paging.dto';
import { RawResponse } from '../core/http/raw-response.decorator';
import { sendDownload } from '../files/send-download';
import { CreateTutorialDto, LikeDto, TagCountDto, TutorialDto, TutorialSummaryDto, UpdateTutorialDto } from './dto/tutorial.dto';
import { TutorialLikesService } from './tutorial-likes.service';
import { TutorialsService } from './tutorials.service';

@ApiTags('tutorials')
@Controller('tutorials')
export class TutorialsController {
  constructor(
    private readonly tutorials: TutorialsService,
    private readonly likes: TutorialLikesService,
  ) {}

  @Post()
  @Access({ caller: 'user', scope: 'tutorials', permission: 'tutorial.write' })
  @ApiOperation({ summary: 'Write a tutorial: a DRAFT, or with publish PUBLISHED (tutorial.publish) or PENDING a publisher' })
  @ApiData(TutorialDto, 201)
  create(@CurrentUser() user: CurrentSessionUser, @Body() body: CreateTutorialDto, @Req() request: FastifyRequest): Promise<TutorialDto> {
    return this.tutorials.create(user, body, request.ip);
  }

  @Get()
  @Access({ caller: 'optional-user', scope: 'tutorials' })
  @ApiOperation({
    summary:
      'Published tutorials (summaries); condition: q (words in the title, tags or body, ranked), tag, sort (hot, new, views, relevance), author (uuid), status (publishers)',
  })
  @ApiData([TutorialSummaryDto])
  list(@CurrentUser('optional') user: CurrentSessionUser | undefined, @Query() query: ListQueryDto): Promise<TutorialSummaryDto[]> {
    return this.tutorials.list(query.condition, query, user);
  }

  // Before ':tid', so that "recommended" and "tags" are not read as tutorial ids.
  @Get('tags')
  @Access({ caller: 'optional-user', scope: 'tutorials' })
  @ApiOperation({ summary: 'Tags of published tutorials with their counts, most used first; condition: q (in the tag)' })
  @ApiData([TagCountDto])
  tags(@Query() query: ListQueryDto): Promise<TagCountDto[]> {
    return this.tutorials.tagCounts(query.condition, query);
  }

  @Get('recommended')
  @Access({ caller: 'user', scope: 'tutorials' })
  @ApiOperation({
    summary:
      'Published tutorials by others you have neither read nor liked, most tags in common with what you read and liked first, then hottest (1055 when there are none)',
  })
  @ApiData([TutorialSummaryDto])
  recommended(@CurrentUser() user: CurrentSessionUser, @Query() query: PageQueryDto): Promise<TutorialSummaryDto[]> {
    return this.tutorials.recommended(user, query);
  }

  @Get(':tid')
  @Access({ caller: 'optional-user', scope: 'tutorials' })
  @ApiOperation({ summary: 'One tutorial, whole (1052 unless published, yours, or you publish); a logged-in first reading counts a view' })
  @ApiData(TutorialDto)
  read(@CurrentUser('optional') user: CurrentSessionUser | undefined, @Param('tid') tid: string): Promise<TutorialDto> {
    return this.tutorials.read(tid, user);
  }

  @Get(':tid/cover')
  @Access({ caller: 'optional-user', scope: 'tutorials' })
  @RawResponse()
  @ApiProduces('image/png', 'image/jpeg', 'image/gif', 'image/webp')
  @ApiOperation({
    summary: "The tutorial's cover image (1052 unless you may see the tutorial, 1048 without a cover, 1051 once its file is gone)",
  })
  async cover(
    @CurrentUser('optional') user: CurrentSessionUser | undefined,
    @Param('tid') tid: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendDownload(reply, await this.tutorials.cover(tid, user));
  }

  @Put(':tid/like')
  @Access({ caller: 'user', scope: 'tutorials' })
  @ApiOperation({ summary: 'Like a published tutorial, once (1052 unless published)' })
  @ApiData(LikeDto)
  like(@CurrentUser() user: CurrentSessionUser, @Param('tid') tid: string): Promise<LikeDto> {
    return this.likes.like(user.id, tid);
  }

  @Delete(':tid/like')
  @Access({ caller: 'user', scope: 'tutorials' })
  @ApiOperation({ summary: 'Take your like back (1052 unless published)' })
  @ApiData(LikeDto)
  unlike(@CurrentUser() user: CurrentSessionUser, @Param('tid') tid: string): Promise<LikeDto> {
    return this.likes.unlike(user.id, tid);
  }

  @Patch(':tid')
  @Access({ caller: 'user', scope: 'tutorials' })
  @ApiOperation({ summary: 'Edit your tutorial or ask for its publication; publishers set any status (1042, 1052)' })
  @ApiData(TutorialDto)
  update(
    @CurrentUser() user: CurrentSessionUser,
    @Param('tid') tid: string,
    @Body() body: UpdateTutorialDto,
    @Req() request: FastifyRequest,
  ): Promise<TutorialDto> {
    return this.tutorials.update(user, tid, body, request.ip);
  }
}
