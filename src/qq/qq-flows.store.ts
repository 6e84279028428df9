import { timingSafeEqual } from 'node:crypto';

import { Injectable, OnModuleInit } from '@nestjs/common';

import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import type { Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { Scheduler } from '../core/schedule/scheduler';
import { Prisma, QqIntent } from '../generated/prisma/client';
import { claimSecret, SecretKind, sweepSecrets, unusedSecretLive } from './qq.sql';
import { QqIdentity } from './qq-connect.answers';

/** How long QQ may take to send the person back, and how long a QQ identity waits for its account. */
export const STATE_TTL_MS = 10 * 60_000;
export const TICKET_TTL_MS = 10 * 60_000;
/** Longer than any secret this store hands out: not worth a lookup. */
const MAX_SECRET_LENGTH = 128;

/** What a state remembers of the authorization it was made for: a binding names its user. */
export type QqFlow = { appId: number; returnTo: string } & (
  { intent: typeof QqIntent.BIND; userId: string } | { intent: typeof QqIntent.LOGIN; userId: null }
);

export interface IssuedSecret {
  value: string;
  expiresAt: Date;
}

/** A new state, and the verifier that alone finishes its flow (for the client that started it, and no one else). */
export interface IssuedState extends IssuedSecret {
  verifier: string;
}

/** Who asks to finish a flow: the verifier they present, the app they call under, the user of their session. */
export interface Finisher {
  verifier: string | undefined;
  appId: number;
  userId: string | undefined;
}

interface UnusedState {
  intent: QqIntent;
  app_id: number;
  user_id: string | null;
  verifier_hash: Uint8Array;
  live: boolean;
}

/**
 * The single-use secrets of QQ flows: the `state` of an authorization (sent through QQ and back)
 * with the verifier of the client that started it, and the ticket of a QQ identity awaiting its
 * account. Only their SHA-256 is stored; each is used by one conditional UPDATE, so of parallel
 * uses exactly one wins. Unknown or used: 1025; expired: 1026, like a verification link. Rows a
 * day past their expiry are swept (periodic jobs).
 */
@Injectable()
export class QqFlowsStore implements OnModuleInit {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit(): void {
    for (const kind of ['state', 'ticket'] as const) {
      this.scheduler.register({
        name: `expired-qq-${kind}s`,
        everySeconds: this.scheduler.sweepPeriod(),
        run: () => sweepSecrets(this.prisma, kind),
      });
    }
  }

  async createState(flow: QqFlow): Promise<IssuedState> {
    const value = randomToken(32);
    const verifier = randomToken(32);
    const expiresAt = new Date(Date.now() + STATE_TTL_MS);
    await this.prisma.qqState.create({ data: { stateHash: sha256(value), verifierHash: sha256(verifier), expiresAt, ...flow } });
    return { value, expiresAt, verifier };
  }

  /** Where the flow of a live state goes back to, without using it: 1011 no state, 1025 unknown or used, 1026 expired. */
  async returnToOf(state: string | undefined): Promise<string> {
    const secret = present(state);
    const [row] = await this.prisma.$queryRaw<{ return_to: string }[]>`
      SELECT "return_to" FROM "qq_states" WHERE "state_hash" = ${sha256(secret)} AND "used_at" IS NULL AND "expires_at" > now()`;
    if (!row) throw refusal('state', await this.inspect(this.prisma, 'state', secret));
    return row.return_to;
  }

  /**
   * Uses the state for `finisher`: 1011 when none came back, 1025 unknown or used, 1026 expired.
   * Only the client that started the flow may: the verifier it was given (compared in constant
   * time), under the same app, and for a bind the same user; anyone else gets 1025 and the state
   * stays as it was, so a stranger holding it can neither finish the flow nor spoil it.
   */
  async claimState(state: string | undefined, finisher: Finisher): Promise<QqFlow> {
    const secret = present(state);
    const [found] = await this.prisma.$queryRaw<UnusedState[]>`
      SELECT "intent", "app_id", "user_id", "verifier_hash", "expires_at" > now() AS live
        FROM "qq_states" WHERE "state_hash" = ${sha256(secret)} AND "used_at" IS NULL`;
    if (!found) throw refusal('state', 'unknown');
    if (!found.live) throw refusal('state', 'expired');
    if (!mayFinish(found, finisher)) {
      throw new DomainError(
        ErrorCode.LINK_INVALID,
        'only the client that started this QQ authorization finishes it: with its verifier, under its app, and for a bind as its user',
      );
    }
    const [row] = await this.claim<{ intent: QqIntent; app_id: number; user_id: string | null; return_to: string }>(
      this.prisma,
      'state',
      secret,
    );
    // The table's CHECK holds a BIND state to its user and a LOGIN state to none.
    return { intent: row.intent, appId: row.app_id, userId: row.user_id, returnTo: row.return_to } as QqFlow;
  }

  async createTicket(appId: number, identity: QqIdentity): Promise<IssuedSecret> {
    const value = randomToken(32);
    const expiresAt = new Date(Date.now() + TICKET_TTL_MS);
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
    if (secret.length > MAX_SECRET_LENGTH) return 'unknown';
    const live = await unusedSecretLive(db, kind, sha256(secret), appId);
    if (live === undefined) return 'unknown';
    return live ? 'usable' : 'expired';
  }
}

/** The state a callback brought back; 1011 without one. */
function present(state: string | undefined): string {
  if (!state) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'state is required');
  return state;
}

/** The started flow's verifier (compared in constant time whatever else differs), app and, for a bind, user. */
function mayFinish(state: UnusedState, finisher: Finisher): boolean {
  const given = finisher.verifier !== undefined && finisher.verifier.length <= MAX_SECRET_LENGTH ? sha256(finisher.verifier) : undefined;
  const verified = timingSafeEqual(state.verifier_hash, given ?? Buffer.alloc(state.verifier_hash.length)) && given !== undefined;
  return verified && state.app_id === finisher.appId && (state.intent !== QqIntent.BIND || state.user_id === finisher.userId);
}

/** 1026 for an expired secret; 1025 for anything else that cannot be used (a claim lost to a parallel one included). */
function refusal(kind: SecretKind, found: 'usable' | 'expired' | 'unknown'): DomainError {
  const what = kind === 'state' ? 'QQ authorization (state)' : 'QQ ticket';
  if (found === 'expired') return new DomainError(ErrorCode.LINK_EXPIRED, `${what} expired: start again`);
  return new DomainError(ErrorCode.LINK_INVALID, `${what} unknown or already used`);
}
