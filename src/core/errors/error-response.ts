import { HttpException, HttpStatus } from '@nestjs/common';

import { isDatabaseQueryError, isDatabaseUnavailable, isDataException } from '../database/database-errors';
import { ErrorCode, Locale, titleOf } from './catalogue';
import { DomainError } from './domain-error';

/** Fastify's own request errors, by their `code`. */
const FASTIFY_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.MALFORMED_REQUEST,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_REQ_FILE_TOO_LARGE: ErrorCode.PAYLOAD_TOO_LARGE,
  FST_ERR_VALIDATION: ErrorCode.MALFORMED_REQUEST,
};

/** Nest's HTTP exceptions that reach the filter without a catalogue code (framework paths). */
const HTTP_STATUS_ERRORS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.MALFORMED_REQUEST,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.NOT_AUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.PERMISSION_DENIED,
  [HttpStatus.NOT_FOUND]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.METHOD_NOT_ALLOWED]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.MALFORMED_REQUEST,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

export interface ClassifiedError {
  error: DomainError;
  /** True when the failure is the server's, so the full error belongs in the log. */
  unexpected: boolean;
}

const expected = (code: ErrorCode, detail?: string): ClassifiedError => ({
  error: new DomainError(code, detail),
  unexpected: false,
});

function fastifyErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('FST_') ? code : undefined;
}

/** The open API's paths: its clients know only its own codes, so anything unexpected there is 99997. */
const OPEN_API_PATH = /^\/api\/v1\/open(\/|\?|$)/;

/**
 * Turns anything thrown while handling a request into a catalogue error. Only DomainErrors carry
 * a detail to the client; everything unexpected is answered generically and logged in full, as
 * 99997 on the open API (`url`, the request's) and by its kind (1007, 1018, 1076 ...) elsewhere.
 */
export function classifyError(error: unknown, method: string, url = ''): ClassifiedError {
  const classified = classifyAnyError(error, method);
  if (classified.unexpected && OPEN_API_PATH.test(url)) return { error: new DomainError(ErrorCode.OPEN_SYSTEM_ERROR), unexpected: true };
  return classified;
}

function classifyAnyError(error: unknown, method: string): ClassifiedError {
  if (error instanceof DomainError) return { error, unexpected: false };

  const fastifyCode = fastifyErrorCode(error);
  if (fastifyCode && FASTIFY_ERRORS[fastifyCode] !== undefined) {
    return expected(FASTIFY_ERRORS[fastifyCode]);
  }
  if (error instanceof SyntaxError) return expected(ErrorCode.MALFORMED_REQUEST);

  if (error instanceof HttpException) {
    const code = HTTP_STATUS_ERRORS[error.getStatus()];
    if (code !== undefined) return expected(code);
  }

  if (isDatabaseUnavailable(error)) {
    return { error: new DomainError(ErrorCode.DATABASE_UNAVAILABLE), unexpected: true };
  }
  if (isDataException(error)) {
    // The database refused a value a check upstream should have refused: the client's input, logged
    // in full so the missing check gets found.
    return { error: new DomainError(ErrorCode.MALFORMED_REQUEST), unexpected: true };
  }
  if (isDatabaseQueryError(error) && method !== 'GET' && method !== 'HEAD') {
    return { error: new DomainError(ErrorCode.DATABASE_WRITE_FAILED), unexpected: true };
  }
  return { error: new DomainError(ErrorCode.INTERNAL_ERROR), unexpected: true };
}

/** The failure envelope, as the filter and the protocol-level answers (bad HTTP, shutdown) send it. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  detail?: string;
  data?: unknown;
  requestId: string;
}

export function errorEnvelope(error: DomainError, requestId: string, locale: Locale): ErrorEnvelope {
  return {
    code: error.code,
    message: titleOf(error.code, locale),
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.data !== undefined ? { data: error.data } : {}),
    requestId,
  };
}
