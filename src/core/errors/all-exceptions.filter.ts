import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { localeOf } from '../http/locale';
import { loggedUrl } from '../http/logging';
import { noteFailure } from '../metrics/metrics-http';
import { classifyError, errorEnvelope } from './error-response';

/** The one exception filter: every failure leaves as the catalogue's envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { error, unexpected } = classifyError(exception, request.method, request.url);
    noteFailure(request, error.code);

    if (unexpected) {
      this.logger.error(
        { err: exception, requestId: request.id, code: error.code },
        `${request.method} ${request.routeOptions?.url ?? loggedUrl(request.url)} failed`,
      );
    }
    if (reply.sent) return;

    // A page route has set its own headers before it failed: the envelope is JSON whatever type
    // it set, and a failure is never kept by a cache the page's answer was allowed into.
    if (reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    reply
      .status(error.status)
      .headers(error.headers)
      .type('application/json; charset=utf-8')
      .send(errorEnvelope(error, request.id, localeOf(request.headers['accept-language'])));
  }
}
