import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { ClientRequestLimit } from '../core/rate-limit/client-limit';
import { GroupsService } from '../groups/groups.service';
import { SignatureVerifier } from '../signing/signature-verifier';
import { ACCESS, AccessRule } from './access.decorators';
import { CallerRequest } from './caller';
import { sessionCredentials } from './credentials';
import { EndUserSessionsService } from './end-user-sessions.service';
import { SessionsService } from './sessions.service';

/**
 * The global guard: reads the route's @Access() rule and checks, in this order, each failure its
 * own code: on a `public` route, the client's per-IP limit (1075; not on a `probe`), and nothing
 * more; a `user` route without credentials (1030); the app, signed or by X-App-Id when public
 * (the signature verifier's codes, 1075 to -1, the per-IP limit first; a `signed-app` route takes
 * signed requests only);
 * malformed credentials (1031); the session, which must belong to that app (on an
 * `optional-user` route, when one is sent); the group's permission (1042); and last, a signed
 * body still arriving on a route that does not read one as a stream (1014). Open-API routes
 * (`open-app`, `open-user`) take the developer app signing with `X-Api-Id`, its user library and
 * an end user's session instead; a platform session is no end-user session (99996), and an
 * end-user session none of the platform's (1031).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: SignatureVerifier,
    private readonly sessions: SessionsService,
    private readonly endUserSessions: EndUserSessionsService,
    private readonly groups: GroupsService,
    private readonly clientLimit: ClientRequestLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS, context.getHandler());
    // RouteAccess refuses to start an app with such a route; this holds the line regardless.
    if (!rule) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no @Access()`);
    const request = context.switchToHttp().getRequest<CallerRequest>();
    if (rule.caller === 'public') {
      if (!rule.probe) await this.clientLimit.count(request);
      return true;
    }
    if (!('scope' in rule)) {
      await this.identifyOpen(request, rule.caller === 'open-user');
    } else if (rule.caller === 'signed-app') {
      await this.verifier.verify(request, rule.scope);
    } else {
      await this.identify(request, rule);
    }
    if (request.bodyVerdict && !('stream' in rule && rule.stream)) {
      // Only a stream route waits for the end of a body that arrives after this check.
      const code = 'scope' in rule ? ErrorCode.SIGNATURE_MISMATCH : ErrorCode.API_SIGNATURE_REJECTED;
      throw new DomainError(code, 'this route does not take a streamed body');
    }
    return true;
  }

  /**
   * The developer app (the verifier's open-API codes), its user library (1069 none, 1070 expired
   * or deleted), then on `open-user` routes the end user's session (99996 missing or malformed).
   */
  private async identifyOpen(request: CallerRequest, withSession: boolean): Promise<void> {
    const app = await this.verifier.verifyOpen(request);
    if (!app.library) throw new DomainError(ErrorCode.LIBRARY_NOT_BOUND);
    if (app.library.deleted) throw new DomainError(ErrorCode.LIBRARY_INVALID, 'the user library was deleted');
    if (app.library.expiresAt <= Date.now()) throw new DomainError(ErrorCode.LIBRARY_INVALID, 'the user library expired');
    if (!withSession) return;
    const credentials = sessionCredentials(request);
    if (credentials === undefined || credentials === 'malformed') throw new DomainError(ErrorCode.OPEN_TOKEN_INVALID, 'log in first');
    request.currentEndUser = await this.endUserSessions.authenticate(credentials, app);
  }

  /** The app, then the session it carries (required on `user` routes), then the permission. */
  private async identify(request: CallerRequest, rule: Extract<AccessRule, { scope: string }>): Promise<void> {
    const credentials = rule.caller === 'app' ? undefined : sessionCredentials(request);
    if (rule.caller === 'user' && credentials === undefined) throw new DomainError(ErrorCode.NOT_AUTHENTICATED, 'log in first');
    const app = await this.verifier.identify(request, rule.scope);
    if (credentials === 'malformed') throw new DomainError(ErrorCode.LOGIN_FAILED, 'malformed credentials');
    if (!credentials) return;
    const user = (request.currentUser = await this.sessions.authenticate(credentials, app.id));
    if (rule.caller === 'user' && rule.permission && !(await this.groups.hasPermission(user.groupId, rule.permission))) {
      throw new DomainError(ErrorCode.PERMISSION_DENIED, `your group lacks ${rule.permission}`);
    }
  }
}
