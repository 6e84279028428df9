import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';

import { envelope } from './envelope';
import { RAW_RESPONSE } from './raw-response.decorator';

/** Wraps what a handler returns in `{ code: 0, message: 'ok', data }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [context.getHandler(), context.getClass()]);
    return raw ? next.handle() : next.handle().pipe(map((data: unknown) => envelope(data ?? null)));
  }
}
