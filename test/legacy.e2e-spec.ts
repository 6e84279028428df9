import { randomBytes } from 'node:crypto';

import { AppsService } from '../src/signing/apps.service';
import { signedHeaders } from '../src/signing/sign';
import { signUpBody, TEST_PASSWORD } from './support/accounts';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { AppCredentials, randomNonce, TestResponse } from './support/http-client';
import { useMailedTestApp } from './support/mailed-test-app';

const QQ = { QQ_APP_ID: '101', QQ_APP_KEY: 'qq-app-key', QQ_CONNECT_BASE: 'http://127.0.0.1:9' };
const NEW_PASSWORD = 'a brand new passphrase';

interface Session {
  id: string;
  username: string;
  uuid: string;
  ukey: string;
  headers: Record<string, string>;
}

/** An answer without what differs between two requests by nature: the request id of a failure. */
const comparable = (response: TestResponse): unknown => {
  const { requestId: _id, ...rest } = response.body as Record<string, unknown>;
  return { status: response.status, ...rest };
};

/** The old endpoint: `class`, `mode` and `from` in the query, the rest as a form body (POST) or in the query (GET). */
const query = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

describe('the legacy gateway /api.php', () => {
  const { t } = useMailedTestApp({ CAPTCHA_REQUIRED: 'false', BCRYPT_COST: '4', TRUST_PROXY: '1', ...QQ });

  const legacy = (
    method: 'GET' | 'POST',
    route: Record<string, string>,
    params: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<TestResponse> =>
    method === 'GET'
      ? t.http.get(`/api.php?${query({ ...route, ...params })}`, { headers })
      : t.http.post(`/api.php?${query(route)}`, query(params), {
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        });
  /** An action of `session`'s user with the session as the old parameters, under the public `web` app. */
  const as = (session: Session, method: 'GET' | 'POST', klass: string, mode: string, params: Record<string, string> = {}) =>
    legacy(method, { class: klass, mode, from: 'desktop' }, { uuid: session.uuid, ukey: session.ukey, app_id: 'web', ...params });

  const account = async (group = 'member'): Promise<Session> => {
    const user = await insertUser(t.prisma, { password: TEST_PASSWORD, group });
    const headers = await loginAs(t.http, user.username, TEST_PASSWORD);
    const [uuid, ukey] = headers.authorization.replace('Bearer ', '').split('.');
    return { id: user.id, username: user.username, uuid, ukey, headers };
  };

  describe('its own codes, in order', () => {
    it.each([
      ['from missing, whatever else is wrong', { class: 'Bad!', mode: '' }, 1009, 400],
      ['from empty', { from: '', class: 'user', mode: 'info' }, 1009, 400],
      ['from not a configured channel', { from: 'fax', class: 'Bad!' }, 1010, 400],
      ['class missing', { from: 'web', mode: 'info' }, 1001, 400],
      ['class malformed', { from: 'web', class: 'User', mode: 'Bad!' }, 1001, 400],
      ['class unknown', { from: 'web', class: 'nosuch', mode: 'Bad!' }, 1002, 404],
      ['mode missing', { from: 'android', class: 'user' }, 1006, 400],
      ['mode malformed', { from: 'android', class: 'user', mode: 'in-fo' }, 1006, 400],
      ['mode unknown for its class', { from: 'ios', class: 'user', mode: 'apps' }, 1005, 404],
      ['a changing action asked with GET', { from: 'qqbot', class: 'user', mode: 'login', account: 'x', password: 'y' }, 1024, 404],
      ['a path parameter missing', { from: 'qqbot', class: 'message', mode: 'read' }, 1011, 400],
    ])('%s: %s', async (_, params, code, status) => {
      const response = await t.http.get(`/api.php?${query(params as Record<string, string>)}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    });

    it('takes class, mode and from from a JSON body as well, and answers through the catalogue in English on request', async () => {
      const response = await t.http.post('/api.php', { from: 'web', class: 'user' }, { headers: { 'accept-language': 'en' } });
      expect({ status: response.status, code: response.body.code, message: response.body.message }).toEqual({
        status: 400,
        code: 1006,
        message: 'Invalid mode parameter',
      });
    });

    it('asks the app (1011) and the session (1030) as the REST twin does', async () => {
      const noApp = await legacy('GET', { class: 'user', mode: 'info', from: 'web' });
      expect(noApp.body.code).toBe(1011);
      const noSession = await legacy('GET', { class: 'user', mode: 'info', from: 'web' }, {}, WEB);
      expect({ status: noSession.status, code: noSession.body.code }).toEqual({ status: 401, code: 1030 });
    });
  });

  describe('each action answers what its REST twin answers, for the same user', () => {
    let alice: Session;
    let mgid: string;
    let tid: string;
    let flid: string;
    let raid: string;

    beforeAll(async () => {
      alice = await account('developer');
      await t.prisma.user.update({ where: { id: alice.id }, data: { points: 5, balanceCents: 1_000_000n } });
      const message = await t.prisma.message.create({ data: { recipientId: alice.id, title: 'hello', body: 'text' } });
      mgid = message.id;
      const author = await insertUser(t.prisma);
      const tutorial = await t.prisma.tutorial.create({
        data: {
          authorId: author.id,
          title: 'Gateways',
          body: 'All about gateways.',
          tags: ['legacy'],
          status: 'PUBLISHED',
          publishedAt: new Date(),
        },
      });
      tid = tutorial.id;
      const form = new FormData();
      form.append('type', 'bin');
      form.append('file', new Blob([randomBytes(64)]), 'data.bin');
      const upload = await t.http.post('/api/v1/files', form, { headers: alice.headers });
      expect(upload.status).toBe(201);
      flid = upload.body.data.flid;
      const app = await t.prisma.app.findUniqueOrThrow({ where: { appId: 'web' } });
      const binding = await t.prisma.qqBinding.create({
        data: { appId: app.id, userId: alice.id, openid: 'OPENID1', nickname: 'QQ Alice' },
      });
      raid = binding.id;
      expect((await t.http.post('/api/v1/developer/apps', { name: 'tool' }, { headers: alice.headers })).status).toBe(201);
      expect((await t.http.post('/api/v1/checkin', undefined, { headers: alice.headers })).status).toBe(200);
    });

    const reads: [string, string, Record<string, string>, () => string][] = [
      ['user', 'info', {}, () => '/api/v1/users/me'],
      ['checkin', 'status', {}, () => '/api/v1/checkin'],
      ['points', 'total', {}, () => '/api/v1/points'],
      ['points', 'ledger', { page_size: '5' }, () => '/api/v1/points/ledger?pageSize=5'],
      ['message', 'list', {}, () => '/api/v1/messages'],
      ['message', 'unread', {}, () => '/api/v1/messages/unread-count'],
      ['tutorial', 'list', { limit: '3' }, () => '/api/v1/tutorials?pageSize=3'],
      ['tutorial', 'recommend', {}, () => '/api/v1/tutorials/recommended'],
      ['qq', 'bindings', {}, () => '/api/v1/qq/bindings'],
      ['developer', 'apps', {}, () => '/api/v1/developer/apps'],
      ['developer', 'libraries', {}, () => '/api/v1/developer/libraries'],
    ];
    it.each(reads)('%s.%s', async (klass, mode, params, rest) => {
      const twin = await t.http.get(rest(), { headers: alice.headers });
      expect(twin.body.code).toBe(0);
      for (const method of ['GET', 'POST'] as const) {
        expect(comparable(await as(alice, method, klass, mode, params))).toEqual(comparable(twin));
      }
    });

    it('message.read, tutorial.get and file.info by their old id parameter', async () => {
      const pairs: [string, string, Record<string, string>, string][] = [
        ['message', 'read', { id: mgid }, `/api/v1/messages/${mgid}`],
        ['tutorial', 'get', { tutorial_id: tid }, `/api/v1/tutorials/${tid}`],
        ['file', 'info', { file_id: flid }, `/api/v1/files/${flid}`],
      ];
      for (const [klass, mode, params, path] of pairs) {
        await t.http.get(path, { headers: alice.headers }); // the first reading marks the message read
        const gateway = await as(alice, 'GET', klass, mode, params);
        expect(gateway.body.code).toBe(0);
        expect(comparable(gateway)).toEqual(comparable(await t.http.get(path, { headers: alice.headers })));
      }
      const unknown = await as(alice, 'GET', 'tutorial', 'get', { id: 'nope' });
      expect(comparable(unknown)).toEqual(comparable(await t.http.get('/api/v1/tutorials/nope', { headers: alice.headers })));
    });

    it('checkin.do: the same refusal as its twin once done today', async () => {
      const gateway = await as(alice, 'POST', 'checkin', 'do');
      const twin = await t.http.post('/api/v1/checkin', undefined, { headers: alice.headers });
      expect(twin.body.code).toBe(1040);
      expect(comparable(gateway)).toEqual(comparable(twin));
    });

    it('user.update answers the profile the twin then shows', async () => {
      const gateway = await as(alice, 'POST', 'user', 'update', { nick: 'Alice Legacy' });
      expect(gateway.body.data.nickname).toBe('Alice Legacy');
      expect(comparable(gateway)).toEqual(comparable(await t.http.get('/api/v1/users/me', { headers: alice.headers })));
      const invalid = await as(alice, 'POST', 'user', 'update', { nick: '' });
      expect(comparable(invalid)).toEqual(comparable(await t.http.patch('/api/v1/users/me', { nickname: '' }, { headers: alice.headers })));
    });

    it('file.credential makes a working download link from form values (numbers as text)', async () => {
      const gateway = await as(alice, 'POST', 'file', 'credential', { id: flid, times: '2', expires_in: '600' });
      expect({ status: gateway.status, code: gateway.body.code }).toEqual({ status: 201, code: 0 });
      expect((await t.http.get(gateway.body.data.url as string)).status).toBe(200);
      const tooMany = await as(alice, 'POST', 'file', 'credential', { id: flid, times: '5000', expires_in: '600' });
      const twin = await t.http.post(
        `/api/v1/files/${flid}/credentials`,
        { maxDownloads: 5000, expiresInSeconds: 600 },
        { headers: alice.headers },
      );
      expect(twin.body.code).toBe(1049);
      expect(comparable(tooMany)).toEqual(comparable(twin));
    });

    it('message.delete and qq.unbind remove what their twins then no longer find', async () => {
      expect((await as(alice, 'POST', 'message', 'delete', { message_id: mgid })).body.code).toBe(0);
      expect((await t.http.get(`/api/v1/messages/${mgid}`, { headers: alice.headers })).body.code).toBe(1057);
      expect(comparable(await as(alice, 'POST', 'message', 'delete', { id: mgid }))).toEqual(
        comparable(await t.http.delete(`/api/v1/messages/${mgid}`, { headers: alice.headers })),
      );
      expect((await as(alice, 'POST', 'qq', 'unbind', { id: raid })).body.code).toBe(0);
      expect((await t.http.get('/api/v1/qq/bindings', { headers: alice.headers })).body.data).toEqual([]);
    });
  });

  describe('accounts and sessions', () => {
    it('user.register answers as its twin does (old parameter names)', async () => {
      const viaTwin = signUpBody();
      const viaGateway = signUpBody();
      const twin = await t.http.post('/api/v1/accounts/register', viaTwin, { headers: WEB });
      const gateway = await legacy(
        'POST',
        { class: 'user', mode: 'register', from: 'android' },
        {
          app_id: 'web',
          user: viaGateway.username,
          mail: viaGateway.email,
          pass: TEST_PASSWORD,
          repassword: TEST_PASSWORD,
          nick: viaGateway.nickname as string,
        },
      );
      expect(twin.status).toBe(201);
      const shape = (r: TestResponse) => ({ ...(comparable(r) as object), data: { ...r.body.data, uuid: 'x', username: 'x', email: 'x' } });
      expect(shape(gateway)).toEqual(shape(twin));
      expect(gateway.body.data.username).toBe(viaGateway.username);
      const taken = await legacy(
        'POST',
        { class: 'user', mode: 'register', from: 'android' },
        { app_id: 'web', ...viaTwin, password_confirm: TEST_PASSWORD },
      );
      expect(comparable(taken)).toEqual(comparable(await t.http.post('/api/v1/accounts/register', viaTwin, { headers: WEB })));
    });

    it('user.login gives a session the REST routes take, and the old parameters carry it; user.logout ends it', async () => {
      const user = await insertUser(t.prisma, { password: TEST_PASSWORD });
      const wrong = await legacy(
        'POST',
        { class: 'user', mode: 'login', from: 'qqbot' },
        { app_id: 'web', username: user.username, pwd: 'wrong' },
      );
      const wrongTwin = await t.http.post('/api/v1/auth/login', { account: user.username, password: 'wrong' }, { headers: WEB });
      expect(comparable(wrong)).toEqual(comparable(wrongTwin));

      const login = await legacy(
        'POST',
        { class: 'user', mode: 'login', from: 'qqbot' },
        { app_id: 'web', username: user.username, pwd: TEST_PASSWORD },
        { 'x-forwarded-for': '203.0.113.9' },
      );
      expect({ status: login.status, code: login.body.code }).toEqual({ status: 200, code: 0 });
      // Behind one trusted proxy: the twin sees the client the gateway saw, not the gateway or the proxy.
      expect((await t.prisma.session.findFirstOrThrow({ where: { userId: user.id } })).ip).toBe('203.0.113.9');
      const { uuid, ukey } = login.body.data as { uuid: string; ukey: string };
      const bearer = { ...WEB, authorization: `Bearer ${uuid}.${ukey}` };
      expect((await t.http.get('/api/v1/users/me', { headers: bearer })).body.data.uuid).toBe(user.id);

      const session = { id: user.id, username: user.username, uuid, ukey, headers: bearer };
      expect((await as(session, 'GET', 'user', 'info')).body.data.uuid).toBe(user.id);
      // The session as headers works on the gateway too, and a bad ukey is refused as on REST.
      expect((await legacy('GET', { class: 'user', mode: 'info', from: 'web' }, {}, bearer)).body.data.uuid).toBe(user.id);
      expect((await as({ ...session, ukey: 'x'.repeat(40) }, 'GET', 'user', 'info')).body.code).toBe(1031);

      expect((await as(session, 'POST', 'user', 'logout')).body.code).toBe(0);
      expect((await t.http.get('/api/v1/users/me', { headers: bearer })).body.code).toBe(1031);
    });

    it('user.password changes the password (old names), and the REST login takes the new one', async () => {
      const bob = await account();
      const mismatch = await as(bob, 'POST', 'user', 'password', { oldpwd: TEST_PASSWORD, pwd: NEW_PASSWORD, repwd: 'other' });
      const twin = await t.http.post(
        '/api/v1/users/me/password',
        { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordConfirm: 'other' },
        { headers: bob.headers },
      );
      expect(comparable(mismatch)).toEqual(comparable(twin));
      expect((await as(bob, 'POST', 'user', 'password', { oldpwd: TEST_PASSWORD, pwd: NEW_PASSWORD, repwd: NEW_PASSWORD })).body.code).toBe(
        0,
      );
      expect((await t.http.post('/api/v1/auth/login', { account: bob.username, password: NEW_PASSWORD }, { headers: WEB })).body.code).toBe(
        0,
      );
    });

    it('old session parameters are taken on the gateway only, never on a REST route', async () => {
      const carol = await account();
      const rest = await t.http.get(`/api/v1/users/me?uuid=${carol.uuid}&ukey=${carol.ukey}&app_id=web`);
      expect(rest.body.code).toBe(1030);
    });
  });

  describe('a signed app', () => {
    let app: AppCredentials;
    const signed = (method: 'GET' | 'POST', url: string, body: string | undefined, override: Partial<{ url: string; body: string }> = {}) =>
      t.http.request(method, url, {
        body,
        headers: {
          ...signedHeaders(app, {
            method,
            url: override.url ?? url,
            timestamp: Math.floor(Date.now() / 1000),
            nonce: randomNonce(),
            body: override.body ?? body,
          }),
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
      });

    beforeAll(async () => {
      const issued = await t.app.get(AppsService).create({ name: 'desktop tool', scopes: ['*'] });
      app = { id: issued.appId, key: issued.appKey };
    });

    it('signs the /api.php request it sends; the twin runs under that app, and a tampered body is 1014', async () => {
      const user = await insertUser(t.prisma, { password: TEST_PASSWORD });
      const url = `/api.php?${query({ class: 'user', mode: 'login', from: 'desktop' })}`;
      const body = query({ account: user.username, password: TEST_PASSWORD });
      const login = await signed('POST', url, body);
      expect({ status: login.status, code: login.body.code }).toEqual({ status: 200, code: 0 });
      const { uuid, ukey } = login.body.data as { uuid: string; ukey: string };
      expect(await t.prisma.session.count({ where: { userId: user.id, app: { appId: app.id } } })).toBe(1);

      const info = `/api.php?${query({ class: 'user', mode: 'info', from: 'desktop', uuid, ukey })}`;
      expect((await signed('GET', info, undefined)).body.data.uuid).toBe(user.id);
      // The same session under the public app is another app's session: refused as on REST.
      expect((await legacy('GET', { class: 'user', mode: 'info', from: 'desktop' }, { uuid, ukey, app_id: 'web' })).body.code).toBe(1031);

      const tampered = await signed('POST', url, query({ account: user.username, password: 'x' }), { body });
      expect(tampered.body.code).toBe(1014);
      const unsigned = await t.http.get(`${info}&app_id=${app.id}`);
      expect(unsigned.body.code).toBe(1011);
    });
  });

  it('records the channel of a changing action in the audit log', async () => {
    const dave = await account();
    await as(dave, 'POST', 'checkin', 'do');
    const row = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'legacy.call', actorId: dave.id }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({
      targetType: 'legacy-action',
      targetId: 'checkin.do',
      details: { channel: 'desktop', status: 200, code: 0 },
    });
  });
});
