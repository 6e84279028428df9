import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { parseMeAnswer, parseTokenAnswer, parseUserInfo, qqFailure, QqIdentity } from './qq-connect.answers';

/** QQ Connect's answers are a few hundred bytes; more than this is not QQ Connect answering. */
const MAX_ANSWER_BYTES = 64 * 1024;

interface QqCredentials {
  appId: string;
  appKey: string;
}

/**
 * The outbound side of QQ Connect (OAuth 2.0 at QQ_CONNECT_BASE). Every call is bounded by
 * QQ_TIMEOUT_MS, answer included, and never holds up other requests; every failure is 996 with a
 * detail that names the step, never a URL (they carry the app key and the access token), and the
 * access token lives only inside `identify`: it is neither stored nor logged.
 */
@Injectable()
export class QqConnectClient {
  private readonly logger = new Logger('QqConnect');

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.QQ_APP_ID !== undefined;
  }

  /** 1077 unless QQ_APP_ID (and with it QQ_APP_KEY) is set. */
  requireConfigured(): void {
    this.credentials();
  }

  /** QQ's authorize page for `state`; QQ sends the person back to QQ_REDIRECT_URI with a code. */
  authorizeUrl(state: string): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.credentials().appId,
      redirect_uri: this.config.qqRedirectUri,
      state,
      scope: 'get_user_info',
    });
    return `${this.endpoint('/oauth2.0/authorize')}?${query.toString()}`;
  }

  /** Who authorized: the code for an access token, the token for the openid, then nickname and avatar (996 on any failure). */
  async identify(code: string): Promise<QqIdentity> {
    const { appId, appKey } = this.credentials();
    const tokenAnswer = await this.call('token', '/oauth2.0/token', {
      grant_type: 'authorization_code',
      client_id: appId,
      client_secret: appKey,
      code,
      redirect_uri: this.config.qqRedirectUri,
    });
    const accessToken = parseTokenAnswer(tokenAnswer);
    const openid = parseMeAnswer(await this.call('me', '/oauth2.0/me', { access_token: accessToken }), appId);
    const profile = parseUserInfo(
      await this.call('user info', '/user/get_user_info', { access_token: accessToken, oauth_consumer_key: appId, openid }),
    );
    return { openid, ...profile };
  }

  /** Readiness: QQ Connect's host answers HTTP at all (any status) within the timeout. */
  async checkReachable(): Promise<void> {
    const signal = this.deadline();
    try {
      const response = await this.fetch(this.endpoint('/'), 'HEAD', signal);
      await response.body?.cancel();
    } catch {
      throw new Error(`QQ Connect ${this.describe(signal)}`);
    }
  }

  private credentials(): QqCredentials {
    const { QQ_APP_ID: appId, QQ_APP_KEY: appKey } = this.config;
    if (appId === undefined || appKey === undefined) throw new DomainError(ErrorCode.QQ_NOT_CONFIGURED, 'QQ_APP_ID is not set');
    return { appId, appKey };
  }

  private endpoint(path: string): string {
    return `${this.config.QQ_CONNECT_BASE.replace(/\/+$/, '')}${path}`;
  }

  /** The text of a 2xx answer to GET `path`; 996 (logged without the URL) otherwise. */
  private async call(step: string, path: string, query: Record<string, string>): Promise<string> {
    const signal = this.deadline();
    try {
      const response = await this.fetch(`${this.endpoint(path)}?${new URLSearchParams(query).toString()}`, 'GET', signal);
      if (!response.ok) {
        await response.body?.cancel();
        throw qqFailure(step, `answered HTTP ${response.status}`);
      }
      return await readText(response, step);
    } catch (error) {
      const failure = error instanceof DomainError ? error : qqFailure(step, this.describe(signal));
      this.logger.warn(failure.detail);
      throw failure;
    }
  }

  /** Ends a call, its answer's body included, QQ_TIMEOUT_MS after it starts. */
  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.config.QQ_TIMEOUT_MS);
  }

  private fetch(url: string, method: 'GET' | 'HEAD', signal: AbortSignal): Promise<Response> {
    // No redirects: QQ Connect answers in place, and a redirect must not carry the request elsewhere.
    return fetch(url, { method, redirect: 'manual', signal });
  }

  /** Why a fetch threw: its deadline passed, or the host was not reached at all (refused, reset, unknown name). */
  private describe(signal: AbortSignal): string {
    return signal.aborted ? `gave no answer within ${this.config.QQ_TIMEOUT_MS} ms` : 'could not be reached';
  }
}

/** The answer's text, refused past MAX_ANSWER_BYTES (the timeout's signal also ends a slow body). */
async function readText(response: Response, step: string): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) throw qqFailure(step, `answered more than ${MAX_ANSWER_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
