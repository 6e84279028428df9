import { randomBytes } from 'node:crypto';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** A QQ account as QQ Connect shows it to the platform. */
export interface FakeQqUser {
  openid: string;
  nickname: string;
  /** figureurl_qq_2 (the 100-pixel avatar); omitted: QQ's default avatar URL. */
  avatar?: string;
}

/** The steps of `identify`, each of which can be made to fail. */
export type QqStep = 'token' | 'me' | 'user';

/**
 * How a step fails: `http-502` an HTTP 5xx page, `error` QQ's own error answer (JSONP
 * `callback( {"error":...} );` from the OAuth endpoints, `{"ret":...}` from the API), `malformed`
 * a JSONP QQ never sends, `hang` no answer at all, `reset` the connection cut, `huge` an endless
 * answer, `other-app` a token issued to another app (/me only).
 */
export type QqFault = 'http-502' | 'error' | 'malformed' | 'hang' | 'reset' | 'huge' | 'other-app';

let users = 0;
/** A new QQ user with a fresh openid (32 upper-case hex characters, as QQ gives them). */
export function qqUser(nickname = `QQ用户${++users}`): FakeQqUser {
  return { openid: randomBytes(16).toString('hex').toUpperCase(), nickname };
}

const jsonp = (value: unknown): string => `callback( ${JSON.stringify(value)} );\n`;

/**
 * A local QQ Connect (graph.qq.com) speaking its real formats: the authorize page (which consents
 * at once as `consenting`, and sends the person back to redirect_uri with a code and the state),
 * `/oauth2.0/token` (a query string, or a JSONP error), `/oauth2.0/me` (JSONP, or JSON with
 * `fmt=json` or `meFormat = 'json'`) and `/user/get_user_info` (JSON with `ret`). Codes are
 * single-use and tied to their redirect_uri, as QQ's are; tokens must come back exactly. It also
 * serves `/app/return`, a client app's page that starts a flow and finishes it (see APP_PAGE).
 */
