import { Injectable } from '@nestjs/common';

import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { LikeDto } from './dto/tutorial.dto';
import { setLike } from './tutorials.sql';

/**
 * Likes of published tutorials, one per user, each added or taken back by one statement that
 * keeps the count equal to the likes however many race (tutorials.sql.ts).
 */
@Injectable()
export class TutorialLikesService {
  constructor(private readonly prisma: PrismaService) {}

  /** Likes a published tutorial (again: no change); 1052 when it is not published. */
  like(userId: string, tid: string): Promise<LikeDto> {
    return this.set(userId, tid, true);
  }

  /** Takes the like back (none: no change); 1052 when it is not published. */
  unlike(userId: string, tid: string): Promise<LikeDto> {
    return this.set(userId, tid, false);
  }

  private async set(userId: string, tid: string, liked: boolean): Promise<LikeDto> {
    const id = read.uuid(tid);
    const likes = id ? await setLike(this.prisma, id, userId, liked) : undefined;
    if (likes === undefined) throw new DomainError(ErrorCode.TUTORIAL_NOT_FOUND);
    return { likes, liked };
  }
}
