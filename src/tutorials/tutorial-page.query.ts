import { likeEscaped } from '../core/database/like-pattern';
import type { Page } from '../core/http/paging.dto';
import type { TutorialStatus } from '../generated/prisma/client';
import type { TutorialSummaryDto } from './dto/tutorial.dto';

// Plain functions whose only runtime import has none itself: the benchmark baseline
// (bench/baseline/server.js) sends this very statement and shapes its answer with the same mapping.

/** The orders a list may ask for; `relevance` needs search words. */
export const TUTORIAL_SORTS = ['hot', 'new', 'views', 'relevance'] as const;
export type TutorialSort = (typeof TUTORIAL_SORTS)[number];
/** ... and recommendations' own: tags in common with what the reader read and liked. */
export type TutorialOrder = TutorialSort | 'interest';

/** One search word: its ILIKE pattern, and the word as a tag when it is one. */
export interface SearchWord {
  text: string;
  tag?: string;
}

export interface TutorialListFilter {
  status: TutorialStatus;
  authorId?: string;
  /** A normalized tag the tutorial carries. */
  tag?: string;
  /** Every word appears (case-insensitively, literally) in the title, a tag or the body. */
  words?: SearchWord[];
  /** Leaves out what this user wrote, has read or likes (recommendations). */
  unseenBy?: string;
  /** The caller, whose likes the page shows (`liked`). */
  readerId?: string;
}

export interface TutorialSummaryRow {
  id: string;
  title: string;
  excerpt: string;
  tags: string[];
  cover_file_id: string | null;
  views: number;
  likes: number;
  liked: boolean;
  published_at: Date | null;
  author_id: string;
  username: string;
  nickname: string;
}

type RankColumn = 'views' | 'published_at' | 'created_at' | 'id' | 'relevance';
type Column = (name: RankColumn) => string;

/** Gravity: readers over (hours since publication + 2)^1.5. A clock running behind counts as 0 hours. */
const hotRank = (col: Column): string =>
  `${col('views')} / power(greatest(extract(epoch FROM now() - ${col('published_at')})::float8 / 3600, 0) + 2, 1.5)`;

/** Each order ends newest first (never-published ones last), so every tie is broken the same way. */
const newest = (col: Column): string => `${col('published_at')} DESC NULLS LAST, ${col('created_at')} DESC, ${col('id')} DESC`;
/** Search and recommendations: their score first, then recent popularity. */
const scored = (col: Column): string => `${col('relevance')} DESC, ${hotRank(col)} DESC NULLS LAST, ${newest(col)}`;
const ORDER: Record<TutorialOrder, (col: Column) => string> = {
  new: newest,
  views: (col) => `${col('views')} DESC, ${newest(col)}`,
  hot: (col) => `${hotRank(col)} DESC NULLS LAST, ${newest(col)}`,
  relevance: scored,
  interest: scored,
};
/** Inside the ranking query the score is its output column; outside, a column of the ranked page. */
const candidate: Column = (name) => (name === 'relevance' ? name : `c.${name}`);
const ranked: Column = (name) => `p.${name}`;

const SUMMARY_LENGTH = 200;

/**
 * Where a search word counts: 4 in the title, 3 as a whole tag (2 inside one), 1 in the body. The
 * title's trigram similarity to the whole query (below 1) orders tutorials of equal weight; it is
 * 0 for words too short to have trigrams, so the weights, not it, carry the ranking.
 */
function searchScore(words: SearchWord[], query: string, param: (value: unknown) => string): string {
  const weights = words.map(({ text, tag }) => {
    const pattern = param(`%${likeEscaped(text)}%`);
    const asTag = tag === undefined ? '' : `WHEN ${param(tag)}::text = ANY(c.tags) THEN 3 `;
    return `CASE WHEN c.title ILIKE ${pattern} THEN 4 ELSE 0 END
          + CASE ${asTag}WHEN pg_catalog.array_to_string(c.tags, ' ') ILIKE ${pattern} THEN 2 ELSE 0 END
          + CASE WHEN c.body ILIKE ${pattern} THEN 1 ELSE 0 END`;
  });
  return `${weights.join(' + ')} + similarity(c.title, ${param(query)})`;
}

