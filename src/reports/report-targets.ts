import { Injectable } from '@nestjs/common';

import { AdminUsersService } from '../admin/admin-users.service';
import { CurrentSessionUser } from '../auth/caller';
import { PrismaService } from '../core/database/prisma.service';
import { AfterCommit, Db, nothingAfterCommit } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { FilesService } from '../files/files.service';
import { Prisma, ReportTargetType } from '../generated/prisma/client';
import { MessagesService } from '../messages/messages.service';
import { TutorialsService } from '../tutorials/tutorials.service';
import { USER_SUMMARY, userSummary } from '../users/dto/profile.dto';
import { UsersService } from '../users/users.service';
import { ReportTargetDto } from './dto/report.dto';

const NOT_FOUND: Record<ReportTargetType, ErrorCode> = {
  tutorial: ErrorCode.TUTORIAL_NOT_FOUND,
  message: ErrorCode.MESSAGE_NOT_FOUND,
  user: ErrorCode.USER_NOT_FOUND,
  file: ErrorCode.FILE_NOT_FOUND,
};

const GONE: ReportTargetDto = { exists: false, name: null, text: null, state: null, author: null };

/**
 * The four kinds of things a user can report, each through the module that owns it: who may see
 * it (and so report it), what a moderator is shown, and how an upheld report takes it down.
 */
@Injectable()
export class ReportTargets {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tutorials: TutorialsService,
    private readonly messages: MessagesService,
    private readonly users: UsersService,
    private readonly adminUsers: AdminUsersService,
    private readonly files: FilesService,
  ) {}

  /**
   * The target's id when the reporter can see it; otherwise its module's not-found answer: 1052 a
   * tutorial they may not read, 1057 a message not in their inbox, 1053 an unknown user (1058 one
   * locked or banned, as their profile answers), 1048 a file neither theirs nor a visible cover.
   */
  async assertVisible(type: ReportTargetType, targetId: string, reporter: CurrentSessionUser): Promise<string> {
    const id = read.uuid(targetId);
    if (!id) throw new DomainError(NOT_FOUND[type]);
    switch (type) {
      case ReportTargetType.tutorial:
        return this.tutorials.assertVisible(id, reporter);
      case ReportTargetType.message:
        return (await this.messages.inInbox(reporter.id, id)).id;
      case ReportTargetType.user:
        return (await this.users.publicProfile(id)).uuid;
      case ReportTargetType.file: {
        const file = await this.prisma.file.findUnique({ where: { id }, select: { ownerId: true, deletedAt: true } });
        const seen = file && !file.deletedAt && (file.ownerId === reporter.id || (await this.tutorials.showsCover(id, reporter)));
        if (!seen) throw new DomainError(ErrorCode.FILE_NOT_FOUND);
        return id;
      }
      default:
        return assertUnreachable(type);
    }
  }

  /** The target as it is now, for moderators (a message's content included: its recipient reported it). */
  async describe(type: ReportTargetType, id: string, db: Db = this.prisma): Promise<ReportTargetDto> {
    switch (type) {
      case ReportTargetType.tutorial: {
        const row = await db.tutorial.findUnique({
          where: { id },
          select: { title: true, body: true, status: true, author: USER_SUMMARY },
        });
        return row ? { exists: true, name: row.title, text: row.body, state: row.status, author: userSummary(row.author) } : GONE;
      }
      case ReportTargetType.message: {
        const row = await db.message.findUnique({ where: { id }, select: { title: true, body: true, sender: USER_SUMMARY } });
        return row ? { exists: true, name: row.title, text: row.body, state: null, author: row.sender && userSummary(row.sender) } : GONE;
      }
      case ReportTargetType.user: {
        const row = await db.user.findUnique({ where: { id }, select: { ...USER_SUMMARY.select, status: true } });
        return row ? { exists: true, name: row.nickname, text: null, state: row.status, author: userSummary(row) } : GONE;
      }
      case ReportTargetType.file: {
        const row = await db.file.findUnique({ where: { id }, select: { name: true, deletedAt: true, owner: USER_SUMMARY } });
        return row
          ? { exists: true, name: row.name, text: null, state: row.deletedAt ? 'deleted' : 'live', author: userSummary(row.owner) }
          : GONE;
      }
      default:
        return assertUnreachable(type);
    }
  }

  /**
   * Takes the target down inside the review's transaction, through its module and audited there
   * as that module audits it: a tutorial HIDDEN, a message out of the inbox, a user LOCKED (as
   * PATCH /admin/users/:uuid does it), a file withdrawn with its download credentials. The
   * moderator must outrank the user, or the content's author (the tutorial's author, the message's
   * sender, the file's owner), as for any act on a user (1054). A target already gone or down
   * stays so.
   */
  async takeDownIn(
    tx: Prisma.TransactionClient,
    type: ReportTargetType,
    id: string,
    moderator: CurrentSessionUser,
    ip: string,
  ): Promise<AfterCommit> {
    const author = await this.authorOf(tx, type, id);
    if (author) await this.adminUsers.assertOutranksIn(tx, moderator, author);
    switch (type) {
      case ReportTargetType.tutorial:
        await this.tutorials.takeDownIn(tx, id, moderator.id, ip);
        return nothingAfterCommit;
      case ReportTargetType.message:
        await this.messages.removeIn(tx, id);
        return nothingAfterCommit;
      case ReportTargetType.user: {
        if (!(await tx.user.findUnique({ where: { id }, select: { id: true } }))) return nothingAfterCommit;
        return this.adminUsers.lockIn(tx, moderator, id, ip);
      }
      case ReportTargetType.file: {
        const storageKey = await this.files.withdrawIn(tx, id);
        return storageKey ? () => this.files.discard(storageKey) : nothingAfterCommit;
      }
      default:
        return assertUnreachable(type);
    }
  }

  /** Who wrote or owns a content target (none for a user, whose lock checks the rank itself, or for the platform's messages). */
  private async authorOf(db: Db, type: ReportTargetType, id: string): Promise<string | null | undefined> {
    switch (type) {
      case ReportTargetType.tutorial:
        return (await db.tutorial.findUnique({ where: { id }, select: { authorId: true } }))?.authorId;
      case ReportTargetType.message:
        return (await db.message.findUnique({ where: { id }, select: { senderId: true } }))?.senderId;
      case ReportTargetType.user:
        return undefined;
      case ReportTargetType.file:
        return (await db.file.findUnique({ where: { id }, select: { ownerId: true } }))?.ownerId;
      default:
        return assertUnreachable(type);
    }
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unknown report target type ${String(value)}`);
}
