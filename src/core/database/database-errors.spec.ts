import { DatabaseError } from 'pg';

import { Prisma } from '../../generated/prisma/client';
import { isDatabaseUnavailable } from './database-errors';

const pgError = (code: string, message: string): DatabaseError =>
  Object.assign(new DatabaseError(message, 0, 'error'), { code, severity: 'ERROR' });

/** As Prisma wraps an error of the pg driver adapter. */
const adapterError = (originalCode: string): Prisma.PrismaClientKnownRequestError =>
  new Prisma.PrismaClientKnownRequestError('driver adapter error', {
    code: 'P2010',
    clientVersion: 'test',
    meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode } } },
  });

const transactionError = (message: string): Prisma.PrismaClientKnownRequestError =>
  new Prisma.PrismaClientKnownRequestError(message, { code: 'P2028', clientVersion: 'test' });

describe('isDatabaseUnavailable', () => {
  it('counts the bounds set on every connection as the database being unavailable (1007)', () => {
    expect(isDatabaseUnavailable(pgError('57014', 'canceling statement due to statement timeout'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('55P03', 'canceling statement due to lock timeout'))).toBe(true);
    expect(isDatabaseUnavailable(adapterError('57014'))).toBe(true);
    expect(isDatabaseUnavailable(adapterError('55P03'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(transactionError('Transaction API error: Unable to start a transaction in the given time.'))).toBe(true);
    expect(isDatabaseUnavailable(transactionError('Transaction already closed: the timeout for this transaction was 5000 ms'))).toBe(true);
  });

  it('leaves a wrong query, a broken rule or a misused transaction to the other codes', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('22P02', 'invalid input syntax for type uuid'))).toBe(false);
    expect(isDatabaseUnavailable(adapterError('23503'))).toBe(false);
    expect(isDatabaseUnavailable(transactionError('Transaction API error: Transaction not found.'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
  });
});
