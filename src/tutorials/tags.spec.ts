import { normalizeTag, normalizeTags } from './tags';

describe('tags', () => {
  it.each([
    ['Signing', 'signing'],
    ['  Node.js ', 'node.js'],
    ['C++', 'c++'],
    ['C#', 'c#'],
    ['machine   learning', 'machine-learning'],
    ['入门', '入门'],
    ['ＡＰＩ２', 'api2'],
    ['Ünïcode', 'ünïcode'],
    ['x'.repeat(32), 'x'.repeat(32)],
  ])('normalizes %j to %j', (raw, tag) => {
    expect(normalizeTag(raw)).toBe(tag);
  });

  it.each([[''], ['   '], ['-dash'], ['#hash'], ['a/b'], ['<b>'], ['a,b'], ['x'.repeat(33)], ['tab\u0000']])('refuses %j', (raw) => {
    expect(normalizeTag(raw)).toBeUndefined();
  });

  it('drops duplicates after normalizing, keeping the first order, and refuses a list holding a non-tag', () => {
    expect(normalizeTags(['Go', 'go', ' GO ', 'rust', 'Ｇｏ'])).toEqual(['go', 'rust']);
    expect(normalizeTags(['go', '??'])).toBeUndefined();
    expect(normalizeTags([])).toEqual([]);
  });
});
