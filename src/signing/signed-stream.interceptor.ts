import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable } from 'rxjs';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { SIGNED_STREAM, SignedRequest } from './signed.decorator';

/**
 * A signed request whose body had not arrived when the guards ran is checked when the body ends,
 * which only a @SignedStream() route (reading through verifiedParts) waits for. Anywhere else its
 * signature would never be checked, so it is refused before the handler runs.
 */
@Injectable()
export class SignedStreamInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<SignedRequest>();
    if (request.bodyVerdict && !this.reflector.get<boolean>(SIGNED_STREAM, context.getHandler())) {
      throw new DomainError(ErrorCode.SIGNATURE_MISMATCH, 'this route does not take a streamed body');
    }
    return next.handle();
  }
}
