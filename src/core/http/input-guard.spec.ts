import { inputFault, MAX_INPUT_DEPTH } from './input-guard';

const nest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('inputFault', () => {
  it('passes ordinary values of every JSON type, paired surrogates and other scripts', () => {
    expect(inputFault({ nickname: '😀 עברית\u200b\u202e', points: 1e308, ok: true, none: null, tags: ['a', { b: 'c' }] })).toBeUndefined();
    expect(inputFault(undefined)).toBeUndefined();
    expect(inputFault('plain')).toBeUndefined();
  });

  it.each([
    ['a NUL in a value', { a: 'x\u0000' }, 'a NUL character'],
    ['a NUL in a key', { 'a\u0000': 1 }, 'a NUL character'],
    ['a NUL deep in a list', { a: [['ok', 'no\u0000']] }, 'a NUL character'],
    ['a lone high surrogate', { email: 'a\ud800@example.com' }, 'a lone UTF-16 surrogate'],
    ['a high surrogate at the end', ['a\udbff'], 'a lone UTF-16 surrogate'],
    ['a lone low surrogate', 'a\udc00b', 'a lone UTF-16 surrogate'],
    ['two highs in a row', '\ud83d\ud83d\ude00', 'a lone UTF-16 surrogate'],
    ['a __proto__ key', JSON.parse('{"a":{"__proto__":{"admin":true}}}'), 'a __proto__ key'],
  ])('refuses %s', (_, value, fault) => {
    expect(inputFault(value)).toBe(fault);
  });

  it(`allows ${MAX_INPUT_DEPTH} levels of nesting and refuses one more`, () => {
    expect(inputFault(nest(MAX_INPUT_DEPTH))).toBeUndefined();
    expect(inputFault(nest(MAX_INPUT_DEPTH + 1))).toBe(`values nested deeper than ${MAX_INPUT_DEPTH} levels`);
  });

  it('walks without recursing: a list nested 100,000 deep is refused, not a stack overflow', () => {
    expect(inputFault(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toMatch(/nested deeper/);
  });
});
