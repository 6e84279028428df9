import { Injectable } from '@nestjs/common';

import { AuditService } from '../audit/audit.service';
import { CurrentSessionUser } from '../auth/caller';
import { AppConfig } from '../core/config/app-config';
import { PrismaService } from '../core/database/prisma.service';
import { ReplicaReads } from '../core/database/replica-reads';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseCondition, read } from '../core/http/condition';
import { Page, skipTake } from '../core/http/paging.dto';
import { RateLimiter } from '../core/rate-limit/rate-limiter';
import { Download, FilesService } from '../files/files.service';
import { Prisma, TutorialStatus } from '../generated/prisma/client';
import { GroupsService } from '../groups/groups.service';
import { USER_SUMMARY, userSummary } from '../users/dto/profile.dto';
import { lockUser } from '../users/user-lock';
import { CreateTutorialDto, TagCountDto, TutorialDto, TutorialSummaryDto, UpdateTutorialDto } from './dto/tutorial.dto';
import { renderMarkdown, SUMMARY_LENGTH, truncate } from './markdown';
import { normalizeTag, normalizeTags } from './tags';
import { SearchWord, TUTORIAL_SORTS, TutorialListFilter, TutorialOrder, tutorialSummary } from './tutorial-page.query';
import { initialStatus, isVisible, nextStatus } from './tutorial-rules';
import { lockTutorial, recordFirstReading, storeRendering, tagCounts, tutorialPage } from './tutorials.sql';

const MAX_SEARCH_WORDS = 8;

/** The words of `q:` (at most 8, each once), each with its reading as a tag. */
function searchWords(value: string): SearchWord[] | undefined {
  const text = read.text(100)(value);
  const words = text ? [...new Set(text.split(/\s+/).filter((word) => word !== ''))] : [];
  if (words.length === 0 || words.length > MAX_SEARCH_WORDS) return undefined;
  return words.map((word) => ({ text: word, tag: normalizeTag(word) }));
}

const LIST_CONDITION = {
  sort: read.oneOf(...TUTORIAL_SORTS),
  author: read.uuid,
  q: searchWords,
  tag: normalizeTag,
  status: read.oneOf(...Object.values(TutorialStatus)),
};

const TAGS_CONDITION = { q: read.text(32) };

const HOUR = 3600;

const ROW = {
  id: true,
  title: true,
  body: true,
  html: true,
  summary: true,
  excerpt: true,
  tags: true,
  coverFileId: true,
  status: true,
  views: true,
  likes: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  author: USER_SUMMARY,
} as const;
type TutorialRow = Prisma.TutorialGetPayload<{ select: typeof ROW }>;
type RenderedRow = TutorialRow & { html: string };

/** What deciding who may see a tutorial takes. */
const VISIBILITY = { id: true, status: true, coverFileId: true, author: { select: { id: true } } } as const;
type VisibilityRow = Prisma.TutorialGetPayload<{ select: typeof VISIBILITY }>;

