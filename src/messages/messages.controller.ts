import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentSessionUser, CurrentUser, LoggedIn } from '../auth/access.decorators';
import { ListQueryDto } from '../core/http/paging.dto';
import { RequirePermission } from '../groups/permission.guard';
import { AppScope } from '../signing/signed.decorator';
import { MessageDto, MessageSummaryDto, SendMessageDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@AppScope('messages')
@LoggedIn()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @RequirePermission('message.send')
  @ApiOperation({ summary: "Write to a user's inbox (1054 when their group cannot receive messages)" })
  send(@CurrentUser() user: CurrentSessionUser, @Body() body: SendMessageDto): Promise<MessageDto> {
    return this.messages.send(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Your inbox, newest first; condition: unread (true/false), from (uuid), since, until' })
  list(@CurrentUser() user: CurrentSessionUser, @Query() query: ListQueryDto): Promise<MessageSummaryDto[]> {
    return this.messages.list(user.id, query.condition, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of your messages are unread' })
  async unreadCount(@CurrentUser() user: CurrentSessionUser): Promise<{ unread: number }> {
    return { unread: await this.messages.unreadCount(user.id) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every message read' })
  async markAllRead(@CurrentUser() user: CurrentSessionUser): Promise<{ marked: number }> {
    return { marked: await this.messages.markAllRead(user.id) };
  }

  @Get(':mgid')
  @ApiOperation({ summary: 'One of your messages, whole; reading it marks it read (1057 when not yours)' })
  open(@CurrentUser() user: CurrentSessionUser, @Param('mgid') mgid: string): Promise<MessageDto> {
    return this.messages.open(user.id, mgid);
  }

  @Delete(':mgid')
  @ApiOperation({ summary: 'Delete one of your messages (1057 when not yours)' })
  async remove(@CurrentUser() user: CurrentSessionUser, @Param('mgid') mgid: string): Promise<null> {
    await this.messages.remove(user.id, mgid);
    return null;
  }
}
