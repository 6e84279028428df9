import type { LoggerService } from '@nestjs/common';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import pino, { DestinationStream, Logger } from 'pino';

import { AppConfig } from '../config/app-config';
import { requestLogFields } from './request-context';

/** Fields that must never reach a log line, wherever they appear in a logged object. */
const REDACTED = ['*.password', '*.passwordConfirm', '*.currentPassword', '*.ukey', '*.token', '*.appKey', '*.apiKey', '*.authorization'];

/** Paths that carry a secret themselves (a download credential is the link): logged without it. */
const SECRET_PATH = /^(\/api\/v1\/download\/)[^/]+/;

/** A request's URL as a log line shows it: no query string (verification tokens ride in it), no secret path segment. */
export const loggedUrl = (url: string | undefined): string | undefined => url?.split('?')[0].replace(SECRET_PATH, '$1[redacted]');

/** A request made through the legacy gateway carries the calling channel (`from`): its log line names it. */
export type ChannelTagged = { channel?: string };

const channelOf = (request: FastifyRequest & ChannelTagged): { channel?: string } =>
  request.channel === undefined ? {} : { channel: request.channel };

/**
 * The server's one logger: structured JSON through pino. Fastify writes it per request (each
 * line carries `reqId`); Nest's `Logger` writes it with the class as `context`. Every line written
 * while a request is served carries its `requestId` (and `traceId`, `spanId` when traced), from
 * the request context (request-context.ts; LOG_REQUEST_CONTEXT=false leaves it out).
 */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    mixin: requestLogFields,
    redact: { paths: REDACTED, censor: '[redacted]' },
    serializers: {
      // Never headers (credentials), never the query string or a secret in the path.
      req: (request: FastifyRequest) => ({
        id: request.id,
        method: request.method,
        url: loggedUrl(request.url),
        remoteAddress: request.ip,
        ...channelOf(request),
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** One line per request, when it completes: `info`, or `error` for a 5xx or a failed reply. */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime, ...(error ? { err: error } : {}) };
    if (error || reply.statusCode >= 500) reply.log.error(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's logging calls onto pino. Nest passes `(message, ...params, context)`: an object message
 * is merged into the line with the next parameter as its text; an error's stack may precede the
 * context.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.logger[level]({ context, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else {
      const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
