import { Injectable } from '@nestjs/common';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { Prisma } from '../generated/prisma/client';
import { LikeDto } from './dto/tutorial.dto';

/**
 * Likes of published tutorials, one per user. Each is ONE statement: the like row is added (or
 * removed) and tutorials.likes moved only when that happened, so however many likes and unlikes
 * race, the count is the number of rows. The answer's count is the one this statement left, or,
 * when it changed nothing, the one it read.
 */
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

@Injectable()
export class TutorialLikesService {
  constructor(private readonly prisma: PrismaService) {}

  /** Likes a published tutorial (again: no change); 1052 when it is not published. */
  like(userId: string, tid: string): Promise<LikeDto> {
    return this.apply(LIKE, userId, tid, true);
  }

  /** Takes the like back (none: no change); 1052 when it is not published. */
  unlike(userId: string, tid: string): Promise<LikeDto> {
    return this.apply(UNLIKE, userId, tid, false);
  }

  private async apply(statement: typeof LIKE, userId: string, tid: string, liked: boolean): Promise<LikeDto> {
    const id = read.uuid(tid);
    const [row] = id ? await this.prisma.$queryRaw<{ likes: number }[]>(statement(id, userId)) : [];
    if (!row) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    return { likes: row.likes, liked };
  }
}