const whole = ({ id, author, ...row }: RenderedRow, liked: boolean): TutorialDto => ({
  tid: id,
  title: row.title,
  excerpt: row.excerpt ?? row.summary ?? truncate(row.body, SUMMARY_LENGTH),
  tags: row.tags,
  cover: row.coverFileId,
  body: row.body,
  html: row.html,
  status: row.status,
  author: userSummary(author),
  views: row.views,
  likes: row.likes,
  liked,
  publishedAt: row.publishedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const sameTags = (a: string[], b: string[]): boolean => a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * Tutorials: written by holders of tutorial.write, published by holders of tutorial.publish
 * (or queued for them), read by everyone once published. A tutorial the caller may not see is
 * answered as if it did not exist (1052). The rules of who may move a tutorial where are in
 * tutorial-rules.ts; this service applies them to locked rows. Per author: at most
 * TUTORIAL_LIMIT_PER_HOUR new tutorials and TUTORIAL_EDIT_LIMIT_PER_HOUR edits of their content
 * an hour (1075), TUTORIAL_PENDING_LIMIT awaiting a
 * publisher at once (1060), bodies of at most TUTORIAL_BODY_MAX_LENGTH characters (1074).
 * The markdown is rendered to sanitized HTML as it is written (markdown.ts).
 */
@Injectable()
export class TutorialsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly groups: GroupsService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly files: FilesService,
    private readonly replica: ReplicaReads,
  ) {}

  /** A DRAFT, or with `publish` PUBLISHED at once (tutorial.publish, audited) or PENDING a publisher. */
  async create(author: CurrentSessionUser, input: CreateTutorialDto, ip: string): Promise<TutorialDto> {
    this.assertBodyLength(input.body);
    const tags = this.tags(input.tags ?? []);
    const coverFileId = input.cover === undefined ? undefined : await this.files.ownImage(author.id, input.cover);
    await this.limiter.consume(`tutorial:author:${author.id}`, {
      limiter: 'tutorial_create',
      limit: this.config.TUTORIAL_LIMIT_PER_HOUR,
      windowSeconds: HOUR,
    });
    const status = initialStatus(input.publish === true, await this.canPublish(author));
    const row = await this.prisma.$transaction(async (tx) => {
      if (status === TutorialStatus.PENDING) await this.assertQueueRoom(tx, author.id);
      const created = await tx.tutorial.create({
        data: {
          authorId: author.id,
          title: input.title,
          body: input.body,
          ...renderMarkdown(input.body),
          excerpt: input.excerpt,
          tags,
          coverFileId,
          status,
          publishedAt: status === TutorialStatus.PUBLISHED ? new Date() : null,
        },
        select: ROW,
      });
      if (status === TutorialStatus.PUBLISHED) await this.recordStatus(tx, author.id, ip, created.id, null, status);
      return created;
    });
    return whole(await this.rendered(row), false);
  }

  /**
   * 1011 when nothing is asked, 1052 when the caller may not see it, 1042 when they may see but
   * not make this change. The row stays locked from the check to the write, so a publisher's
   * take-down and an author's edit in flight cannot undo each other.
   */
  async update(caller: CurrentSessionUser, tid: string, changes: UpdateTutorialDto, ip: string): Promise<TutorialDto> {
    // Optional fields may arrive as null: that asks for no change.
    // excerpt and cover may be null: that removes them.
    const title = changes.title ?? undefined;
    const body = changes.body ?? undefined;
    const status = changes.status ?? undefined;
    const { excerpt, cover } = changes;
    const tags = changes.tags ? this.tags(changes.tags) : undefined;
    if ([title, body, status, excerpt, cover, tags].every((change) => change === undefined)) {
      throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'title, body, tags, excerpt, cover or status is required');
    }
    if (body !== undefined) this.assertBodyLength(body);
    const id = this.tutorialId(tid);
    const coverFileId = cover ? await this.files.ownImage(caller.id, cover) : cover;
    // An edit may re-render a whole body: counted, as creations are. A status alone is not.
    if ([title, body, tags, excerpt, cover].some((change) => change !== undefined)) {
      await this.limiter.consume(`tutorial:edit:${caller.id}`, {
        limiter: 'tutorial_edit',
        limit: this.config.TUTORIAL_EDIT_LIMIT_PER_HOUR,
        windowSeconds: HOUR,
      });
    }
    const [canWrite, canPublish] = await Promise.all([
      this.groups.hasPermission(caller.groupId, 'tutorial.write'),
      this.canPublish(caller),
    ]);
    const row = await this.prisma.$transaction(async (tx) => {
      // Only an author without tutorial.publish sends their tutorial to the queue (capped below).
      // Their row is locked before the tutorial's, the order a user's deletion takes them in.
      const mayQueue = canWrite && !canPublish;
      if (mayQueue) await lockUser(tx, caller.id);
      const current = await this.lock(tx, id);
      const role = { isAuthor: current.authorId === caller.id, canWrite, canPublish };
      if (!isVisible(current.status, role)) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
      const contentChanged =
        (title !== undefined && title !== current.title) ||
        (body !== undefined && body !== current.body) ||
        (tags !== undefined && !sameTags(tags, current.tags)) ||
        (excerpt !== undefined && excerpt !== current.excerpt) ||
        (coverFileId !== undefined && coverFileId !== current.coverFileId);
      const next = nextStatus(current.status, { contentChanged, status }, role);
      if (mayQueue && next === TutorialStatus.PENDING && current.status !== TutorialStatus.PENDING)
        await this.assertQueueRoom(tx, caller.id);
      const firstPublication = next === TutorialStatus.PUBLISHED && current.publishedAt === null;
      const updated = await tx.tutorial.update({
        where: { id },
        data: {
          title,
          ...(body !== undefined && body !== current.body && { body, ...renderMarkdown(body) }),
          tags,
          excerpt,
          coverFileId,
          status: next,
          publishedAt: firstPublication ? new Date() : undefined,
        },
        select: ROW,
      });
      // Only tutorial.publish moves another's tutorial, publishes or hides: those are publishers' decisions.
      const publisherDecision = !role.isAuthor || next === TutorialStatus.PUBLISHED || next === TutorialStatus.HIDDEN;
      if (next !== current.status && publisherDecision) await this.recordStatus(tx, caller.id, ip, id, current.status, next);
      return updated;
    });
    return whole(await this.rendered(row), await this.likes(id, caller.id));
  }

  /** The whole tutorial (1052 unless visible); a logged-in reader's first reading of a published one counts a view. */
  async read(tid: string, reader: CurrentSessionUser | undefined): Promise<TutorialDto> {
    const id = this.tutorialId(tid);
    // Recorded before the read, so the answer counts this reader even when a parallel reading of theirs inserted the row.
    if (reader) await recordFirstReading(this.prisma, id, reader.id);
    const row = await this.prisma.tutorial.findUnique({ where: { id }, select: ROW });
    if (!row || !(await this.visibleTo(row, reader))) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    return whole(await this.rendered(row), reader ? await this.likes(id, reader.id) : false);
  }

  /** The cover image of a tutorial the caller may see: 1052 otherwise, 1048 when it has none, 1051 once its file is gone. */
  async cover(tid: string, reader: CurrentSessionUser | undefined): Promise<Download> {
    const row = await this.prisma.tutorial.findUnique({ where: { id: this.tutorialId(tid) }, select: VISIBILITY });
    if (!row || !(await this.visibleTo(row, reader))) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    if (!row.coverFileId) throw new DomainError(ErrorCode.FILE_NOT_FOUND, 'the tutorial has no cover');
    return this.files.image(row.coverFileId);
  }

  /**
   * Published tutorials; `condition`: q (words, each in the title, a tag or the body; ranked by
   * relevance unless a sort is given), tag, sort (hot, new, views, relevance; new by default),
   * author (uuid), status (other than PUBLISHED: publishers, or an author listing their own);
   * 1045 otherwise. Anonymous readers of published tutorials read the replica (a list may lag);
   * a reader with a session reads the primary, since their own likes and tutorials are in it.
   */
  async list(condition: string | undefined, paging: Page, reader: CurrentSessionUser | undefined): Promise<TutorialSummaryDto[]> {
    const filter = parseCondition(condition, LIST_CONDITION);
    const status = filter.status ?? TutorialStatus.PUBLISHED;
    if (filter.sort === 'relevance' && !filter.q) throw new DomainError(ErrorCode.CONDITION_INVALID, 'sort:relevance ranks the words of q');
    if (status !== TutorialStatus.PUBLISHED) await this.assertMayListUnpublished(reader, filter.author);
    const sort = filter.sort ?? (filter.q ? 'relevance' : 'new');
    const db = reader === undefined && status === TutorialStatus.PUBLISHED ? this.replica.prisma : this.prisma;
    return this.page({ status, authorId: filter.author, tag: filter.tag, words: filter.q, readerId: reader?.id }, sort, paging, db);
  }

  /** Tags of published tutorials with how many carry each, most used first; `condition`: q (in the tag). */
  async tagCounts(condition: string | undefined, paging: Page): Promise<TagCountDto[]> {
    const { q } = parseCondition(condition, TAGS_CONDITION);
    return tagCounts(this.replica.prisma, q, skipTake(paging));
  }

  /**
   * Published tutorials by others that the reader has neither read nor liked, those sharing most
   * tags with what they read and liked first, then the hottest; 1055 when the page holds none.
   */
  async recommended(reader: CurrentSessionUser, paging: Page): Promise<TutorialSummaryDto[]> {
    const items = await this.page({ status: TutorialStatus.PUBLISHED, unseenBy: reader.id }, 'interest', paging);
    if (items.length === 0) throw new DomainError(ErrorCode.NO_RECOMMENDATIONS, 'you have read everything published so far');
    return items;
  }

  /** 1052 unless the reader may see the tutorial (what they may report); its id. */
  async assertVisible(tid: string, reader: CurrentSessionUser): Promise<string> {
    const row = await this.prisma.tutorial.findUnique({ where: { id: this.tutorialId(tid) }, select: VISIBILITY });
    if (!row || !(await this.visibleTo(row, reader))) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    return row.id;
  }

  /** Whether the file is the cover of a tutorial the reader may see (others' files are seen only so). */
  async showsCover(fileId: string, reader: CurrentSessionUser): Promise<boolean> {
    const rows = await this.prisma.tutorial.findMany({ where: { coverFileId: fileId }, select: VISIBILITY });
    for (const row of rows) if (await this.visibleTo(row, reader)) return true;
    return false;
  }

  /**
   * Hides a tutorial in the caller's transaction (a moderator's verdict on a report), audited as a
   * publisher's decision is; its author, or undefined when it is gone.
   */
  async takeDownIn(tx: Prisma.TransactionClient, id: string, actorId: string, ip: string): Promise<string | undefined> {
    const row = await lockTutorial(tx, id);
    if (!row) return undefined;
    if (row.status !== TutorialStatus.HIDDEN) {
      await tx.tutorial.update({ where: { id }, data: { status: TutorialStatus.HIDDEN } });
      await this.recordStatus(tx, actorId, ip, id, row.status, TutorialStatus.HIDDEN);
    }
    return row.author_id;
  }

  private async page(filter: TutorialListFilter, order: TutorialOrder, paging: Page, db = this.prisma): Promise<TutorialSummaryDto[]> {
    return (await tutorialPage(db, filter, order, paging)).map(tutorialSummary);
  }

  /**
   * The row with its HTML: rows written before rendering existed are rendered now, and stored
   * unless an edit stored its own meanwhile.
   */
  private async rendered(row: TutorialRow): Promise<RenderedRow> {
    if (row.html !== null) return { ...row, html: row.html };
    const { html, summary } = renderMarkdown(row.body);
    await storeRendering(this.prisma, row.id, { html, summary });
    return { ...row, html, summary };
  }

  private async likes(id: string, userId: string): Promise<boolean> {
    return (await this.prisma.tutorialLike.count({ where: { tutorialId: id, userId } })) > 0;
  }

  /** 1074 when one is not a tag. */
  private tags(raw: string[]): string[] {
    const tags = normalizeTags(raw);
    if (!tags) throw new DomainError(ErrorCode.MALFORMED_REQUEST, 'a tag is 1-32 letters, digits or + # . _ -');
    return tags;
  }

  private async visibleTo(row: Pick<VisibilityRow, 'status' | 'author'>, reader: CurrentSessionUser | undefined): Promise<boolean> {
    if (row.status === TutorialStatus.PUBLISHED) return true;
    if (!reader) return false;
    return isVisible(row.status, { isAuthor: row.author.id === reader.id, canPublish: await this.canPublish(reader) });
  }

  private async assertMayListUnpublished(reader: CurrentSessionUser | undefined, authorId: string | undefined): Promise<void> {
    if (!reader) throw new DomainError(ErrorCode.NOT_AUTHENTICATED, 'log in to list unpublished tutorials');
    if (authorId === reader.id || (await this.canPublish(reader))) return;
    throw new DomainError(ErrorCode.PERMISSION_DENIED, 'only publishers list unpublished tutorials other than their own');
  }

  /** The DTO holds the database's ceiling; the configured maximum may be lower. */
  private assertBodyLength(body: string): void {
    const max = this.config.TUTORIAL_BODY_MAX_LENGTH;
    if ([...body].length > max) throw new DomainError(ErrorCode.MALFORMED_REQUEST, `body is at most ${max} characters`);
  }

  /**
   * 1060 once the author has TUTORIAL_PENDING_LIMIT tutorials awaiting a publisher. The author's
   * row is locked (again, if the caller holds it already) to the end of the transaction, so
   * parallel requests of one author queue and each counts what the others queued.
   */
  private async assertQueueRoom(tx: Prisma.TransactionClient, authorId: string): Promise<void> {
    const limit = this.config.TUTORIAL_PENDING_LIMIT;
    if (limit === 0) return;
    await lockUser(tx, authorId);
    const pending = await tx.tutorial.count({ where: { authorId, status: TutorialStatus.PENDING } });
    if (pending >= limit) throw new DomainError(ErrorCode.APP_QUOTA_REACHED, `at most ${limit} tutorials may await a publisher at once`);
  }

  /** A publisher's decision (publishing, hiding, or moving another's tutorial) goes to the audit log with the change. */
  private recordStatus(
    tx: Prisma.TransactionClient,
    actorId: string,
    ip: string,
    id: string,
    from: TutorialStatus | null,
    to: TutorialStatus,
  ): Promise<void> {
    return this.audit.record(
      { action: 'tutorial.status', actorId, targetType: 'tutorial', targetId: id, ip, details: { status: { from, to } } },
      tx,
    );
  }

  private canPublish(user: CurrentSessionUser): Promise<boolean> {
    return this.groups.hasPermission(user.groupId, 'tutorial.publish');
  }

  /**
   * The tutorial's row, locked to the end of the transaction (NO KEY UPDATE: readers' view rows
   * that reference it are not held up); 1052 when there is none.
   */
  private async lock(tx: Prisma.TransactionClient, id: string) {
    if (!(await lockTutorial(tx, id))) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    return tx.tutorial.findUniqueOrThrow({
      where: { id },
      select: { authorId: true, status: true, title: true, body: true, tags: true, excerpt: true, coverFileId: true, publishedAt: true },
    });
  }

  /** A malformed tid is a tutorial that does not exist. */
  private tutorialId(tid: string): string {
    const id = read.uuid(tid);
    if (!id) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    return id;
  }
}
