import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { ClientRequestLimit } from '../core/rate-limit/client-limit';
import { scopeOf, SignatureVerifier } from '../signing/signature.guard';
import { Access, ACCESS, CallerRequest } from './access.decorators';
import { sessionCredentials } from './credentials';
import { SessionsService } from './sessions.service';

/**
 * The global guard: every route needs an app and a session unless marked @Public(), @AppOnly() or
 * @OptionalUser(). A public route's request is counted per client IP (ClientRequestLimit, which
 * the app check runs for every other route). No credentials: 1030; then the app (signature, or
 * X-App-Id of a public app); then the session, which must belong to that app (on an
 * @OptionalUser() route, when one is sent).
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: SignatureVerifier,
    private readonly sessions: SessionsService,
    private readonly clientLimit: ClientRequestLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access>(ACCESS, [context.getHandler(), context.getClass()]) ?? 'user';
    if (access === 'public') {
      await this.clientLimit.admit(context);
      return true;
    }
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const credentials = access === 'app' ? undefined : sessionCredentials(request);
    if (access === 'user' && credentials === undefined) throw new DomainError(ErrorCode.NOT_AUTHENTICATED, 'log in first');
    const app = await this.verifier.identify(request, scopeOf(this.reflector, context));
    if (credentials === 'malformed') throw new DomainError(ErrorCode.LOGIN_FAILED, 'malformed credentials');
    if (credentials) request.currentUser = await this.sessions.authenticate(credentials, app.id);
    return true;
  }
}
