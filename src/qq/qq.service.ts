import { Injectable } from '@nestjs/common';
import { CallerApp, CurrentSessionUser } from '../auth/caller';
import { assertCanLogIn, LoginClient, LoginService } from '../auth/login.service';
import { SessionsService } from '../auth/sessions.service';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { LoginMethod, QqIntent } from '../generated/prisma/client';
import { AuthorizeDto, Intent, QqCallbackDto, QqLoginDto, QqLoginResultDto } from './dto/qq.dto';
import { QqBindingsService } from './qq-bindings.service';
import { QqIdentity } from './qq-connect.answers';
import { QqConnectClient } from './qq-connect.client';
import { QqFlow, QqFlowsStore } from './qq-flows.store';
import { checkReturnTo } from './return-to';

type CallbackResult = Omit<QqCallbackDto, 'returnTo'>;

/**
 * The QQ Connect flows. `authorize` starts one with a state remembering intent, app, user and
 * returnTo; `callback` uses the state first (so of two callbacks with one state only one gets
 * further), then asks QQ who authorized and binds, logs in, or hands out a ticket. Nothing is
 * written before QQ has answered, so a QQ failure leaves no half-made binding.
 */
@Injectable()
export class QqService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly connect: QqConnectClient,
    private readonly flows: QqFlowsStore,
    private readonly bindings: QqBindingsService,
    private readonly sessions: SessionsService,
    private readonly login: LoginService,
  ) {}

  /** QQ's authorize page with a new state; bind needs a session (1030), returnTo the app's domains (-1). */
  async authorize(intent: Intent, returnTo: string, app: CallerApp, user: CurrentSessionUser | undefined): Promise<AuthorizeDto> {
    if (intent === 'bind' && !user) throw new DomainError(ErrorCode.NOT_AUTHENTICATED, 'log in first to bind a QQ');
    const { allowedDomains } = await this.prisma.app.findUniqueOrThrow({ where: { id: app.id }, select: { allowedDomains: true } });
    const target = { appId: app.id, returnTo: checkReturnTo(returnTo, allowedDomains) };
    const flow: QqFlow = user && intent === 'bind' ? { ...target, intent: QqIntent.BIND, userId: user.id } : { ...target, intent: QqIntent.LOGIN, userId: null };
    const state = await this.flows.createState(flow);
    return { url: this.connect.authorizeUrl(state.value), expiresAt: state.expiresAt };
  }

  /**
   * Where QQ sends the person back. Once the state is used, every failure carries its returnTo
   * (in `data`), so the callback page can hand the outcome back to the app either way.
   */
  async callback(code: string | undefined, state: string | undefined, client: LoginClient): Promise<QqCallbackDto> {
    const flow = await this.flows.claimState(state);
    try {
      if (!code) throw new DomainError(ErrorCode.REQUIRED_PARAMETER_MISSING, 'QQ sent no code: the authorization was cancelled or refused');
      const identity = await this.connect.identify(code);
      const result = flow.intent === QqIntent.BIND ? await this.bind(flow.appId, flow.userId, identity, client) : await this.logIn(flow.appId, identity, client);
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
    return { outcome: 'ticket', ticket: { ticket: ticket.value, expiresAt: ticket.expiresAt, nickname: identity.nickname, avatarUrl: identity.avatarUrl } };
  }
}

/** The same failure, with where the flow goes back to beside what it already says. */
function withReturnTo(error: DomainError, returnTo: string): DomainError {
  const data = typeof error.data === 'object' && error.data !== null ? error.data : {};
  return new DomainError(error.code, error.detail, { headers: error.headers, status: error.status, data: { ...data, returnTo } });
}
