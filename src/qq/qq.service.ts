import { Injectable } from '@nestjs/common';

import { CallerApp, CurrentSessionUser } from '../auth/caller';
import { assertCanLogIn, LoginClient, LoginService } from '../auth/login.service';
import { SessionsService } from '../auth/sessions.service';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LoginMethod, QqIntent } from '../generated/prisma/client';
import { AppsService } from '../signing/apps.service';
import { AuthorizeDto, Intent, QqCallbackDto, QqLoginDto, QqLoginResultDto } from './dto/qq.dto';
import { QqBindingsService } from './qq-bindings.service';
import { QqIdentity } from './qq-connect.answers';
import { QqConnectClient } from './qq-connect.client';
import { QqFlow, QqFlowsStore } from './qq-flows.store';
import { checkReturnTo } from './return-to';

type CallbackResult = Omit<QqCallbackDto, 'returnTo'>;

/** What a client asks /qq/authorize for; a bind asks for the account password again. */
export interface AuthorizeRequest {
  intent: Intent;
  returnTo: string;
  password?: string;
}

/** What a client brings to finish a flow: QQ's code and the state (from returnTo's fragment), and its verifier. */
export interface CallbackRequest {
  code: string | undefined;
  state: string | undefined;
  verifier: string | undefined;
}

/**
 * The QQ Connect flows. `authorize` starts one with a state remembering intent, app, user and
 * returnTo, and a verifier that only the starting client gets; `callback` uses the state first,
 * for that client only (so of two callbacks with one state only one gets further, and a
 * stranger's none), then asks QQ who authorized and binds, logs in, or hands out a ticket.
 * Nothing is written before QQ has answered, so a QQ failure leaves no half-made binding.
 */
@Injectable()
export class QqService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly apps: AppsService,
    private readonly connect: QqConnectClient,
    private readonly flows: QqFlowsStore,
    private readonly bindings: QqBindingsService,
    private readonly sessions: SessionsService,
    private readonly login: LoginService,
  ) {}

  /**
   * QQ's authorize page with a new state, and the verifier that finishes its flow. returnTo must
   * be on the app's domains (-1). A bind needs a session (1030) and the account password (1011
   * without, 1028 wrong, 1075 past the login's budget): a session alone, perhaps a stolen one,
   * adds no way into the account.
   */
  async authorize(
    request: AuthorizeRequest,
    app: CallerApp,
    user: CurrentSessionUser | undefined,
    client: LoginClient,
  ): Promise<AuthorizeDto> {
    const binder = request.intent === 'bind' ? reauthentication(user, request.password) : undefined;
    const row = await this.prisma.app.findUniqueOrThrow({ where: { id: app.id }, select: { appId: true, allowedDomains: true } });
    const target = { appId: app.id, returnTo: checkReturnTo(request.returnTo, this.apps.allowedDomainsOf(row)) };
    if (binder) await this.login.confirmPassword(binder.userId, binder.password, client);
    const flow: QqFlow = binder
      ? { ...target, intent: QqIntent.BIND, userId: binder.userId }
      : { ...target, intent: QqIntent.LOGIN, userId: null };
    const state = await this.flows.createState(flow);
    return { url: this.connect.authorizeUrl(state.value), expiresAt: state.expiresAt, verifier: state.verifier };
  }

  /** Where the flow of `state` goes back to (the callback page sends the person there), using nothing. */
  returnTo(state: string | undefined): Promise<string> {
    return this.flows.returnToOf(state);
  }

  /**
   * Finishes a flow for the client that started it (1025 for anyone else, see claimState). Once
   * the state is used, every failure carries its returnTo (in `data`).
   */
  async callback(
    request: CallbackRequest,
    app: CallerApp,
    user: CurrentSessionUser | undefined,
    client: LoginClient,
  ): Promise<QqCallbackDto> {
    const flow = await this.flows.claimState(request.state, { verifier: request.verifier, appId: app.id, userId: user?.id });
    try {
      const { code } = request;
      if (!code) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'QQ sent no code: the authorization was cancelled or refused');
      const identity = await this.connect.identify(code);
      const result =
        flow.intent === QqIntent.BIND
          ? await this.bind(flow.appId, flow.userId, identity, client)
          : await this.logIn(flow.appId, identity, client);
      return { ...result, returnTo: flow.returnTo };
    } catch (error) {
      throw error instanceof DomainError ? withReturnTo(error, flow.returnTo) : error;
    }
  }

  /**
   * A ticket's QQ bound to the account of `account` and `password` (checked and limited as a login:
   * 1031, 1032, 1075), then a session. The ticket is used in the binding's transaction: a conflict
   * (1038, 1039) leaves it usable, a lost race for it is 1025.
   */
  async logInWithTicket(input: QqLoginDto, appId: number, client: LoginClient): Promise<QqLoginResultDto> {
    await this.flows.checkTicket(input.ticket, appId);
    const user = await this.login.checkPassword(input.account, input.password, client);
    const binding = await this.prisma.$transaction(async (tx) => {
      const identity = await this.flows.claimTicket(tx, input.ticket, appId);
      return this.bindings.bind(tx, appId, user.id, identity, client.ip);
    });
    const session = await this.sessions.create(user.id, appId, client);
    return { ...session, binding };
  }

  private async bind(appId: number, userId: string, identity: QqIdentity, client: LoginClient): Promise<CallbackResult> {
    const binding = await this.prisma.$transaction((tx) => this.bindings.bind(tx, appId, userId, identity, client.ip));
    return { outcome: 'bound', binding };
  }

  /** A bound QQ logs its user in (1032 as for a password when the account is not active); any other gets a ticket. */
  private async logIn(appId: number, identity: QqIdentity, client: LoginClient): Promise<CallbackResult> {
    const owner = await this.bindings.ownerOf(appId, identity.openid);
    if (owner) {
      assertCanLogIn(owner.status);
      return { outcome: 'session', session: await this.sessions.create(owner.userId, appId, client, LoginMethod.QQ) };
    }
    const ticket = await this.flows.createTicket(appId, identity);
    return {
      outcome: 'ticket',
      ticket: { ticket: ticket.value, expiresAt: ticket.expiresAt, nickname: identity.nickname, avatarUrl: identity.avatarUrl },
    };
  }
}

/** Who binds, asked again for their password: 1030 without a session, 1011 without the password. */
function reauthentication(user: CurrentSessionUser | undefined, password: string | undefined): { userId: string; password: string } {
  if (!user) throw new DomainError(ErrorCode.NOT_AUTHENTICATED, 'log in first to bind a QQ');
  if (!password)
    throw new DomainError(
      ErrorCode.REQUIRED_PARAMETER_MISSING,
      'binding a QQ needs the account password: POST /qq/authorize with { intent, returnTo, password }',
    );
  return { userId: user.id, password };
}

/** The same failure, with where the flow goes back to beside what it already says. */
function withReturnTo(error: DomainError, returnTo: string): DomainError {
  const data = typeof error.data === 'object' && error.data !== null ? error.data : {};
  return new DomainError(error.code, error.detail, { headers: error.headers, status: error.status, data: { ...data, returnTo } });
}
