import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { compileAllowedOrigins, originAllowed } from '../signing/allowed-origins';

/**
 * Where a QQ flow sends the person back: an absolute http(s) URL on one of the app's allowed
 * origins (the same rule, scheme, host and port, as its Origin header), without credentials in it; -1 otherwise, so the
 * platform is no open redirect. Answers the URL as the WHATWG parser writes it, fragment
 * dropped (the result arrives there), so the browser that follows it reads the same host.
 */
export function checkReturnTo(value: string, allowedDomains: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError(ErrorCode.DOMAIN_FORBIDDEN, 'returnTo must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DomainError(ErrorCode.DOMAIN_FORBIDDEN, 'returnTo must be an http(s) URL');
  if (url.username !== '' || url.password !== '') throw new DomainError(ErrorCode.DOMAIN_FORBIDDEN, 'returnTo must not carry credentials');
  if (!originAllowed(url.href, compileAllowedOrigins(allowedDomains)))
    throw new DomainError(ErrorCode.DOMAIN_FORBIDDEN, "returnTo is not on the app's allowed domains");
  url.hash = '';
  return url.href;
}
