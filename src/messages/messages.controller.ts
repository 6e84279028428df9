import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Access, CurrentUser } from '../auth/access.decorators';
import { CurrentSessionUser } from '../auth/caller';
import { ApiData } from '../core/http/envelope';
import { ListQueryDto } from '../core/http/paging.dto';
import { MarkedReadDto, MessageDto, MessageSummaryDto, SendMessageDto, UnreadCountDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @Access({ caller: 'user', scope: 'messages', permission: 'message.send' })
  @ApiOperation({ summary: "Write to a user's inbox (1054 when their group cannot receive messages)" })
  @ApiData(MessageDto, 201)
  send(@CurrentUser() user: CurrentSessionUser, @Body() body: SendMessageDto): Promise<MessageDto> {
    return this.messages.send(user.id, body);
  }

  @Get()
  @Access({ caller: 'user', scope: 'messages' })
  @ApiOperation({ summary: 'Your inbox, newest first; condition: unread (true/false), from (uuid), since, until' })
  @ApiData([MessageSummaryDto])
  list(@CurrentUser() user: CurrentSessionUser, @Query() query: ListQueryDto): Promise<MessageSummaryDto[]> {
    return this.messages.list(user.id, query.condition, query);
  }

  @Get('unread-count')
  @Access({ caller: 'user', scope: 'messages' })
  @ApiOperation({ summary: 'How many of your messages are unread' })
  @ApiData(UnreadCountDto)
  async unreadCount(@CurrentUser() user: CurrentSessionUser): Promise<UnreadCountDto> {
    return { unread: await this.messages.unreadCount(user.id) };
  }

  @Post('read-all')
  @Access({ caller: 'user', scope: 'messages' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every message read' })
  @ApiData(MarkedReadDto)
  async markAllRead(@CurrentUser() user: CurrentSessionUser): Promise<MarkedReadDto> {
    return { marked: await this.messages.markAllRead(user.id) };
  }

  @Get(':mgid')
  @Access({ caller: 'user', scope: 'messages' })
  @ApiOperation({ summary: 'One of your messages, whole; reading it marks it read (1057 when not yours)' })
  @ApiData(MessageDto)
  open(@CurrentUser() user: CurrentSessionUser, @Param('mgid') mgid: string): Promise<MessageDto> {
    return this.messages.open(user.id, mgid);
  }

  @Delete(':mgid')
  @Access({ caller: 'user', scope: 'messages' })
  @ApiOperation({ summary: 'Delete one of your messages (1057 when not yours)' })
  @ApiData(null)
  async remove(@CurrentUser() user: CurrentSessionUser, @Param('mgid') mgid: string): Promise<null> {
    await this.messages.remove(user.id, mgid);
    return null;
  }
}
