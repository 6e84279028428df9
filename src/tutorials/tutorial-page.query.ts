import { likeEscaped } from '../core/database/like-pattern';
import type { Page } from '../core/http/paging.dto';
import type { TutorialStatus } from '../generated/prisma/client';
import type { TutorialSummaryDto } from './dto/tutorial.dto';

// Plain functions whose only runtime import has none itself: the benchmark baseline
// (bench/baseline/server.js) sends this very statement and shapes its answer with the same mapping.

export const TUTORIAL_SORTS = ['hot', 'new', 'views'] as const;
export type TutorialSort = (typeof TUTORIAL_SORTS)[number];

export interface TutorialListFilter {
  status: TutorialStatus;
  authorId?: string;
  /** Case-insensitively in the title. */
  titleContains?: string;
  /** Leaves out what this user wrote or has read (recommendations). */
  unseenBy?: string;
}

export interface TutorialSummaryRow {
  id: string;
  title: string;
  summary: string;
  views: number;
  published_at: Date | null;
  author_id: string;
  username: string;
  nickname: string;
}

const SUMMARY_LENGTH = 200;

/** Gravity: readers over (hours since publication + 2)^1.5. A clock running behind counts as 0 hours. */
const hotRank = (t: string): string => `${t}.views / power(greatest(extract(epoch FROM now() - ${t}.published_at)::float8 / 3600, 0) + 2, 1.5)`;

/** Each order ends newest first (never-published ones last), so every tie is broken the same way. */
const newest = (t: string): string => `${t}.published_at DESC NULLS LAST, ${t}.created_at DESC, ${t}.id DESC`;
const ORDER: Record<TutorialSort, (t: string) => string> = {
  new: newest,
  views: (t) => `${t}.views DESC, ${newest(t)}`,
  hot: (t) => `${hotRank(t)} DESC NULLS LAST, ${newest(t)}`,
};

/**
 * One page of summaries as ONE statement: the inner query ranks the candidates from the columns
 * the published-rows indexes hold (index-only, no body read), and only the page's rows are then
 * read whole and joined to their authors.
 */
export function tutorialPageQuery(filter: TutorialListFilter, sort: TutorialSort, { page, pageSize }: Page): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => `$${values.push(value)}`;
  const where = [`c.status = ${param(filter.status)}::"TutorialStatus"`];
  if (filter.authorId) where.push(`c.author_id = ${param(filter.authorId)}::uuid`);
  if (filter.titleContains) where.push(`c.title ILIKE ${param(`%${likeEscaped(filter.titleContains)}%`)}`);
  if (filter.unseenBy) {
    const reader = param(filter.unseenBy);
    where.push(`c.author_id <> ${reader}::uuid`);
    where.push(`NOT EXISTS (SELECT 1 FROM tutorial_views v WHERE v.tutorial_id = c.id AND v.user_id = ${reader}::uuid)`);
  }
  const text = `SELECT t.id, t.title, left(t.body, ${SUMMARY_LENGTH}) AS summary, t.views, t.published_at, u.id AS author_id, u.username, u.nickname
    FROM (SELECT c.id, c.views, c.published_at, c.created_at FROM tutorials c
           WHERE ${where.join(' AND ')}
           ORDER BY ${ORDER[sort]('c')} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}) AS p
    JOIN tutorials t ON t.id = p.id
    JOIN users u ON u.id = t.author_id
   ORDER BY ${ORDER[sort]('p')}`;
  return { text, values };
}

export const tutorialSummary = (row: TutorialSummaryRow): TutorialSummaryDto => ({
  tid: row.id,
  title: row.title,
  summary: row.summary,
  author: { uuid: row.author_id, username: row.username, nickname: row.nickname },
  views: row.views,
  publishedAt: row.published_at,
});
