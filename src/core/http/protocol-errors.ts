import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';

import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';
import { classifyError, errorEnvelope } from '../errors/error-response';
import { noteFailure } from '../metrics/metrics-http';
import { guardInput } from './input-guard';
import { localeOf } from './locale';

/**
 * Statuses HTTP itself fixes for a request refused before it reaches a route; the body is still
 * the catalogue's envelope (1074).
 */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'request headers too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'request not received in time' },
};
const MALFORMED_HTTP = { status: 400, detail: 'malformed HTTP request' };
const ROUTER_ERRORS: Record<string, { status: number; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, detail: 'the URL holds a malformed percent-encoding' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, detail: 'a path parameter is longer than 100 characters' },
};

/**
 * A request Node's parser refused (malformed HTTP, headers past the size limit, too slow): no
 * Fastify request exists, so the envelope is written on the socket as Fastify's own handler does.
 */
function answerClientError(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    const { status, detail } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_HTTP;
    const requestId = randomUUID();
    const body = JSON.stringify(errorEnvelope(new DomainError(ErrorCode.MALFORMED_REQUEST, detail, { status }), requestId, 'zh'));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** A URL the router cannot read (bad percent-encoding, a path parameter past 100 characters). */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = ROUTER_ERRORS[error.code];
  const answer = known
    ? new DomainError(ErrorCode.MALFORMED_REQUEST, known.detail, { status: known.status })
    : classifyError(error, request.method, request.url).error;
  noteFailure(request, answer.code);
  void reply
    .code(answer.status)
    .header('x-request-id', request.id)
    .send(errorEnvelope(answer, request.id, localeOf(request.headers['accept-language'])));
}

/** Fastify server options that route every protocol-level refusal through the catalogue. */
export function protocolErrorOptions(): Pick<FastifyServerOptions, 'clientErrorHandler' | 'frameworkErrors' | 'return503OnClosing'> & {
  http: { requireHostHeader: boolean };
} {
  return {
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    // Fastify's own 503 has no envelope; the onRequest hook below answers instead.
    return503OnClosing: false,
    // Node's own answer to a missing Host is an empty 400; the onRequest hook below answers instead.
    http: { requireHostHeader: false },
  };
}

/**
 * Hooks every request passes: while the server drains on shutdown new requests are answered 503
 * with 1007 (the service's data is going out of reach; a load balancer retries elsewhere), an
 * HTTP/1.1 request without Host is 1074, and the input guard checks params, query and body.
 */
export function guardRequests(instance: FastifyInstance): void {
  let closing = false;
  instance.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  instance.addHook('onRequest', (request, reply, done) => {
    if (closing) {
      void reply.header('connection', 'close');
      return done(new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'the server is shutting down'));
    }
    const { httpVersionMajor, httpVersionMinor } = request.raw;
    if (request.headers.host === undefined && (httpVersionMajor > 1 || httpVersionMinor > 0)) {
      void reply.header('connection', 'close');
      return done(new DomainError(ErrorCode.MALFORMED_REQUEST, 'the Host header is missing'));
    }
    done();
  });
  instance.addHook('preValidation', guardInput);
}
