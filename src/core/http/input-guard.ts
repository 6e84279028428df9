import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';

/**
 * Containers nested deeper than this are refused. No request of this API nests more than three;
 * class-transformer recurses per level and overflowed the stack on arrays 2,000 deep.
 */
export const MAX_INPUT_DEPTH = 32;

/** A high surrogate without its low half after it, or a low one without its high half before it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textFault(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character';
  if (LONE_SURROGATE.test(text)) return 'a lone UTF-16 surrogate';
  return undefined;
}

/**
 * What makes a parsed value unfit for any handler, or undefined when nothing does: a string (value
 * or key) with a NUL (PostgreSQL text cannot hold one) or a lone surrogate (no UTF-8 encoding),
 * a `__proto__` key, or nesting past `maxDepth`. Walks with its own stack, never recursing.
 */
export function inputFault(value: unknown, maxDepth = MAX_INPUT_DEPTH): string | undefined {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      const fault = textFault(item);
      if (fault) return fault;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= maxDepth) return `values nested deeper than ${maxDepth} levels`;
    if (Array.isArray(item)) {
      for (const element of item) pending.push([element, depth + 1]);
      continue;
    }
    for (const key of Object.keys(item)) {
      if (key === '__proto__') return 'a __proto__ key';
      const fault = textFault(key);
      if (fault) return fault;
      pending.push([(item as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

/**
 * Fastify preValidation hook: path parameters, query and parsed body are checked once, in one place,
 * before any guard, pipe or handler reads them (1074).
 */
export function guardInput(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const fault = inputFault(request.params) ?? inputFault(request.query) ?? inputFault(request.body);
  done(fault ? new DomainError(ErrorCode.MALFORMED_REQUEST, `the request holds ${fault}`) : undefined);
}