/** Tags of what the reader read and liked, each weighted by how many of those carry it (a liked reading twice). */
const INTERESTS = (reader: string): string => `WITH interests AS (
    SELECT tag, count(*) AS weight
      FROM (SELECT tutorial_id FROM tutorial_views WHERE user_id = ${reader}::uuid
            UNION ALL SELECT tutorial_id FROM tutorial_likes WHERE user_id = ${reader}::uuid) AS known
      JOIN tutorials k ON k.id = known.tutorial_id, unnest(k.tags) AS tag
     GROUP BY tag)
  `;

/**
 * One page of summaries as ONE statement: the inner query ranks the candidates (for the plain
 * orders from the columns the published-rows indexes hold: index-only, no body read), and only the
 * page's rows are then read whole and joined to their authors.
 */
export function tutorialPageQuery(
  filter: TutorialListFilter,
  order: TutorialOrder,
  { page, pageSize }: Page,
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => `$${values.push(value)}`;
  const where = [`c.status = ${param(filter.status)}::"TutorialStatus"`];
  if (filter.authorId) where.push(`c.author_id = ${param(filter.authorId)}::uuid`);
  if (filter.tag) where.push(`c.tags @> ARRAY[${param(filter.tag)}::text]`);
  for (const { text } of filter.words ?? []) {
    // The very expression of the trigram index, so the index serves words of 3+ characters.
    where.push(`tutorial_search_text(c.title, c.tags, c.body) ILIKE ${param(`%${likeEscaped(text)}%`)}`);
  }
  let prefix = '';
  let score = '';
  if (filter.unseenBy) {
    const reader = param(filter.unseenBy);
    where.push(`c.author_id <> ${reader}::uuid`);
    where.push(`NOT EXISTS (SELECT 1 FROM tutorial_views v WHERE v.tutorial_id = c.id AND v.user_id = ${reader}::uuid)`);
    where.push(`NOT EXISTS (SELECT 1 FROM tutorial_likes l WHERE l.tutorial_id = c.id AND l.user_id = ${reader}::uuid)`);
    if (order === 'interest') {
      prefix = INTERESTS(reader);
      score = `, coalesce((SELECT sum(i.weight) FROM interests i WHERE i.tag = ANY(c.tags)), 0) AS relevance`;
    }
  }
  if (order === 'relevance' && filter.words?.length) {
    score = `, ${searchScore(filter.words, filter.words.map((word) => word.text).join(' '), param)} AS relevance`;
  }
  if ((order === 'relevance' || order === 'interest') && !score) throw new Error(`order ${order} needs search words or a reader`);
  const liked = filter.readerId
    ? `EXISTS (SELECT 1 FROM tutorial_likes l WHERE l.tutorial_id = t.id AND l.user_id = ${param(filter.readerId)}::uuid)`
    : 'false';
  const text = `${prefix}SELECT t.id, t.title, coalesce(t.excerpt, t.summary, left(t.body, ${SUMMARY_LENGTH})) AS excerpt, t.tags, t.cover_file_id,
         t.views, t.likes, ${liked} AS liked, t.published_at, u.id AS author_id, u.username, u.nickname
    FROM (SELECT c.id, c.views, c.published_at, c.created_at${score} FROM tutorials c
           WHERE ${where.join(' AND ')}
           ORDER BY ${ORDER[order](candidate)} LIMIT ${param(pageSize)} OFFSET ${param((page - 1) * pageSize)}) AS p
    JOIN tutorials t ON t.id = p.id
    JOIN users u ON u.id = t.author_id
   ORDER BY ${ORDER[order](ranked)}`;
  return { text, values };
}

export const tutorialSummary = (row: TutorialSummaryRow): TutorialSummaryDto => ({
  tid: row.id,
  title: row.title,
  excerpt: row.excerpt,
  tags: row.tags,
  cover: row.cover_file_id,
  author: { uuid: row.author_id, username: row.username, nickname: row.nickname },
  views: row.views,
  likes: row.likes,
  liked: row.liked,
  publishedAt: row.published_at,
});
