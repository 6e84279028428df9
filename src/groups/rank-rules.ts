import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';

/** Who acts through an administrator endpoint: the user, their group, and the address for the audit log. */
export interface Actor {
  id: string;
  groupId: number;
  ip: string;
}

/** The part of the acting user's group that bounds what they may do to others. */
export interface ActingGroup {
  rank: number;
  permissions: readonly string[];
}

/**
 * 1054 unless `rank` is strictly below the actor's: whatever ranks as high as the actor or higher
 * (a user, a group, what such a user owns) is out of reach, and nothing is raised to that rank.
 */
export function assertBelow(actor: ActingGroup, rank: number, what: string): void {
  if (rank >= actor.rank) throw new DomainError(ErrorCode.TARGET_PERMISSION_DENIED, `${what} ranks as high as you or higher`);
}

/** 1042 unless the actor's group holds every one of `permissions`: no one grants what they lack. */
export function assertHoldsAll(actor: ActingGroup, permissions: readonly string[]): void {
  const lacking = permissions.filter((permission) => !actor.permissions.includes(permission));
  if (lacking.length) throw new DomainError(ErrorCode.PERMISSION_DENIED, `your group lacks ${lacking.join(', ')}: you cannot grant it`);
}
