import { Injectable } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { Prisma, UserStatus } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { USER_SUMMARY, userSummary } from '../users/dto/profile.dto';
import { MessageDto, MessageSummaryDto, SendMessageDto } from './dto/message.dto';
import { deleteMessage } from './messages.sql';

const CONDITION = {
  unread: read.oneOf('true', 'false'),
  from: read.uuid,
  since: read.date,
  until: read.date,
};

const PREVIEW_LENGTH = 120;
const HOUR = 3600;

const ROW = {
  id: true,
  title: true,
  body: true,
  readAt: true,
  createdAt: true,
  sender: USER_SUMMARY,
} as const;
type MessageRow = Prisma.MessageGetPayload<{ select: typeof ROW }>;

const summary = ({ id, sender, title, body, readAt, createdAt }: MessageRow): MessageSummaryDto => ({
  mgid: id,
  from: sender && userSummary(sender),
  title,
  preview: [...body].slice(0, PREVIEW_LENGTH).join(''),
  readAt,
  createdAt,
});

const whole = (row: MessageRow): MessageDto => ({ ...summary(row), body: row.body });

/**
 * The inbox. A message belongs to its recipient alone: any mgid that is not the caller's is
 * answered as if it did not exist (1057). Only users whose group holds `message.receive` can be
 * written to (1054).
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly groups: GroupsService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /** 1053 for an unknown or unverified recipient, 1058 when locked or banned, 1054 when their group cannot receive. */
  async send(senderId: string, input: SendMessageDto): Promise<MessageDto> {
    await this.limiter.consume(`message:sender:${senderId}`, {
      limiter: 'message_send',
      limit: this.config.MESSAGE_LIMIT_PER_HOUR,
      windowSeconds: HOUR,
    });
    const recipient = await this.prisma.user.findUnique({
      where: { id: input.to.toLowerCase() },
      select: { id: true, status: true, groupId: true },
    });
    if (!recipient || recipient.status === UserStatus.PENDING) throw new DomainError(ErrorCode.USER_NOT_FOUND);
    if (recipient.status !== UserStatus.ACTIVE) throw new DomainError(ErrorCode.USER_ABNORMAL, `recipient is ${recipient.status}`);
    if (!(await this.groups.hasPermission(recipient.groupId, 'message.receive'))) {
      throw new DomainError(ErrorCode.TARGET_PERMISSION_DENIED, "the recipient's group cannot receive messages");
    }
    const row = await this.prisma.message.create({
      data: { recipientId: recipient.id, senderId, title: input.title, body: input.body },
      select: ROW,
    });
    return whole(row);
  }

  /** `condition`: unread (true or false), from (a sender's uuid), since, until; 1045 otherwise. */
  async list(userId: string, condition: string | undefined, page: Page): Promise<MessageSummaryDto[]> {
    const filter = parseCondition(condition, CONDITION);
    const rows = await this.prisma.message.findMany({
      where: {
        recipientId: userId,
        senderId: filter.from,
        readAt: filter.unread === undefined ? undefined : filter.unread === 'true' ? null : { not: null },
        createdAt: { gte: filter.since, lt: filter.until },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      ...skipTake(page),
      select: ROW,
    });
    return rows.map(summary);
  }

  unreadCount(userId: string): Promise<number> {
    return this.prisma.message.count({ where: { recipientId: userId, readAt: null } });
  }

  /** The whole message; the first reading marks it read. */
  async open(userId: string, mgid: string): Promise<MessageDto> {
    const id = this.messageId(mgid);
    await this.prisma.message.updateMany({ where: { id, recipientId: userId, readAt: null }, data: { readAt: new Date() } });
    const row = await this.prisma.message.findFirst({ where: { id, recipientId: userId }, select: ROW });
    if (!row) throw new DomainError(ErrorCode.MESSAGE_NOT_FOUND);
    return whole(row);
  }

  /** Marks every unread message read and says how many were. */
  async markAllRead(userId: string): Promise<number> {
    return (await this.prisma.message.updateMany({ where: { recipientId: userId, readAt: null }, data: { readAt: new Date() } })).count;
  }

  /**
   * A notice from the platform itself (no sender, `from: null`) in the caller's transaction: it
   * exists exactly when what it tells of does. It reaches any recipient: message.receive governs
   * what users send each other, not what the platform tells them about their own account.
   */
  async notifyIn(tx: Prisma.TransactionClient, recipientId: string, notice: { title: string; body: string }): Promise<void> {
    await tx.message.create({ data: { recipientId, senderId: null, title: notice.title, body: notice.body } });
  }

  /** The message if it is in this user's inbox (1057 otherwise): what they may report. */
  async inInbox(userId: string, mgid: string): Promise<{ id: string; senderId: string | null }> {
    const row = await this.prisma.message.findFirst({
      where: { id: this.messageId(mgid), recipientId: userId },
      select: { id: true, senderId: true },
    });
    if (!row) throw new DomainError(ErrorCode.MESSAGE_NOT_FOUND);
    return row;
  }

  /** Takes a message out of its recipient's inbox inside the caller's transaction; what it was, or undefined when already gone. */
  removeIn(tx: Prisma.TransactionClient, id: string): Promise<{ senderId: string | null; title: string } | undefined> {
    return deleteMessage(tx, id);
  }

  async remove(userId: string, mgid: string): Promise<void> {
    const { count } = await this.prisma.message.deleteMany({ where: { id: this.messageId(mgid), recipientId: userId } });
    if (count === 0) throw new DomainError(ErrorCode.MESSAGE_NOT_FOUND);
  }

  private messageId(mgid: string): string {
    const id = read.uuid(mgid);
    if (!id) throw new DomainError(ErrorCode.MESSAGE_NOT_FOUND);
    return id;
  }
}
