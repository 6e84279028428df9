import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';

/**
 * A list filter as clients send it: `condition=status:ACTIVE;group:admin;q:ali`. Each endpoint
 * names the keys it knows and how to read each value; an unknown key, a repeated key or a value
 * its reader refuses is 1045.
 */
export type ConditionReaders<T> = { [K in keyof T]: (value: string) => T[K] | undefined };

export function parseCondition<T>(raw: string | undefined, readers: ConditionReaders<T>): Partial<T> {
  const result: Partial<T> = {};
  if (raw === undefined || raw.trim() === '') return result;
  for (const part of raw.split(';')) {
    const at = part.indexOf(':');
    const key = (at < 0 ? part : part.slice(0, at)).trim();
    const value = at < 0 ? '' : part.slice(at + 1).trim();
    if (!Object.prototype.hasOwnProperty.call(readers, key)) {
      throw new DomainError(ErrorCode.CONDITION_INVALID, `unknown condition ${key || '(empty)'}`);
    }
    const name = key as keyof T;
    if (name in result) throw new DomainError(ErrorCode.CONDITION_INVALID, `condition ${key} given twice`);
    const read = readers[name](value);
    if (read === undefined) throw new DomainError(ErrorCode.CONDITION_INVALID, `condition ${key} cannot be ${value || 'empty'}`);
    result[name] = read;
  }
  return result;
}

/** Year 0000 and years past 9999 are dates JavaScript reads and PostgreSQL refuses. */
const FIRST_INSTANT = new Date('0001-01-01T00:00:00Z');
const LAST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 1-99 as they are
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Readers for the usual kinds of condition values. */
export const read = {
  oneOf:
    <V extends string>(...allowed: V[]) =>
    (value: string): V | undefined =>
      (allowed as string[]).includes(value) ? (value as V) : undefined,
  text:
    (max = 100) =>
    (value: string): string | undefined =>
      value.length >= 1 && value.length <= max ? value : undefined,
  /** A calendar date that exists (no 02-31), optionally with a time, between the years 1 and 9999 as PostgreSQL holds them. */
  date: (value: string): Date | undefined => {
    const match = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.exec(value);
    if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
    const date = new Date(value);
    return date >= FIRST_INSTANT && date <= LAST_INSTANT ? date : undefined;
  },
  uuid: (value: string): string | undefined =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : undefined,
};