export class FakeQqConnect {
  readonly appId = '101000042';
  readonly appKey = randomBytes(16).toString('hex');
  /** Who consents on the authorize page; `deny`: the person cancels (back without a code). */
  consenting: FakeQqUser | 'deny' = qqUser();
  meFormat: 'jsonp' | 'json' = 'jsonp';
  /** Every request, in order (path and query), for assertions on what the platform sent. */
  readonly requests: URL[] = [];
  private readonly codes = new Map<string, { user: FakeQqUser; redirectUri: string; used: boolean }>();
  private readonly tokens = new Map<string, FakeQqUser>();
  private readonly faults = new Map<QqStep, QqFault>();
  private readonly sockets = new Set<Socket>();
  private readonly server = http.createServer((request, response) => this.handle(request, response));
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment that points the platform here. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { QQ_APP_ID: this.appId, QQ_APP_KEY: this.appKey, QQ_CONNECT_BASE: this.url, ...extra };
  }

  async start(port = 0): Promise<this> {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A code as QQ hands it out once `user` consents, for a flow driven without a browser. */
  issueCode(user: FakeQqUser, redirectUri: string): string {
    const code = randomBytes(16).toString('hex').toUpperCase();
    this.codes.set(code, { user, redirectUri, used: false });
    return code;
  }

  fail(step: QqStep, fault: QqFault): void {
    this.faults.set(step, fault);
  }

  heal(): void {
    this.faults.clear();
  }

  /** The access tokens handed out so far (they must never reach the platform's logs or tables). */
  get accessTokens(): string[] {
    return [...this.tokens.keys()];
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push(url);
    const q = url.searchParams;
    switch (url.pathname) {
      case '/oauth2.0/authorize':
        return this.authorize(q, response);
      case '/oauth2.0/token':
        return this.answer('token', response, () => this.token(q));
      case '/oauth2.0/me':
        return this.answer('me', response, () => this.me(q));
      case '/user/get_user_info':
        return this.answer('user', response, () => this.userInfo(q));
      case '/app/return':
        return send(response, 200, 'text/html; charset=utf-8', APP_PAGE);
      default:
        return send(response, 404, 'text/html', '<h1>404</h1>');
    }
  }

  private authorize(q: URLSearchParams, response: ServerResponse): void {
    if (q.get('response_type') !== 'code' || q.get('client_id') !== this.appId || !q.get('redirect_uri') || !q.get('state')) {
      return send(response, 400, 'text/html', '<h1>bad request</h1>');
    }
    const back = new URL(q.get('redirect_uri')!);
    if (this.consenting !== 'deny') back.searchParams.set('code', this.issueCode(this.consenting, back.toString()));
    back.searchParams.set('state', q.get('state')!);
    response.writeHead(302, { location: back.toString() }).end();
  }

  private token(q: URLSearchParams): string {
    const entry = this.codes.get(q.get('code') ?? '');
    if (q.get('grant_type') !== 'authorization_code' || q.get('client_id') !== this.appId || q.get('client_secret') !== this.appKey) {
      return jsonp({ error: 100016, error_description: 'client_id or client_secret wrong' });
    }
    if (!entry || entry.redirectUri !== q.get('redirect_uri'))
      return jsonp({ error: 100019, error_description: 'code to access token error' });
    if (entry.used) return jsonp({ error: 100020, error_description: 'code is reused error' });
    entry.used = true;
    const token = randomBytes(16).toString('hex').toUpperCase();
    this.tokens.set(token, entry.user);
    return `access_token=${token}&expires_in=7776000&refresh_token=${randomBytes(16).toString('hex').toUpperCase()}`;
  }

  private me(q: URLSearchParams): string {
    const user = this.tokens.get(q.get('access_token') ?? '');
    const body = user
      ? { client_id: this.faults.get('me') === 'other-app' ? '100999999' : this.appId, openid: user.openid }
      : { error: 100016, error_description: 'access token check failed' };
    return q.get('fmt') === 'json' || this.meFormat === 'json' ? JSON.stringify(body) : jsonp(body);
  }

  private userInfo(q: URLSearchParams): string {
    const user = this.tokens.get(q.get('access_token') ?? '');
    if (!user || q.get('oauth_consumer_key') !== this.appId || q.get('openid') !== user.openid) {
      return JSON.stringify({ ret: 100016, msg: 'access token check failed' });
    }
    const avatar = user.avatar ?? `http://thirdqq.qlogo.cn/ek_qqapp/${user.openid}/100`;
    return JSON.stringify({
      ret: 0,
      msg: '',
      is_lost: 0,
      nickname: user.nickname,
      gender: '男',
      figureurl: `http://qzapp.qlogo.cn/qzapp/${this.appId}/${user.openid}/30`,
      figureurl_qq_1: `http://thirdqq.qlogo.cn/ek_qqapp/${user.openid}/40`,
      figureurl_qq_2: avatar,
      is_yellow_vip: '0',
    });
  }

  /** The step's real answer, unless a fault is set for it. QQ answers its errors with HTTP 200. */
  private answer(step: QqStep, response: ServerResponse, real: () => string): void {
    const fault = this.faults.get(step);
    switch (fault) {
      case 'http-502':
        return send(response, 502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
      case 'error':
        return send(
          response,
          200,
          'text/html',
          step === 'user'
            ? JSON.stringify({ ret: 1002, msg: 'system busy' })
            : jsonp({ error: 100030, error_description: 'permission denied' }),
        );
      case 'malformed':
        return send(response, 200, 'text/html', 'callback( {"client_id":"' + this.appId + '","openid": );');
      case 'hang':
        return; // never answers; the connection stays open until the fake stops
      case 'reset':
        response.socket?.destroy();
        return;
      case 'huge':
        return this.endless(response);
      default:
        return send(response, 200, 'text/html', real());
    }
  }

  private endless(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = 'x'.repeat(16 * 1024);
    const write = (): void => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', write);
    };
    write();
  }
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

/**
 * A client app's page at returnTo, written as the README tells a web app to: `startQq(intent,
 * session?, password?)` asks the platform (`api` and `app` in the page's query) for a flow, keeps
 * the verifier in this tab and goes to QQ; when the callback page hands `#qq=finish&code&state`
 * back, the page finishes the flow with what it kept (a page that kept nothing sends no verifier)
 * and shows the platform's answer field by field: `qq` (the outcome, or `error` with `code` and
 * `message`), then the session's, ticket's or binding's fields.
 */
const APP_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>app</title></head>
<body><h1>app</h1><dl id="received"></dl>
<script>
  var config = new URLSearchParams(location.search);
  var api = config.get('api');
  var appId = config.get('app');

  function show(fields) {
    var list = document.getElementById('received');
    Object.keys(fields).forEach(function (name) {
      var term = document.createElement('dt'); term.textContent = name;
      var detail = document.createElement('dd'); detail.id = 'field-' + name; detail.textContent = fields[name];
      list.append(term, detail);
    });
    document.body.dataset.ready = 'true';
  }

  function fieldsOf(body) {
    if (body.code !== 0) return { qq: 'error', code: String(body.code), message: body.message };
    var data = body.data;
    var fields = { qq: data.outcome };
    if (data.session) Object.assign(fields, { uuid: data.session.uuid, ukey: data.session.ukey, expiresAt: data.session.expiresAt });
    if (data.ticket) Object.assign(fields, { ticket: data.ticket.ticket, expiresAt: data.ticket.expiresAt, nickname: data.ticket.nickname });
    if (data.binding) Object.assign(fields, { raid: data.binding.raid, nickname: data.binding.nickname });
    return fields;
  }

  window.startQq = function (intent, session, password) {
    var headers = { 'x-app-id': appId, accept: 'application/json' };
    if (session) headers.authorization = session;
    var returnTo = location.origin + location.pathname + location.search;
    var asked = intent === 'bind'
      ? fetch(api + '/api/v1/qq/authorize', { method: 'POST', headers: Object.assign({ 'content-type': 'application/json' }, headers), body: JSON.stringify({ intent: intent, returnTo: returnTo, password: password }) })
      : fetch(api + '/api/v1/qq/authorize?' + new URLSearchParams({ intent: intent, returnTo: returnTo }), { headers: headers });
    return asked.then(function (response) { return response.json(); }).then(function (body) {
      if (body.code !== 0) return show(fieldsOf(body));
      sessionStorage.setItem('qq-flow', JSON.stringify({ verifier: body.data.verifier, session: session }));
      location.assign(body.data.url);
    });
  };

  var fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('qq') === 'finish') {
    var flow = JSON.parse(sessionStorage.getItem('qq-flow') || '{}');
    sessionStorage.removeItem('qq-flow');
    var headers = { 'x-app-id': appId, accept: 'application/json' };
    if (flow.verifier) headers['x-qq-verifier'] = flow.verifier;
    if (flow.session) headers.authorization = flow.session;
    var query = new URLSearchParams({ state: fragment.get('state') || '' });
    if (fragment.has('code')) query.set('code', fragment.get('code'));
    fetch(api + '/api/v1/qq/callback?' + query, { headers: headers })
      .then(function (response) { return response.json(); })
      .then(function (body) { show(fieldsOf(body)); });
  }
</script></body></html>`;
