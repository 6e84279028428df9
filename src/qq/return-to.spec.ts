import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { checkReturnTo } from './return-to';

const DOMAINS = ['https://app.example.com', 'https://app.example.com:8443', 'http://*.example.org'];

describe('returnTo of a QQ flow', () => {
  it.each([
    ['https://app.example.com/done', 'https://app.example.com/done'],
    ['https://APP.Example.com:8443/a/../b?x=1#frag', 'https://app.example.com:8443/b?x=1'],
    ['http://a.b.example.org/', 'http://a.b.example.org/'],
  ])('keeps %s as %s', (given, kept) => expect(checkReturnTo(given, DOMAINS)).toBe(kept));

  it.each([
    'https://evil.com/',
    'https://app.example.com.evil.com/',
    'https://evilapp.example.com/',
    'https://example.org/',
    'https://app.example.com@evil.com/',
    'https://evil.com\\@app.example.com/',
    'https://u:p@app.example.com/',
    'javascript:alert(1)//app.example.com',
    '//app.example.com/',
    'app.example.com/done',
    'ws://app.example.com/',
  ])('refuses %s with -1', (given) => {
    let error: unknown;
    try {
      checkReturnTo(given, DOMAINS);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.DOMAIN_FORBIDDEN);
  });

  it('refuses everything for an app with no allowed domains', () => {
    expect(() => checkReturnTo('https://app.example.com/', [])).toThrow(DomainError);
  });
});
