import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { TutorialStatus } from '../generated/prisma/client';

/** What the caller is to one tutorial. */
export interface TutorialRole {
  isAuthor: boolean;
  /** The caller's group holds tutorial.write. */
  canWrite: boolean;
  /** The caller's group holds tutorial.publish. */
  canPublish: boolean;
}

export interface TutorialChange {
  /** The title or the body differs from what is stored. */
  contentChanged: boolean;
  status?: TutorialStatus;
}

/** Published tutorials are everyone's; the others only their author's and publishers'. */
export const isVisible = (status: TutorialStatus, role: Pick<TutorialRole, 'isAuthor' | 'canPublish'>): boolean =>
  status === TutorialStatus.PUBLISHED || role.isAuthor || role.canPublish;

/** The status a new tutorial starts in: publishing without tutorial.publish asks a publisher (PENDING). */
export const initialStatus = (publish: boolean, canPublish: boolean): TutorialStatus =>
  !publish ? TutorialStatus.DRAFT : canPublish ? TutorialStatus.PUBLISHED : TutorialStatus.PENDING;

/**
 * The status after `change` by a caller who may see the tutorial, or 1042 when they may not make
 * it. Only its author (holding tutorial.write) edits the title and body; a publisher sets any
 * status of any tutorial. An author without tutorial.publish asks for publication (PENDING), and
 * their edit of a published tutorial sends it back to a publisher.
 */
export function nextStatus(current: TutorialStatus, change: TutorialChange, role: TutorialRole): TutorialStatus {
  const authorMayEdit = role.isAuthor && role.canWrite;
  if (change.contentChanged && !authorMayEdit) throw new DomainError(ErrorCode.PERMISSION_DENIED, 'only its author edits a tutorial');
  if (role.canPublish) return change.status ?? current;
  if (!authorMayEdit) throw new DomainError(ErrorCode.PERMISSION_DENIED, 'setting the status of this tutorial needs tutorial.publish');
  const wanted = change.status ?? current;
  switch (wanted) {
    case TutorialStatus.DRAFT:
    case TutorialStatus.PENDING:
      return wanted;
    case TutorialStatus.PUBLISHED:
      return current === TutorialStatus.PUBLISHED && !change.contentChanged ? TutorialStatus.PUBLISHED : TutorialStatus.PENDING;
    case TutorialStatus.HIDDEN:
      if (current === TutorialStatus.HIDDEN) return current;
      throw new DomainError(ErrorCode.PERMISSION_DENIED, 'only a publisher hides a tutorial');
    default:
      return assertUnreachable(wanted);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unknown tutorial status ${String(value)}`);
}
