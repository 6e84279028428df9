// A local QQ Connect (graph.qq.com) for the `qq-login` scenario, run as a process of its own
// (bench/lib/processes.js, startFakeQqConnect). It speaks the formats test/support/fake-qq-connect.ts
// speaks, which are QQ's own: `/oauth2.0/token` answers a query string (or a JSONP error),
// `/oauth2.0/me` JSONP, and `/user/get_user_info` JSON with `ret`. It checks what QQ checks:
// client_id and client_secret, a code used once and for QQ_REDIRECT_URI, tokens exactly as given.
// The load generator cannot send a person through the authorize page before every callback, so a
// code here names the QQ user who consented, `<openid>.<random>` (QQ's are opaque); the platform
// treats it as any code. Settings: PORT, HOST, QQ_APP_ID, QQ_APP_KEY, QQ_REDIRECT_URI.
const { randomBytes } = require('node:crypto');
const http = require('node:http');

const { QQ_APP_ID: appId, QQ_APP_KEY: appKey, QQ_REDIRECT_URI: redirectUri } = process.env;
/** Codes used and tokens given, the oldest forgotten past this many (a run's worth and more). */
const REMEMBERED = 200_000;

const used = new Set();
/** Access token -> openid. */
const tokens = new Map();

const jsonp = (value) => `callback( ${JSON.stringify(value)} );\n`;
const hex = (bytes) => randomBytes(bytes).toString('hex').toUpperCase();

/** Adds to a Set or Map, dropping the oldest entry once there are REMEMBERED. */
function remember(collection, key, value) {
  if (collection.size >= REMEMBERED) collection.delete(collection.keys().next().value);
  if (collection instanceof Map) collection.set(key, value);
  else collection.add(key);
}

function token(q) {
  if (q.get('grant_type') !== 'authorization_code' || q.get('client_id') !== appId || q.get('client_secret') !== appKey) {
    return jsonp({ error: 100016, error_description: 'client_id or client_secret wrong' });
  }
  const code = q.get('code') ?? '';
  const openid = /^([0-9A-F]{32})\.[0-9A-Za-z_-]{8,64}$/.exec(code)?.[1];
  if (!openid || q.get('redirect_uri') !== redirectUri) return jsonp({ error: 100019, error_description: 'code to access token error' });
  if (used.has(code)) return jsonp({ error: 100020, error_description: 'code is reused error' });
  remember(used, code);
  const accessToken = hex(16);
  remember(tokens, accessToken, openid);
  return `access_token=${accessToken}&expires_in=7776000&refresh_token=${hex(16)}`;
}

function me(q) {
  const openid = tokens.get(q.get('access_token') ?? '');
  return jsonp(openid ? { client_id: appId, openid } : { error: 100016, error_description: 'access token check failed' });
}

function userInfo(q) {
  const openid = tokens.get(q.get('access_token') ?? '');
  if (!openid || q.get('oauth_consumer_key') !== appId || q.get('openid') !== openid) {
    return JSON.stringify({ ret: 100016, msg: 'access token check failed' });
  }
  return JSON.stringify({
    ret: 0,
    msg: '',
    is_lost: 0,
    nickname: `QQ用户${openid.slice(0, 6)}`,
    gender: '男',
    figureurl: `http://qzapp.qlogo.cn/qzapp/${appId}/${openid}/30`,
    figureurl_qq_1: `http://thirdqq.qlogo.cn/ek_qqapp/${openid}/40`,
    figureurl_qq_2: `http://thirdqq.qlogo.cn/ek_qqapp/${openid}/100`,
    is_yellow_vip: '0',
  });
}

/** QQ answers its errors with HTTP 200 too. */
function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

const ANSWERS = { '/oauth2.0/token': token, '/oauth2.0/me': me, '/user/get_user_info': userInfo };

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://qq.invalid');
  if (url.pathname === '/live') return send(response, 200, 'application/json', '{"status":"up"}');
  const answer = ANSWERS[url.pathname];
  if (!answer) return send(response, 404, 'text/html', '<h1>404</h1>');
  send(response, 200, 'text/html', answer(url.searchParams));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
