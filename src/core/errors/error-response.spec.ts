import { ErrorCode } from './catalogue';
import { DomainError } from './domain-error';
import { classifyError } from './error-response';

describe('classifyError on the open API', () => {
  it('answers anything unexpected under /api/v1/open as 99997, and elsewhere by its kind', () => {
    const crash = new TypeError('cannot read properties of undefined');
    for (const url of ['/api/v1/open/users/me', '/api/v1/open/users/login?x=1', '/api/v1/open']) {
      expect(classifyError(crash, 'GET', url)).toEqual({ error: new DomainError(ErrorCode.OPEN_SYSTEM_ERROR), unexpected: true });
    }
    for (const url of ['/api/v1/users/me', '/api/v1/opener', '/open/users/me', '']) {
      expect(classifyError(crash, 'GET', url).error.code).toBe(ErrorCode.INTERNAL_ERROR);
    }
  });

  it("keeps the open API's own failures, and a client's malformed request, as they are", () => {
    const refused = new DomainError(ErrorCode.OPEN_CREDENTIALS_WRONG);
    expect(classifyError(refused, 'POST', '/api/v1/open/users/login')).toEqual({ error: refused, unexpected: false });
    expect(classifyError(new SyntaxError('Unexpected token'), 'POST', '/api/v1/open/users/login').error.code).toBe(
      ErrorCode.MALFORMED_REQUEST,
    );
  });
});
