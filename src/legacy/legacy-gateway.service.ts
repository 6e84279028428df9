import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, LightMyRequestResponse } from 'fastify';

import { AuditService } from '../audit/audit.service';
import type { AccessRule } from '../auth/access.decorators';
import { DeclaredRoute, RouteAccess } from '../auth/route-access';
import { AppConfig } from '../core/config/app-config';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { API_PREFIX } from '../core/http/api-prefix';
import type { ChannelTagged } from '../core/http/logging';
import { SignatureVerifier } from '../signing/signature-verifier';
import { LEGACY_ACTIONS, LegacyAction } from './legacy-actions';
import { DispatchContext, LegacyDispatch } from './legacy-dispatch';
import { indexActions, LegacyParams, resolveAction, transportCredentials, TwinRequest, twinRequest } from './legacy-request';

const nameOf = (entry: LegacyAction): string => `${entry.class}.${entry.mode}`;

/** The twins' access rules by action name; `missing` lists the actions whose twin no loaded module serves. */
export interface TwinRules {
  rules: Map<string, AccessRule>;
  missing: LegacyAction[];
}

/**
 * Looks up each action's REST twin among the application's routes. A twin whose rule names
 * another caller than the table, a `signed-app` twin (its signature covers a request the gateway
 * makes) or a streamed one stops the start: the table is wrong. A twin that is not there is a
 * module that did not load: reported, and that action answers 1004.
 */
export function twinRules(actions: readonly LegacyAction[], routes: DeclaredRoute[]): TwinRules {
  const byRoute = new Map(routes.map((route) => [route.route, route.rule]));
  const rules = new Map<string, AccessRule>();
  const missing: LegacyAction[] = [];
  for (const entry of actions) {
    const rule = byRoute.get(`${entry.twin.method} ${entry.twin.path.replace(/^\//, '')}`);
    if (!rule) {
      missing.push(entry);
      continue;
    }
    if (rule.caller !== entry.caller || ('stream' in rule && rule.stream)) {
      throw new Error(
        `legacy action ${nameOf(entry)}: its twin ${entry.twin.method} ${entry.twin.path} is for caller ${rule.caller}${'stream' in rule && rule.stream ? ' (streamed)' : ''}, the table says ${entry.caller}`,
      );
    }
    rules.set(nameOf(entry), rule);
  }
  return { rules, missing };
}

/** Response headers of the twin not copied onto the gateway's answer (the connection's own). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/** Headers of the outer request the twin receives as they are. */
const PASSED_HEADERS = ['authorization', 'x-uuid', 'x-ukey', 'accept-language', 'user-agent'];

/**
 * The old single endpoint: `/api.php?class=&mode=&from=` (parameters in the query, a form or a
 * JSON body). It resolves the action (see resolveAction for the order of its codes), checks the
 * caller's app on the request the client actually sent (signed apps sign /api.php), then sends
 * the twin's request into the same server (LegacyDispatch) and answers with the twin's answer,
 * byte for byte. Actions that change something leave an audit row naming the channel.
 */
@Injectable()
export class LegacyGateway implements OnModuleInit {
  private readonly logger = new Logger('LegacyGateway');
  private readonly index = indexActions(LEGACY_ACTIONS);
  private rules = new Map<string, AccessRule>();

  constructor(
    private readonly config: AppConfig,
    private readonly routes: RouteAccess,
    private readonly verifier: SignatureVerifier,
    private readonly dispatch: LegacyDispatch,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    const { rules, missing } = twinRules(LEGACY_ACTIONS, this.routes.routes());
    this.rules = rules;
    for (const entry of missing) {
      this.logger.error(
        { code: ErrorCode.HANDLER_LOAD_FAILED, action: nameOf(entry) },
        `legacy action ${nameOf(entry)}: its REST twin ${entry.twin.method} ${entry.twin.path} is not loaded (1004)`,
      );
    }
  }

  async answer(request: FastifyRequest & ChannelTagged, reply: FastifyReply): Promise<void> {
    const params = parametersOf(request);
    const { entry, channel } = resolveAction(this.index, params, request.method, this.config.LEGACY_CHANNELS);
    request.channel = channel;
    const rule = this.rules.get(nameOf(entry));
    if (!rule) throw new DomainError(ErrorCode.HANDLER_LOAD_FAILED, `${nameOf(entry)} is not available`);
    const twin = twinRequest(entry, params);

    const credentials = transportCredentials(params);
    if (credentials.appId !== undefined && request.headers['x-app-id'] === undefined) request.headers['x-app-id'] = credentials.appId;
    const context: DispatchContext = { channel };
    // The table maps first-party routes only (checked at start-up): never the open API's developer apps.
    if (rule.caller === 'open-app' || rule.caller === 'open-user')
      throw new DomainError(ErrorCode.HANDLER_LOAD_FAILED, `${nameOf(entry)} is not available`);
    if (rule.caller !== 'public' && 'scope' in rule) context.app = await this.verifier.identify(request, rule.scope);

    const response = await this.dispatch.send(context, {
      method: entry.twin.method,
      url: urlOf(twin),
      headers: this.twinHeaders(request, credentials, twin),
      payload: twin.body === undefined ? undefined : JSON.stringify(twin.body),
      remoteAddress: request.ip,
    });
    if (entry.twin.method !== 'GET') await this.record(entry, context, request, response);
    void reply
      .status(response.statusCode)
      .headers(Object.fromEntries(Object.entries(response.headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()))))
      .send(response.rawPayload);
  }

  /** The twin sees the client's session (old parameters become the headers), language and agent, and the same request id. */
  private twinHeaders(request: FastifyRequest, credentials: { uuid?: string; ukey?: string }, twin: TwinRequest): Record<string, string> {
    const headers: Record<string, string> = { 'x-request-id': request.id };
    for (const name of PASSED_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const sessionSent = headers.authorization !== undefined || headers['x-uuid'] !== undefined || headers['x-ukey'] !== undefined;
    if (!sessionSent && credentials.uuid !== undefined && credentials.ukey !== undefined) {
      headers['x-uuid'] = credentials.uuid;
      headers['x-ukey'] = credentials.ukey;
    }
    if (twin.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  /** An action that changes something: who, through which channel, and how it ended. */
  private async record(
    entry: LegacyAction,
    context: DispatchContext,
    request: FastifyRequest,
    response: LightMyRequestResponse,
  ): Promise<void> {
    // The twin has acted and written its own audit rows: a failure here must not turn its answer into one.
    await this.audit
      .record({
        action: 'legacy.call',
        actorId: context.twin?.currentUser?.id ?? null,
        targetType: 'legacy-action',
        targetId: nameOf(entry),
        ip: request.ip,
        details: { channel: context.channel, status: response.statusCode, code: codeOf(response) },
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, action: nameOf(entry), requestId: request.id }, 'legacy.call audit row not written'),
      );
  }
}

/** Query, then the body's fields over it (a form or a JSON object), as the old endpoint read them. */
function parametersOf(request: FastifyRequest): LegacyParams {
  const query = (request.query ?? {}) as LegacyParams;
  const body = request.body;
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body) ? (body as LegacyParams) : {};
  return { ...query, ...fields };
}

function urlOf(twin: TwinRequest): string {
  const query = new URLSearchParams(twin.query).toString();
  return `/${API_PREFIX}${twin.path}${query ? `?${query}` : ''}`;
}

function codeOf(response: LightMyRequestResponse): number | null {
  try {
    const code = response.json<{ code?: unknown }>().code;
    return typeof code === 'number' ? code : null;
  } catch {
    return null;
  }
}
