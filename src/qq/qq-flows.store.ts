import { Injectable } from '@nestjs/common';
import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Prisma, QqIntent } from '../generated/prisma/client';
import { QqIdentity } from './qq-connect.answers';
import { claimSecret, SecretKind, sweepSecrets, unusedSecretLive } from './qq.sql';

/** How long QQ may take to send the person back, and how long a QQ identity waits for its account. */
export const STATE_TTL_MS = 10 * 60_000;
export const TICKET_TTL_MS = 10 * 60_000;
/** Longer than any secret this store hands out: not worth a lookup. */
const MAX_SECRET_LENGTH = 128;

/** What a state remembers of the authorization it was made for: a binding names its user. */
export type QqFlow = { appId: number; returnTo: string } & (
  | { intent: typeof QqIntent.BIND; userId: string }
  | { intent: typeof QqIntent.LOGIN; userId: null }
);

export interface IssuedSecret {
  value: string;
  expiresAt: Date;
}

/**
 * The single-use secrets of QQ flows: the `state` of an authorization (sent through QQ and back)
 * and the ticket of a QQ identity awaiting its account. Only their SHA-256 is stored; each is
 * used by one conditional UPDATE, so of parallel uses exactly one wins. Unknown or used: 1025;
 * expired: 1026, like a verification link. Rows a day past their expiry are swept as new ones come.
 */
@Injectable()
export class QqFlowsStore {
  constructor(private readonly prisma: PrismaService) {}

  async createState(flow: QqFlow): Promise<IssuedSecret> {
    const value = randomToken(32);
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await sweepSecrets(this.prisma, 'state');
    await this.prisma.qqState.create({ data: { stateHash: sha256(value), expiresAt, ...flow } });
    return { value, expiresAt };
  }

  /** Uses the state: 1011 when none came back, 1025 unknown or used, 1026 expired. */
  async claimState(state: string | undefined): Promise<QqFlow> {
    if (!state) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'state is required');
    const [row] = await this.claim<{ intent: QqIntent; app_id: number; user_id: string | null; return_to: string }>(this.prisma, 'state', state);
    // The table's CHECK holds a BIND state to its user and a LOGIN state to none.
    return { intent: row.intent, appId: row.app_id, userId: row.user_id, returnTo: row.return_to } as QqFlow;
  }

  async createTicket(appId: number, identity: QqIdentity): Promise<IssuedSecret> {
    const value = randomToken(32);
    const expiresAt = new Date(Date.now() + TICKET_TTL_MS);
    await sweepSecrets(this.prisma, 'ticket');
    await this.prisma.qqTicket.create({ data: { ticketHash: sha256(value), appId, expiresAt, ...identity } });
    return { value, expiresAt };
  }

  /** Whether the ticket could be used under the app now (1025, 1026), without using it. */
  async checkTicket(ticket: string, appId: number): Promise<void> {
    const found = await this.inspect(this.prisma, 'ticket', ticket, appId);
    if (found !== 'usable') throw refusal('ticket', found);
  }

  /** Uses the ticket in the caller's transaction (a rollback gives it back): the QQ identity it holds. */
  async claimTicket(tx: Prisma.TransactionClient, ticket: string, appId: number): Promise<QqIdentity> {
    const [row] = await this.claim<{ openid: string; nickname: string; avatar_url: string | null }>(tx, 'ticket', ticket, appId);
    return { openid: row.openid, nickname: row.nickname, avatarUrl: row.avatar_url };
  }

  private async claim<T>(db: Db, kind: SecretKind, secret: string, appId?: number): Promise<T[]> {
    const rows = secret.length > MAX_SECRET_LENGTH ? [] : await claimSecret<T>(db, kind, sha256(secret), appId);
    if (rows.length === 0) throw refusal(kind, await this.inspect(db, kind, secret, appId));
    return rows;
  }

  /** Unused and unexpired (under the app, when one is given), unused but expired, or neither. */
  private async inspect(db: Db, kind: SecretKind, secret: string, appId?: number): Promise<'usable' | 'expired' | 'unknown'> {
    const live = secret.length > MAX_SECRET_LENGTH ? undefined : await unusedSecretLive(db, kind, sha256(secret), appId);
    if (live === undefined) return 'unknown';
    return live ? 'usable' : 'expired';
  }
}

/** 1026 for an expired secret; 1025 for anything else that cannot be used (a claim lost to a parallel one included). */
function refusal(kind: SecretKind, found: 'usable' | 'expired' | 'unknown'): DomainError {
  const what = kind === 'state' ? 'QQ authorization (state)' : 'QQ ticket';
  if (found === 'expired') return new DomainError(ErrorCode.LINK_EXPIRED, `${what} expired: start again`);
  return new DomainError(ErrorCode.LINK_INVALID, `${what} unknown or already used`);
}
