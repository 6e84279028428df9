import { DatabaseError } from 'pg';

import { Prisma } from '../../generated/prisma/client';

/** Prisma error codes that mean the database could not be reached or gave no connection. */
const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/**
 * P2028 (transaction API error) when a transaction could not begin, or ran out of time: the
 * database is too slow to answer, like a statement timeout. Other P2028s are the code's own bugs.
 */
const TRANSACTION_TIMED_OUT = /Unable to start a transaction in the given time|timeout/i;

/** Driver adapter error kinds (adapter-pg) that mean the same. */
const UNREACHABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/** Node socket errors raised by `pg` itself (used directly by the migrator and health checks). */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

interface AdapterCause {
  kind?: string;
  originalCode?: string;
}

function adapterCause(error: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined {
  const adapterError = (error.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined)?.driverAdapterError;
  return adapterError?.cause;
}

/**
 * SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown), and the
 * two bounds set on every pooled connection: 57014 (statement timeout) and 55P03 (lock timeout).
 */
function isConnectionSqlState(code: string | undefined): boolean {
  return !!code && (code.startsWith('08') || code.startsWith('57P') || code === '57014' || code === '55P03');
}

/**
 * What node-postgres says when a connection or a query got no answer in time, or the connection
 * went (a transaction's client used after its connection broke: "... and is not queryable").
 */
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|is not queryable/i;

/** True when the error says the database is unreachable rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (UNREACHABLE_PRISMA_CODES.has(error.code)) return true;
    if (error.code === 'P2028' && TRANSACTION_TIMED_OUT.test(error.message)) return true;
    const cause = adapterCause(error);
    return UNREACHABLE_ADAPTER_KINDS.has(cause?.kind ?? '') || isConnectionSqlState(cause?.originalCode);
  }
  if (isErrorLike(error)) {
    const code = error.code;
    if (typeof code === 'string' && (UNREACHABLE_SOCKET_CODES.has(code) || isConnectionSqlState(code))) return true;
    if (UNREACHABLE_MESSAGES.test(error.message)) return true;
    if (error.cause) return isDatabaseUnavailable(error.cause);
  }
  return false;
}

/**
 * An Error by shape: node-postgres raises socket errors made by Node's own Error, which is not the
 * `Error` of another realm (a test runner's sandbox), so `instanceof` alone would miss them.
 */
function isErrorLike(error: unknown): error is { message: string; code?: unknown; cause?: unknown } {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** True for any error raised by Prisma, or by node-postgres under PrismaService.hotQuery, while running a query (the database answered no). */
export function isDatabaseQueryError(error: unknown): boolean {
  return (
    error instanceof DatabaseError ||
    error instanceof Prisma.PrismaClientKnownRequestError ||
    error instanceof Prisma.PrismaClientUnknownRequestError ||
    error instanceof Prisma.PrismaClientValidationError
  );
}

/**
 * True when the database refused a value itself: SQLSTATE class 22 (data exception), e.g. a NUL
 * byte in text, a number past its column's range, a date PostgreSQL cannot hold.
 */
export function isDataException(error: unknown): boolean {
  return sqlStateOf(error)?.startsWith('22') ?? false;
}

/** The SQLSTATE PostgreSQL answered a failed statement with, through Prisma or node-postgres. */
export function sqlStateOf(error: unknown): string | undefined {
  if (error instanceof DatabaseError) return error.code;
  if (error instanceof Prisma.PrismaClientKnownRequestError) return adapterCause(error)?.originalCode;
  return undefined;
}

/** SQLSTATE 23502: a NOT NULL column refused an empty value (the statement changed nothing). */
export const isNotNullViolation = (error: unknown): boolean => sqlStateOf(error) === '23502';

/** True when a Prisma error is a unique-constraint violation (P2002, or 23505 from raw SQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2002' || adapterCause(error)?.originalCode === '23505';
}

/** True when a Prisma error is a foreign-key violation (P2003, or 23503 from raw SQL): a row is still referenced. */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  return error.code === 'P2003' || adapterCause(error)?.originalCode === '23503';
}
