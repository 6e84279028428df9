import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';

/** What QQ Connect tells of the person who authorized: the QQ's id under this platform, and how it shows. */
export interface QqIdentity {
  openid: string;
  nickname: string;
  avatarUrl: string | null;
}

/** The openid QQ Connect gives (32 hex characters today); anything else is not kept. */
const OPENID = /^[0-9A-Za-z_-]{1,64}$/;
/** An access token goes back into a query string only when it is plain printable ASCII. */
const ACCESS_TOKEN = /^[\x21-\x7e]{1,512}$/;
/** Nicknames are shown and mailed: controls, line separators and bidirectional overrides go. */
const UNSHOWABLE = /[\p{Cc}\p{Zl}\p{Zp}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const NICKNAME_MAX = 80;
const AVATAR_MAX = 512;

/** 996: QQ Connect answered, but not with what the flow needs. */
export function qqFailure(step: string, what: string): DomainError {
  return new DomainError(ErrorCode.RUNTIME_HTTP_CLIENT, `QQ Connect (${step}) ${what}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What QQ says of an error, made safe to show: its number and a short printable description. */
function refusal(step: string, answer: Record<string, unknown>, codeField: string, textField: string): DomainError {
  const code = typeof answer[codeField] === 'number' || typeof answer[codeField] === 'string' ? String(answer[codeField]) : '?';
  const text =
    typeof answer[textField] === 'string'
      ? answer[textField]
          .replace(/[^\x20-\x7e]/g, '')
          .trim()
          .slice(0, 120)
      : '';
  return qqFailure(step, `refused: error ${code.slice(0, 20)}${text ? ` (${text})` : ''}`);
}

/**
 * The object of a JSONP answer, `callback( {...} );`, or of a plain JSON one (what `fmt=json`
 * asks for): QQ Connect answers both ways, and errors of its OAuth endpoints always as JSONP.
 */
export function parseJsonOrJsonp(step: string, text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const jsonp = /^callback\s*\(([\s\S]*)\)\s*;?$/.exec(trimmed);
  let value: unknown;
  try {
    value = JSON.parse(jsonp ? jsonp[1] : trimmed);
  } catch {
    throw qqFailure(step, 'answered neither JSON nor JSONP');
  }
  if (!isRecord(value)) throw qqFailure(step, 'answered JSON that is not an object');
  return value;
}

/**
 * The access token out of `/oauth2.0/token`'s answer, a query string
 * (`access_token=...&expires_in=...&refresh_token=...`), or its error, `callback( {"error":...} );`.
 */
export function parseTokenAnswer(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('callback') || trimmed.startsWith('{')) {
    throw refusal('token', parseJsonOrJsonp('token', trimmed), 'error', 'error_description');
  }
  const token = new URLSearchParams(trimmed).get('access_token');
  if (token === null || !ACCESS_TOKEN.test(token)) throw qqFailure('token', 'answered without a usable access token');
  return token;
}

/**
 * The openid out of `/oauth2.0/me`'s answer, `callback( {"client_id":"...","openid":"..."} );`
 * or the same as plain JSON. A token QQ issued to another app (client_id) is refused: it would
 * let that app's users be taken for this one's.
 */
export function parseMeAnswer(text: string, appId: string): string {
  const answer = parseJsonOrJsonp('me', text);
  if ('error' in answer) throw refusal('me', answer, 'error', 'error_description');
  if (String(answer.client_id) !== appId) throw qqFailure('me', 'answered for another app');
  if (typeof answer.openid !== 'string' || !OPENID.test(answer.openid)) throw qqFailure('me', 'answered without a usable openid');
  return answer.openid;
}

/** Nickname and avatar out of `/user/get_user_info`'s JSON, whose `ret` is 0 when all went well. */
export function parseUserInfo(text: string): Omit<QqIdentity, 'openid'> {
  const answer = parseJsonOrJsonp('user info', text);
  if (answer.ret !== 0) {
    if (typeof answer.ret !== 'number') throw qqFailure('user info', 'answered without a ret code');
    throw refusal('user info', answer, 'ret', 'msg');
  }
  const nickname =
    typeof answer.nickname === 'string' ? [...answer.nickname.replace(UNSHOWABLE, '').trim()].slice(0, NICKNAME_MAX).join('') : '';
  // The 100-pixel QQ avatar first, then smaller or Qzone ones.
  const avatars = [answer.figureurl_qq_2, answer.figureurl_qq_1, answer.figureurl_qq, answer.figureurl_2, answer.figureurl_1];
  return { nickname, avatarUrl: avatars.map(avatarUrl).find((url) => url !== undefined) ?? null };
}

/** An http(s) URL that fits its column, as the WHATWG parser writes it; undefined otherwise. */
function avatarUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= AVATAR_MAX ? url.href : undefined;
  } catch {
    return undefined;
  }
}
