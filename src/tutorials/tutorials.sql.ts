import { likeEscaped } from '../core/database/like-pattern';
import type { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import type { Page } from '../core/http/paging.dto';
import { Prisma, TutorialStatus } from '../generated/prisma/client';
import { TutorialListFilter, TutorialOrder, tutorialPageQuery, TutorialSummaryRow } from './tutorial-page.query';

// The page of summaries is built in tutorial-page.query.ts, which the benchmark's baseline loads
// and sends as it is.

/** One page of summaries, straight on the pool: the hot list is benchmark scenario 4. */
export function tutorialPage(
  prisma: PrismaService,
  filter: TutorialListFilter,
  order: TutorialOrder,
  paging: Page,
): Promise<TutorialSummaryRow[]> {
  const { text, values } = tutorialPageQuery(filter, order, paging);
  return prisma.hotQuery<TutorialSummaryRow>(text, values);
}

/** Tags of published tutorials with how many carry each, most used first; `q` in the tag. */
export function tagCounts(db: Db, q: string | undefined, page: { skip: number; take: number }): Promise<{ tag: string; count: number }[]> {
  const matching = q === undefined ? Prisma.empty : Prisma.sql`AND tag ILIKE ${`%${likeEscaped(q.toLowerCase())}%`}`;
  return db.$queryRaw<{ tag: string; count: number }[]>`
    SELECT tag, count(*)::int AS count FROM tutorials, unnest(tags) AS tag
     WHERE status = 'PUBLISHED' ${matching}
     GROUP BY tag ORDER BY count DESC, tag LIMIT ${page.take} OFFSET ${page.skip}`;
}

/**
 * Locks the tutorial's row to the end of the transaction (NO KEY UPDATE: readers' view rows that
 * reference it are not held up): its author and status, or undefined when there is none.
 */
export async function lockTutorial(
  tx: Prisma.TransactionClient,
  id: string,
): Promise<{ author_id: string; status: TutorialStatus } | undefined> {
  const [row] = await tx.$queryRaw<{ author_id: string; status: TutorialStatus }[]>`
    SELECT author_id, status FROM tutorials WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
  return row;
}

/** Stores the rendering of a tutorial written before rendering existed, unless an edit stored its own meanwhile. */
export async function storeRendering(db: Db, id: string, rendering: { html: string; summary: string }): Promise<void> {
  await db.$executeRaw`UPDATE tutorials SET html = ${rendering.html}, summary = ${rendering.summary} WHERE id = ${id}::uuid AND html IS NULL`;
}

/**
 * Records a reader's first reading of a published tutorial not their own, and counts it, in one
 * statement: the count moves only when the row is new, so parallel readings count once.
 */
export async function recordFirstReading(db: Db, id: string, userId: string): Promise<void> {
  await db.$executeRaw`
    WITH first_reading AS (
      INSERT INTO tutorial_views (tutorial_id, user_id)
      SELECT id, ${userId}::uuid FROM tutorials WHERE id = ${id}::uuid AND status = 'PUBLISHED' AND author_id <> ${userId}::uuid
      ON CONFLICT DO NOTHING
      RETURNING tutorial_id
    )
    UPDATE tutorials SET views = views + 1 FROM first_reading WHERE tutorials.id = first_reading.tutorial_id`;
}

/**
 * A like of a published tutorial added (or taken back) in ONE statement: the like row is added
 * (or removed) and tutorials.likes moved only when that happened, so however many likes and
 * unlikes race, the count is the number of rows. The count this statement left, or, when it
 * changed nothing, the one it read; undefined when the tutorial is not published.
 */
export async function setLike(db: Db, id: string, userId: string, liked: boolean): Promise<number | undefined> {
  const [row] = await db.$queryRaw<{ likes: number }[]>(liked ? LIKE(id, userId) : UNLIKE(id, userId));
  return row?.likes;
}

const LIKE = (id: string, userId: string): Prisma.Sql => Prisma.sql`
  WITH target AS (SELECT id, likes FROM tutorials WHERE id = ${id}::uuid AND status = 'PUBLISHED'),
    added AS (INSERT INTO tutorial_likes (tutorial_id, user_id) SELECT id, ${userId}::uuid FROM target ON CONFLICT DO NOTHING RETURNING tutorial_id),
    counted AS (UPDATE tutorials t SET likes = t.likes + 1 FROM added WHERE t.id = added.tutorial_id RETURNING t.likes)
  SELECT coalesce((SELECT likes FROM counted), target.likes) AS likes FROM target`;

const UNLIKE = (id: string, userId: string): Prisma.Sql => Prisma.sql`
  WITH target AS (SELECT id, likes FROM tutorials WHERE id = ${id}::uuid AND status = 'PUBLISHED'),
    removed AS (DELETE FROM tutorial_likes l USING target WHERE l.tutorial_id = target.id AND l.user_id = ${userId}::uuid RETURNING l.tutorial_id),
    counted AS (UPDATE tutorials t SET likes = t.likes - 1 FROM removed WHERE t.id = removed.tutorial_id RETURNING t.likes)
  SELECT coalesce((SELECT likes FROM counted), target.likes) AS likes FROM target`;
