import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseJsonOrJsonp, parseMeAnswer, parseTokenAnswer, parseUserInfo } from './qq-connect.answers';

/** The 996 a parser throws, with its detail. */
function failure(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.RUNTIME_HTTP_CLIENT);
    return (error as DomainError).detail ?? '';
  }
  throw new Error('expected a 996');
}

describe("QQ Connect's answers", () => {
  describe('JSON or JSONP', () => {
    it.each([
      ['callback( {"client_id":"101","openid":"ABC"} );', { client_id: '101', openid: 'ABC' }],
      ['callback({"a":1});\n', { a: 1 }],
      ['  callback( {"a":"b)c"} )  ', { a: 'b)c' }],
      ['{"client_id":"101","openid":"ABC"}', { client_id: '101', openid: 'ABC' }],
    ])('reads %j', (text, value) => expect(parseJsonOrJsonp('me', text)).toEqual(value));

    it.each([
      '',
      'callback( {"a": );',
      'callback( [1] );',
      'null',
      '<html>502</html>',
      'evil( {"a":1} );',
      'callback( {"a":1} ); alert(1)',
    ])('refuses %j', (text) => {
      expect(failure(() => parseJsonOrJsonp('me', text))).toMatch(/^QQ Connect \(me\) answered /);
    });
  });

  describe('/oauth2.0/token', () => {
    it('reads the access token from the query string', () => {
      expect(parseTokenAnswer('access_token=FE04CCE2&expires_in=7776000&refresh_token=88E4BE14\n')).toBe('FE04CCE2');
    });

    it("turns QQ's JSONP error into 996 naming it, and never echoes what else came", () => {
      const detail = failure(() =>
        parseTokenAnswer('callback( {"error":100019,"error_description":"code to access token error\\u0000\\n"} );'),
      );
      expect(detail).toBe('QQ Connect (token) refused: error 100019 (code to access token error)');
    });

    it.each(['expires_in=7776000', 'access_token=&expires_in=1', 'access_token=has space', '<html>oops</html>'])('refuses %j', (text) => {
      expect(failure(() => parseTokenAnswer(text))).toBe('QQ Connect (token) answered without a usable access token');
    });
  });

  describe('/oauth2.0/me', () => {
    it('reads the openid of a token issued to this app, from JSONP or JSON', () => {
      expect(parseMeAnswer('callback( {"client_id":"101000042","openid":"4A5B6C"} );', '101000042')).toBe('4A5B6C');
      expect(parseMeAnswer('{"client_id":101000042,"openid":"4A5B6C"}', '101000042')).toBe('4A5B6C');
    });

    it("refuses QQ's error, a token of another app and an openid that is no openid", () => {
      expect(failure(() => parseMeAnswer('callback( {"error":100016,"error_description":"access token check failed"} );', '1'))).toMatch(
        /refused: error 100016/,
      );
      expect(failure(() => parseMeAnswer('{"client_id":"999","openid":"4A5B6C"}', '101'))).toBe('QQ Connect (me) answered for another app');
      for (const openid of ['', 'a b', 'x'.repeat(65), 42]) {
        expect(failure(() => parseMeAnswer(JSON.stringify({ client_id: '101', openid }), '101'))).toBe(
          'QQ Connect (me) answered without a usable openid',
        );
      }
    });
  });

  describe('/user/get_user_info', () => {
    it('reads the nickname and the 100-pixel QQ avatar', () => {
      const answer = {
        ret: 0,
        msg: '',
        nickname: 'Peter',
        figureurl_qq_1: 'http://q.qlogo.cn/a/40',
        figureurl_qq_2: 'http://q.qlogo.cn/a/100',
      };
      expect(parseUserInfo(JSON.stringify(answer))).toEqual({ nickname: 'Peter', avatarUrl: 'http://q.qlogo.cn/a/100' });
    });

    it('keeps a nickname showable and within 80 characters, and only an http(s) avatar', () => {
      const nickname = `\u202Eevil\u0007 ${'企'.repeat(100)}`;
      const read = parseUserInfo(
        JSON.stringify({ ret: 0, nickname, figureurl_qq_2: 'javascript:alert(1)', figureurl_qq_1: 'https://q.qlogo.cn/a/40' }),
      );
      expect(read.nickname).toBe(`evil ${'企'.repeat(75)}`);
      expect([...read.nickname]).toHaveLength(80);
      expect(read.avatarUrl).toBe('https://q.qlogo.cn/a/40');
      expect(parseUserInfo('{"ret":0}')).toEqual({ nickname: '', avatarUrl: null });
    });

    it('turns a non-zero ret into 996 naming it, and a missing ret too', () => {
      expect(failure(() => parseUserInfo('{"ret":1002,"msg":"system busy"}'))).toBe(
        'QQ Connect (user info) refused: error 1002 (system busy)',
      );
      expect(failure(() => parseUserInfo('{"ret":-1,"msg":"client request params is invalid"}'))).toMatch(/refused: error -1/);
      expect(failure(() => parseUserInfo('{"nickname":"x"}'))).toBe('QQ Connect (user info) answered without a ret code');
    });
  });
});
