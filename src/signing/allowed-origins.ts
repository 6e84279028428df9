import { ValidateBy, ValidationOptions } from 'class-validator';
import { parse as parseDomain } from 'tldts';

import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';

/**
 * An app's allowed domains are origins: scheme, host and port, as browsers send them in Origin.
 *
 *   https://app.example.com        that origin only (https, port 443)
 *   http://localhost:3000          scheme and port count: http://localhost:3001 is another origin
 *   https://*.example.com          any subdomain of example.com (not example.com itself), over https
 *   app.example.com                shorthand for https://app.example.com (what host-only entries meant
 *                                  before origins, kept by the migration that converted them)
 *
 * A wildcard must sit over a registrable domain: `*.com`, `*.co.uk` or `*.github.io` (public
 * suffixes, by the Public Suffix List with its private section) would let anyone's site in.
 */
export interface AllowedOrigin {
  protocol: string;
  /** The host, or for a wildcard the domain under which any subdomain matches. */
  host: string;
  wildcard: boolean;
  /** '' for the scheme's default port, as URL gives it. */
  port: string;
}

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/;
export const MAX_ORIGIN_LENGTH = 300;

/** The entry as an origin, or why it is not one. */
function parseOrigin(entry: string): AllowedOrigin | string {
  if (entry.length > MAX_ORIGIN_LENGTH) return 'is too long';
  let url: URL;
  try {
    url = new URL(entry.includes('://') ? entry : `https://${entry}`);
  } catch {
    return 'is not an origin';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http or https';
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || entry.endsWith('?') || entry.endsWith('#')) {
    return 'must be scheme, host and port only (no path, query or credentials)';
  }
  const wildcard = url.hostname.startsWith('*.');
  const host = wildcard ? url.hostname.slice(2) : url.hostname;
  if (!DNS_NAME.test(host) && !(IP_HOST.test(host) && !wildcard)) return 'has no valid host name';
  if (wildcard && parseDomain(host, { allowPrivateDomains: true }).domain === null) {
    return `puts a wildcard over ${host}, a public suffix: name a domain someone owns, as *.example.com`;
  }
  return { protocol: url.protocol, host, wildcard, port: url.port };
}

const originText = (origin: AllowedOrigin): string =>
  `${origin.protocol}//${origin.wildcard ? '*.' : ''}${origin.host}${origin.port ? `:${origin.port}` : ''}`;

/** Why `entry` cannot be an allowed origin ("allowed domain x is ..."), or undefined when it can. */
function problemOf(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return 'an allowed domain is text';
  const parsed = parseOrigin(entry.trim());
  return typeof parsed === 'string' ? `allowed domain ${entry} ${parsed}` : undefined;
}

/** Entries as stored: each an origin in its one canonical spelling, duplicates dropped; 1043 on a bad one. */
export function normaliseAllowedOrigins(entries: string[]): string[] {
  const origins = entries.map((entry) => {
    const parsed = parseOrigin(entry.trim());
    if (typeof parsed === 'string') throw new DomainError(ErrorCode.CHOICE_INVALID, problemOf(entry));
    return originText(parsed);
  });
  return [...new Set(origins)];
}

/** Stored entries, ready to match; any that is no longer acceptable (a wildcard over a public suffix) matches nothing. */
export function compileAllowedOrigins(stored: string[]): AllowedOrigin[] {
  return stored.map((entry) => parseOrigin(entry)).filter((parsed): parsed is AllowedOrigin => typeof parsed !== 'string');
}

/** Whether the origin of an Origin or Referer header is one of `allowed`: same scheme, host (or subdomain) and port. */
export function originAllowed(source: string, allowed: AllowedOrigin[]): boolean {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false; // "null" (a sandboxed page, a file) is no origin
  }
  return allowed.some(
    (origin) =>
      origin.protocol === url.protocol &&
      origin.port === url.port &&
      (origin.wildcard ? url.hostname.endsWith(`.${origin.host}`) : url.hostname === origin.host),
  );
}

/** class-validator rule for a DTO's list of allowed domains (`each: true`): each must be an acceptable origin. */
export function IsAllowedOrigin(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAllowedOrigin',
      validator: {
        validate: (value) => problemOf(value) === undefined,
        // With `each`, the message is built from the whole list: name its first bad entry.
        defaultMessage: (args) => [args?.value].flat().map(problemOf).find(Boolean) ?? 'allowed domains are origins',
      },
    },
    options,
  );
}
