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
import { SessionsService } from './sessions.service';

/**
 * The global guard: reads the route's @Access() rule and checks, in this order, each failure its
 * own code: on a `public` route, the client's per-IP limit (1075; not on a `probe`), and nothing
 * more; a `user` route without credentials (1030); the app, signed or by X-App-Id when public
 * (the signature verifier's codes, 1075 to -1, the per-IP limit first; a `signed-app` route takes
 * signed requests only);
 * malformed credentials (1031); the session, which must belong to that app (on an
 * `optional-user` route, when one is sent); the group's permission (1042); and last, a signed
 * body still arriving on a route that does not read one as a stream (1014).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: SignatureVerifier,
    private readonly sessions: SessionsService,
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
    if (rule.caller === 'signed-app') {
      await this.verifier.verify(request, rule.scope);
    } else {
      await this.identify(request, rule);
    }
    if (request.bodyVerdict && !rule.stream) {
      // Only a stream route waits for the end of a body that arrives after this check.
      throw new DomainError(ErrorCode.SIGNATURE_MISMATCH, 'this route does not take a streamed body');
    }
    return true;
  }

  /** The app, then the session it carries (required on `user` routes), then the permission. */
  private async identify(request: CallerRequest, rule: Exclude<AccessRule, { caller: 'public' }>): Promise<void> {
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
