import { localeOf } from './locale';

describe('localeOf', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['fr-FR, en;q=0.5', 'en'],
    ['de', 'zh'],
    ['zh;q=0.2, en;q=0.7', 'en'],
    ['en;q=0', 'zh'],
  ])('reads %p as %s', (header, expected) => {
    expect(localeOf(header)).toBe(expected);
  });
});
