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
  date: (value: string): Date | undefined => {
    const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  },
  uuid: (value: string): string | undefined =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.toLowerCase() : undefined,
};
