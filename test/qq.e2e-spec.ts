import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { sha256 } from '../src/core/crypto/tokens';
import { UserStatus } from '../src/generated/prisma/client';
import { FakeQqConnect, FakeQqUser, QqFault, QqStep, qqUser } from './support/fake-qq-connect';
import { insertUser } from './support/fixtures';
import { TestResponse } from './support/http-client';
import * as limits from './support/limits';
import { assertBuilt, runBuilt } from './support/server-process';
import { createTestApp, freePort, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { until } from './support/until';

const PASSWORD = 'Tr0ub4dor&3-horse';
/** A public (keyless) client app whose allowed domains the suite controls. */
const APP = { 'x-app-id': 'qq-web' };
const RETURN_TO = 'https://app.example.com/qq/done?from=test';
const WINDOW = 86_400;

interface Person {
  id: string;
  username: string;
  email: string;
  headers: Record<string, string>;
}

function expectCode(response: TestResponse, status: number, code: number): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
}

const HEALTH_TOKEN = 'health-token-of-the-qq-suite';

describe('QQ binding and QQ login (against a local QQ Connect)', () => {
  let t: TestApp;
  let qq: FakeQqConnect;
  let appRowId: number;

  beforeAll(async () => {
    qq = await new FakeQqConnect().start();
    t = await createTestApp({
      env: qq.env({ HEALTH_TOKEN, QQ_TIMEOUT_MS: '800', BCRYPT_COST: '4', LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_IP: '100000', LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW) }),
    });
    const app = await t.prisma.app.create({
      data: { appId: 'qq-web', name: 'QQ web', scopes: ['*'], allowedDomains: ['app.example.com', '*.example.org', '127.0.0.1'] },
    });
    appRowId = app.id;
  });
  afterAll(async () => {
    await t?.close();
    await qq?.stop();
  });
  afterEach(() => qq.heal());

  /** An active account with a password, logged in under the suite's app. */
  async function person(status: UserStatus = UserStatus.ACTIVE): Promise<Person> {
    const user = await insertUser(t.prisma, { password: PASSWORD, status });
    if (status !== UserStatus.ACTIVE) return { ...user, headers: APP };
    const login = await t.http.post('/api/v1/auth/login', { account: user.username, password: PASSWORD }, { headers: APP });
    expect(login.body.code).toBe(0);
    return { ...user, headers: { ...APP, authorization: `Bearer ${login.body.data.uuid}.${login.body.data.ukey}` } };
  }

  const readiness = () => t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } });
  const authorizeRaw = (intent: string, headers: Record<string, string>, returnTo = RETURN_TO) =>
    t.http.get(`/api/v1/qq/authorize?intent=${intent}&returnTo=${encodeURIComponent(returnTo)}`, { headers });

  /** A new state for `intent`, through the 302 to QQ's authorize page. */
  async function authorize(intent: 'bind' | 'login', headers: Record<string, string> = APP): Promise<string> {
    const response = await authorizeRaw(intent, headers);
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!).searchParams.get('state')!;
  }

  const callback = (code: string | undefined, state: string | undefined) => {
    const query = new URLSearchParams({ ...(code !== undefined && { code }), ...(state !== undefined && { state }) });
    return t.http.get(`/api/v1/qq/callback?${query}`, { headers: { 'user-agent': 'qq-test-browser' } });
  };

  /** The person behind `user` consents on QQ's page and QQ sends them back with a code. */
  const consent = (user: FakeQqUser, state: string) => callback(qq.issueCode(user, t.config.qqRedirectUri), state);

  async function bind(owner: Person, user: FakeQqUser): Promise<TestResponse> {
    return consent(user, await authorize('bind', owner.headers));
  }

  const bindingsOf = (userId: string) => t.prisma.qqBinding.findMany({ where: { userId } });
  const stateRow = (state: string) => t.prisma.qqState.findUniqueOrThrow({ where: { stateHash: sha256(state) } });

  describe('authorize', () => {
    it("redirects to QQ's authorize page with a fresh state that remembers intent, app, user and returnTo (hashed)", async () => {
      const alice = await person();
      const response = await authorizeRaw('bind', alice.headers);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(`${qq.url}/oauth2.0/authorize`);
      const state = location.searchParams.get('state')!;
      expect(Object.fromEntries(location.searchParams)).toEqual({
        response_type: 'code',
        client_id: qq.appId,
        redirect_uri: `${t.config.PUBLIC_URL}/qq-callback`,
        state,
        scope: 'get_user_info',
      });
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(response.body).toMatchObject({ code: 0, data: { url: location.toString() } });

      const row = await stateRow(state);
      expect(row).toMatchObject({ intent: 'BIND', appId: appRowId, userId: alice.id, returnTo: RETURN_TO, usedAt: null });
      expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(9.5 * 60_000);
      expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
      // Only the hash is kept: the state itself is nowhere in the table.
      expect(await t.prisma.$queryRaw<unknown[]>`SELECT 1 FROM qq_states WHERE return_to LIKE ${'%' + state + '%'} OR encode(state_hash, 'escape') = ${state}`).toEqual([]);

      const again = new URL((await authorizeRaw('bind', alice.headers)).headers.get('location')!).searchParams.get('state');
      expect(again).not.toBe(state);
    });

    it('answers the URL as data to a client that asks for JSON (a browser app cannot follow the redirect)', async () => {
      const response = await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`, {
        headers: { ...APP, accept: 'application/json' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('location')).toBeNull();
      expect(new URL(response.body.data.url).searchParams.get('client_id')).toBe(qq.appId);
      const row = await stateRow(new URL(response.body.data.url).searchParams.get('state')!);
      expect(row).toMatchObject({ intent: 'LOGIN', userId: null });
    });

    it('needs a session to bind (1030), a known intent (1043) and a returnTo (1011)', async () => {
      const before = await t.prisma.qqState.count();
      expectCode(await authorizeRaw('bind', APP), 401, 1030);
      expectCode(await authorizeRaw('link', APP), 400, 1043);
      expectCode(await t.http.get('/api/v1/qq/authorize?intent=login', { headers: APP }), 400, 1011);
      expectCode(await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`), 400, 1011);
      expect(await t.prisma.qqState.count()).toBe(before);
    });

    it.each([
      'https://evil.com/',
      'https://app.example.com.evil.com/',
      'https://evil.com/?next=https://app.example.com/',
      'https://evil.com/#app.example.com',
      '//evil.com/',
      '/relative/path',
      'javascript:alert(document.domain)//app.example.com',
      'data:text/html,<script>alert(1)</script>',
      'https://app.example.com@evil.com/',
      'https://user:secret@app.example.com/',
      'https://evil.com\\@app.example.com/',
      'https://example.org/',
      'ftp://app.example.com/',
    ])('refuses returnTo %s as an open redirect (-1), making no state', async (returnTo) => {
      const before = await t.prisma.qqState.count();
      expectCode(await authorizeRaw('login', APP, returnTo), 403, -1);
      expect(await t.prisma.qqState.count()).toBe(before);
    });

    it("accepts returnTo on the app's allowed domains, subdomains of a wildcard entry too, and keeps it as the browser will read it", async () => {
      for (const [given, kept] of [
        ['https://APP.example.com/back#old', 'https://app.example.com/back'],
        ['https://deep.sub.example.org/x?y=1', 'https://deep.sub.example.org/x?y=1'],
      ]) {
        const response = await authorizeRaw('login', APP, given);
        expect(response.status).toBe(302);
        expect((await stateRow(new URL(response.headers.get('location')!).searchParams.get('state')!)).returnTo).toBe(kept);
      }
    });
  });

  describe('binding', () => {
    it('binds the QQ that consented to the user who asked, with its nickname and avatar, audited; lists and shows it', async () => {
      const alice = await person();
      const penguin = { ...qqUser('小企鹅 🐧'), avatar: 'https://thirdqq.qlogo.cn/ek_qqapp/abc/100' };
      qq.consenting = penguin;

      // The whole way a browser goes: to QQ's page, which sends it back to the callback page with a code.
      const atQq = await fetch(new URL((await authorizeRaw('bind', alice.headers)).headers.get('location')!), { redirect: 'manual' });
      expect(atQq.status).toBe(302);
      const back = new URL(atQq.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe(`${t.config.PUBLIC_URL}/qq-callback`);
      expect(back.searchParams.get('code')).toMatch(/^[0-9A-F]{32}$/);
      const state = back.searchParams.get('state')!;
      const page = await t.http.get(`${back.pathname}${back.search}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await stateRow(state)).usedAt).toBeNull(); // showing the page used nothing

      const response = await callback(back.searchParams.get('code')!, state);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        outcome: 'bound',
        returnTo: RETURN_TO,
        binding: { raid: expect.any(String), app: 'qq-web', nickname: '小企鹅 🐧', avatarUrl: penguin.avatar, createdAt: expect.any(String) },
      });
      const { raid } = response.body.data.binding;
      expect(await bindingsOf(alice.id)).toEqual([expect.objectContaining({ id: raid, appId: appRowId, openid: penguin.openid, nickname: '小企鹅 🐧' })]);
      expect((await stateRow(state)).usedAt).not.toBeNull();
      const audited = await t.prisma.auditEntry.findMany({ where: { action: 'qq.bind', actorId: alice.id } });
      expect(audited).toEqual([expect.objectContaining({ targetType: 'qq_binding', targetId: raid, details: { appId: appRowId } })]);

      // The platform asked QQ for a token with its key and the same redirect_uri, then the openid and profile.
      const steps = qq.requests.filter((url) => url.pathname !== '/oauth2.0/authorize').slice(-3);
      expect(steps.map((url) => url.pathname)).toEqual(['/oauth2.0/token', '/oauth2.0/me', '/user/get_user_info']);
      expect(steps[0].searchParams.get('client_secret')).toBe(qq.appKey);
      expect(steps[0].searchParams.get('redirect_uri')).toBe(t.config.qqRedirectUri);
      expect(steps[2].searchParams.get('openid')).toBe(penguin.openid);

      const list = await t.http.get('/api/v1/qq/bindings', { headers: alice.headers });
      expect(list.body.data).toEqual([response.body.data.binding]);
      const one = await t.http.get(`/api/v1/qq/bindings/${raid}`, { headers: alice.headers });
      expect(one.body.data).toEqual(response.body.data.binding);
    });

    it('reads the openid from /oauth2.0/me answered as plain JSON too', async () => {
      qq.meFormat = 'json';
      try {
        const bob = await person();
        const user = qqUser();
        const response = await bind(bob, user);
        expect(response.body.data.outcome).toBe('bound');
        expect((await bindingsOf(bob.id))[0].openid).toBe(user.openid);
      } finally {
        qq.meFormat = 'jsonp';
      }
    });

    it('answers 1038 when the user binds the QQ they already hold, and 1039 for another QQ or for a QQ another user holds; nothing changes', async () => {
      const carol = await person();
      const dave = await person();
      const mine = qqUser();
      expect((await bind(carol, mine)).body.data.outcome).toBe('bound');

      const again = await bind(carol, mine);
      expectCode(again, 409, 1038);
      expect(again.body.data).toEqual({ returnTo: RETURN_TO });
      expectCode(await bind(carol, qqUser()), 409, 1039);
      expectCode(await bind(dave, mine), 409, 1039);

      expect((await bindingsOf(carol.id)).map((b) => b.openid)).toEqual([mine.openid]);
      expect(await bindingsOf(dave.id)).toEqual([]);
    });

    it('binds per app: the same QQ under another app is another binding, and that app sees only its own', async () => {
      const erin = await person();
      const user = qqUser();
      const raid = (await bind(erin, user)).body.data.binding.raid;
      const webLogin = await t.http.post('/api/v1/auth/login', { account: erin.username, password: PASSWORD }, { headers: { 'x-app-id': 'web' } });
      const web = { 'x-app-id': 'web', authorization: `Bearer ${webLogin.body.data.uuid}.${webLogin.body.data.ukey}` };

      expect((await t.http.get('/api/v1/qq/bindings', { headers: web })).body.data).toEqual([]);
      expectCode(await t.http.get(`/api/v1/qq/bindings/${raid}`, { headers: web }), 404, 1037);
      expectCode(await t.http.delete(`/api/v1/qq/bindings/${raid}`, { headers: web }), 404, 1037);
      expect(await bindingsOf(erin.id)).toHaveLength(1);
    });

    it("answers 1037 for a raid that is unknown, malformed or another user's", async () => {
      const frank = await person();
      const grace = await person();
      const raid = (await bind(frank, qqUser())).body.data.binding.raid;
      for (const [who, id] of [
        [grace, raid],
        [frank, randomUUID()],
        [frank, 'not-a-raid'],
      ] as const) {
        expectCode(await t.http.get(`/api/v1/qq/bindings/${id}`, { headers: who.headers }), 404, 1037);
      }
      expectCode(await t.http.delete(`/api/v1/qq/bindings/${raid}`, { headers: grace.headers }), 404, 1037);
      expect(await bindingsOf(frank.id)).toHaveLength(1);
    });

    it('removes a binding without a password from a password session, audited, and revokes nothing else', async () => {
      const heidi = await person();
      const raid = (await bind(heidi, qqUser())).body.data.binding.raid;
      const removed = await t.http.delete(`/api/v1/qq/bindings/${raid}`, { headers: heidi.headers });
      expect(removed.status).toBe(200);
      expect(removed.body).toMatchObject({ code: 0, data: null });
      expect(await bindingsOf(heidi.id)).toEqual([]);
      expect(await t.prisma.auditEntry.count({ where: { action: 'qq.unbind', actorId: heidi.id, targetId: raid } })).toBe(1);
      expect((await t.http.get('/api/v1/users/me', { headers: heidi.headers })).status).toBe(200);
      expect(await t.prisma.session.count({ where: { userId: heidi.id, revokedAt: { not: null } } })).toBe(0);
      expectCode(await t.http.delete(`/api/v1/qq/bindings/${raid}`, { headers: heidi.headers }), 404, 1037);
    });
  });

  describe('login', () => {
    /** A user with a bound QQ, and that QQ. */
    async function boundPerson(status?: UserStatus): Promise<{ owner: Person; user: FakeQqUser }> {
      const owner = await person();
      const user = qqUser();
      expect((await bind(owner, user)).body.data.outcome).toBe('bound');
      if (status) await t.prisma.user.update({ where: { id: owner.id }, data: { status } });
      return { owner, user };
    }

    it('logs a bound QQ into a normal session of the app, marked as opened with QQ', async () => {
      const { owner, user } = await boundPerson();
      const response = await consent(user, await authorize('login'));
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        outcome: 'session',
        returnTo: RETURN_TO,
        session: { uuid: owner.id, ukey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) },
      });
      const { uuid, ukey } = response.body.data.session;
      const me = await t.http.get('/api/v1/users/me', { headers: { ...APP, authorization: `Bearer ${uuid}.${ukey}` } });
      expect(me.body.data.uuid).toBe(owner.id);
      // It belongs to the app the flow started under, like every session.
      expectCode(await t.http.get('/api/v1/users/me', { headers: { 'x-app-id': 'web', authorization: `Bearer ${uuid}.${ukey}` } }), 401, 1031);

      const session = await t.prisma.session.findFirstOrThrow({ where: { userId: owner.id, keyHash: sha256(ukey) } });
      expect(session).toMatchObject({ appId: appRowId, loginMethod: 'QQ', userAgent: 'qq-test-browser' });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'auth.login', targetId: session.id } });
      expect(audit.details).toEqual({ appId: appRowId, method: 'QQ' });
    });

    it.each([UserStatus.BANNED, UserStatus.LOCKED, UserStatus.PENDING])('answers a %s account 1032 with its status, as password login does', async (status) => {
      const { owner, user } = await boundPerson(status);
      const viaQq = await consent(user, await authorize('login'));
      const viaPassword = await t.http.post('/api/v1/auth/login', { account: owner.username, password: PASSWORD }, { headers: APP });
      expectCode(viaQq, 403, 1032);
      expectCode(viaPassword, 403, 1032);
      expect(viaQq.body.data).toEqual({ ...viaPassword.body.data, returnTo: RETURN_TO });
      expect(await t.prisma.session.count({ where: { userId: owner.id, loginMethod: 'QQ' } })).toBe(0);
    });

    it('gives an unbound QQ a single-use ticket (hashed); POST /auth/login/qq binds it to the account and logs in', async () => {
      const ivan = await person();
      const stranger = qqUser('路人甲');
      const response = await consent(stranger, await authorize('login'));
      expect(response.body.data).toEqual({
        outcome: 'ticket',
        returnTo: RETURN_TO,
        ticket: { ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String), nickname: '路人甲', avatarUrl: expect.stringMatching(/^http:\/\/thirdqq\.qlogo\.cn\//) },
      });
      const { ticket } = response.body.data.ticket;
      const row = await t.prisma.qqTicket.findUniqueOrThrow({ where: { ticketHash: sha256(ticket) } });
      expect(row).toMatchObject({ appId: appRowId, openid: stranger.openid, usedAt: null });
      expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

      // A wrong password is a failed login and leaves the ticket usable.
      expectCode(await t.http.post('/api/v1/auth/login/qq', { ticket, account: ivan.username, password: 'wrong-password-1' }, { headers: APP }), 401, 1031);
      expect(await bindingsOf(ivan.id)).toEqual([]);

      const login = await t.http.post('/api/v1/auth/login/qq', { ticket, account: ivan.email, password: PASSWORD }, { headers: APP });
      expect(login.status).toBe(200);
      expect(login.body.data).toMatchObject({ uuid: ivan.id, ukey: expect.any(String), binding: { app: 'qq-web', nickname: '路人甲' } });
      expect((await bindingsOf(ivan.id)).map((b) => b.openid)).toEqual([stranger.openid]);
      expect((await t.http.get('/api/v1/users/me', { headers: { ...APP, authorization: `Bearer ${ivan.id}.${login.body.data.ukey}` } })).status).toBe(200);

      // Used once; and from now on the QQ logs straight in.
      expectCode(await t.http.post('/api/v1/auth/login/qq', { ticket, account: ivan.username, password: PASSWORD }, { headers: APP }), 400, 1025);
      const next = await consent(stranger, await authorize('login'));
      expect(next.body.data).toMatchObject({ outcome: 'session', session: { uuid: ivan.id } });
    });

    it('refuses a ticket that is unknown, of another app or expired (1025, 1026), before any password is tried', async () => {
      const judy = await person();
      const { ticket } = (await consent(qqUser(), await authorize('login'))).body.data.ticket;
      const body = { ticket, account: judy.username, password: PASSWORD };
      expectCode(await t.http.post('/api/v1/auth/login/qq', { ...body, ticket: 'x'.repeat(43) }, { headers: APP }), 400, 1025);
      expectCode(await t.http.post('/api/v1/auth/login/qq', body, { headers: { 'x-app-id': 'web' } }), 400, 1025);
      await t.prisma.qqTicket.update({ where: { ticketHash: sha256(ticket) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expectCode(await t.http.post('/api/v1/auth/login/qq', body, { headers: APP }), 410, 1026);
      expectCode(await t.http.post('/api/v1/auth/login/qq', { account: judy.username, password: PASSWORD }, { headers: APP }), 400, 1011);
      expect(await bindingsOf(judy.id)).toEqual([]);
      expect(await t.prisma.auditEntry.count({ where: { action: 'auth.login', actorId: judy.id } })).toBe(1);
    });

    it("answers 1039 when the ticket's account already holds another QQ, keeping the ticket for the right account; 1032 for a banned one", async () => {
      const { owner } = await boundPerson();
      const banned = await person(UserStatus.BANNED);
      const free = await person();
      const { ticket } = (await consent(qqUser(), await authorize('login'))).body.data.ticket;

      expectCode(await t.http.post('/api/v1/auth/login/qq', { ticket, account: owner.username, password: PASSWORD }, { headers: APP }), 409, 1039);
      expectCode(await t.http.post('/api/v1/auth/login/qq', { ticket, account: banned.username, password: PASSWORD }, { headers: APP }), 403, 1032);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
      expect(await bindingsOf(banned.id)).toEqual([]);
      const ok = await t.http.post('/api/v1/auth/login/qq', { ticket, account: free.username, password: PASSWORD }, { headers: APP });
      expect(ok.body.data.uuid).toBe(free.id);
    });

    it('limits password tries through a ticket like a login (1075 with Retry-After, even with the right password)', async () => {
      await limits.awayFromWindowEnd(WINDOW);
      const kim = await person();
      const { ticket } = (await consent(qqUser(), await authorize('login'))).body.data.ticket;
      for (let i = 0; i < 3; i += 1) {
        expectCode(await t.http.post('/api/v1/auth/login/qq', { ticket, account: kim.username, password: `wrong-${i}-password` }, { headers: APP }), 401, 1031);
      }
      limits.expectLimited(await t.http.post('/api/v1/auth/login/qq', { ticket, account: kim.username, password: PASSWORD }, { headers: APP }), WINDOW);
      limits.expectLimited(await t.http.post('/api/v1/auth/login', { account: kim.username, password: PASSWORD }, { headers: APP }), WINDOW);
      expect(await bindingsOf(kim.id)).toEqual([]);
    });

    it('asks a session opened with QQ for the account password before removing the QQ (1011, 1028, then 1075), counted with the login', async () => {
      await limits.awayFromWindowEnd(WINDOW);
      const { owner, user } = await boundPerson();
      const session = (await consent(user, await authorize('login'))).body.data.session;
      const viaQq = { ...APP, authorization: `Bearer ${session.uuid}.${session.ukey}` };
      const raid = (await bindingsOf(owner.id))[0].id;
      const remove = (password?: string) => t.http.request('DELETE', `/api/v1/qq/bindings/${raid}`, { headers: viaQq, body: password === undefined ? {} : { password } });

      expectCode(await remove(), 400, 1011);
      expectCode(await remove('not-my-password'), 400, 1028);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
      expect((await remove(PASSWORD)).status).toBe(200);
      expect(await bindingsOf(owner.id)).toEqual([]);

      // Tries count against the account's login budget: three wrong ones, and even the right one waits.
      const second = await boundPerson();
      const qqSession = (await consent(second.user, await authorize('login'))).body.data.session;
      const headers = { ...APP, authorization: `Bearer ${qqSession.uuid}.${qqSession.ukey}` };
      const secondRaid = (await bindingsOf(second.owner.id))[0].id;
      for (let i = 0; i < 3; i += 1) {
        expectCode(await t.http.request('DELETE', `/api/v1/qq/bindings/${secondRaid}`, { headers, body: { password: `wrong-${i}-password` } }), 400, 1028);
      }
      limits.expectLimited(await t.http.request('DELETE', `/api/v1/qq/bindings/${secondRaid}`, { headers, body: { password: PASSWORD } }), WINDOW);
      limits.expectLimited(await t.http.post('/api/v1/auth/login', { account: second.owner.username, password: PASSWORD }, { headers: APP }), WINDOW);
      expect(await bindingsOf(second.owner.id)).toHaveLength(1);
    });
  });

  describe('state', () => {
    it('refuses a forged state (1025) and a missing one (1011), creating nothing and asking QQ nothing', async () => {
      const asked = qq.requests.length;
      const user = qqUser();
      for (const state of ['forged-state', 'x'.repeat(43), 'y'.repeat(500)]) {
        const response = await consent(user, state);
        expectCode(response, 400, 1025);
        expect(response.body.data).toBeUndefined();
      }
      expectCode(await consent(user, ''), 400, 1011);
      expectCode(await callback('CODE', undefined), 400, 1011);
      expect(qq.requests.length).toBe(asked);
      expect(await t.prisma.qqBinding.count({ where: { openid: user.openid } })).toBe(0);
      expect(await t.prisma.qqTicket.count({ where: { openid: user.openid } })).toBe(0);
    });

    it('refuses a replayed state (1025): the second callback creates nothing', async () => {
      const owner = await person();
      const state = await authorize('bind', owner.headers);
      expect((await consent(qqUser(), state)).body.data.outcome).toBe('bound');
      const replay = await consent(qqUser(), state);
      expectCode(replay, 400, 1025);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
    });

    it('refuses an expired state (1026)', async () => {
      const owner = await person();
      const state = await authorize('bind', owner.headers);
      await t.prisma.qqState.update({ where: { stateHash: sha256(state) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expectCode(await consent(qqUser(), state), 410, 1026);
      expect(await bindingsOf(owner.id)).toEqual([]);
    });

    it('uses up the state when QQ sends the person back without a code (cancelled): 1011 with returnTo', async () => {
      const state = await authorize('login');
      const response = await callback(undefined, state);
      expectCode(response, 400, 1011);
      expect(response.body.data).toEqual({ returnTo: RETURN_TO });
      expectCode(await consent(qqUser(), state), 400, 1025);
    });
  });

  describe('QQ Connect failing', () => {
    it.each([
      ['token', 'http-502', /QQ Connect \(token\) answered HTTP 502/],
      ['token', 'error', /QQ Connect \(token\) refused: error 100030 \(permission denied\)/],
      ['token', 'reset', /QQ Connect \(token\) could not be reached/],
      ['token', 'huge', /QQ Connect \(token\) answered more than 65536 bytes/],
      ['me', 'malformed', /QQ Connect \(me\) answered neither JSON nor JSONP/],
      ['me', 'error', /QQ Connect \(me\) refused: error 100030/],
      ['me', 'other-app', /QQ Connect \(me\) answered for another app/],
      ['me', 'http-502', /QQ Connect \(me\) answered HTTP 502/],
      ['user', 'error', /QQ Connect \(user info\) refused: error 1002 \(system busy\)/],
      ['user', 'malformed', /QQ Connect \(user info\) answered neither JSON nor JSONP/],
      ['user', 'hang', /QQ Connect \(user info\) gave no answer within 800 ms/],
    ] as const)('%s answering %s: 996 with returnTo, no binding, no ticket, no 500', async (step, fault, detail) => {
      const owner = await person();
      const user = qqUser();
      qq.fail(step, fault);
      for (const state of [await authorize('bind', owner.headers), await authorize('login')]) {
        const response = await consent(user, state);
        expectCode(response, 503, 996);
        expect(response.body).toMatchObject({ message: '当前环境不支持cUrl', data: { returnTo: RETURN_TO } });
        expect(response.body.detail).toMatch(detail);
        expect(response.text).not.toMatch(/stack|at .*\.ts|access_token|client_secret/);
        expect((await stateRow(state)).usedAt).not.toBeNull();
      }
      expect(await bindingsOf(owner.id)).toEqual([]);
      expect(await t.prisma.qqTicket.count({ where: { openid: user.openid } })).toBe(0);
    });

    it('refuses a code QQ does not know (996, QQ said so) and one already exchanged', async () => {
      const owner = await person();
      expect((await callback('0123456789ABCDEF0123456789ABCDEF', await authorize('bind', owner.headers))).body.detail).toMatch(/refused: error 100019/);
      const code = qq.issueCode(qqUser(), t.config.qqRedirectUri);
      expect((await callback(code, await authorize('login'))).body.data.outcome).toBe('ticket');
      const reused = await callback(code, await authorize('bind', owner.headers));
      expectCode(reused, 503, 996);
      expect(reused.body.detail).toMatch(/refused: error 100020 \(code is reused error\)/);
      expect(await bindingsOf(owner.id)).toEqual([]);
    });

    it('bounds a call that hangs by QQ_TIMEOUT_MS, and other requests go on meanwhile', async () => {
      qq.fail('token', 'hang');
      const started = Date.now();
      const pending = consent(qqUser(), await authorize('login'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const liveStarted = Date.now();
      expect((await t.http.get('/api/v1/health/live')).status).toBe(200);
      expect(Date.now() - liveStarted).toBeLessThan(300);
      const response = await pending;
      expectCode(response, 503, 996);
      expect(response.body.detail).toMatch(/QQ Connect \(token\) gave no answer within 800 ms/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(750);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('never stores the access token: no table holds one', async () => {
      const owner = await person();
      await bind(owner, qqUser());
      const tokens = qq.accessTokens;
      expect(tokens.length).toBeGreaterThan(0);
      const dump = JSON.stringify([
        await t.prisma.qqBinding.findMany(),
        await t.prisma.qqState.findMany(),
        await t.prisma.qqTicket.findMany(),
        await t.prisma.auditEntry.findMany(),
      ], (_, v) => (typeof v === 'bigint' ? String(v) : v));
      for (const token of tokens) expect(dump).not.toContain(token);
    });

    it('reports QQ in readiness: up while it answers, 996 while it cannot be reached, up again once back', async () => {
      // Readiness reuses the result of an outbound check for a few seconds: ask until it turns.
      const readinessTurns = async (status: number): Promise<TestResponse> => {
        let last!: TestResponse;
        await until(async () => (last = await readiness()).status === status, 10_000, 200);
        return last;
      };
      const ready = await readiness();
      expect(ready.status).toBe(200);
      expect(ready.body.data.checks.qq).toEqual({ status: 'up', via: 'qq-connect' });

      const port = qq.port;
      await qq.stop();
      try {
        const down = await readinessTurns(503);
        expectCode(down, 503, 996);
        expect(down.body.data.checks.qq).toMatchObject({ status: 'down', code: 996 });
        expect(down.body.data.checks.database.status).toBe('up');
        // The flows answer 996 too, never a 500.
        expectCode(await consent(qqUser(), await authorize('login')), 503, 996);
      } finally {
        qq = await Object.assign(new FakeQqConnect(), { appId: qq.appId, appKey: qq.appKey }).start(port);
      }
      expect((await readinessTurns(200)).status).toBe(200);
    });
  });

  describe('races', () => {
    it('binds one QQ for exactly one of several users binding it at once; the others get 1039', async () => {
      const people = await Promise.all(Array.from({ length: 6 }, () => person()));
      const contested = qqUser();
      const states = await Promise.all(people.map((p) => authorize('bind', p.headers)));
      const responses = await Promise.all(states.map((state) => consent(contested, state)));

      const codes = responses.map((r) => r.body.code).sort();
      expect(codes).toEqual([0, 1039, 1039, 1039, 1039, 1039]);
      const rows = await t.prisma.qqBinding.findMany({ where: { appId: appRowId, openid: contested.openid } });
      expect(rows).toHaveLength(1);
      const winner = responses.findIndex((r) => r.body.code === 0);
      expect(rows[0].userId).toBe(people[winner].id);
      expect(await t.prisma.auditEntry.count({ where: { action: 'qq.bind', targetId: rows[0].id } })).toBe(1);
    });

    it('lets one user bind only one of several QQs bound at once; the others get 1039', async () => {
      const owner = await person();
      const states = await Promise.all(Array.from({ length: 5 }, () => authorize('bind', owner.headers)));
      const responses = await Promise.all(states.map((state) => consent(qqUser(), state)));
      expect(responses.map((r) => r.body.code).sort()).toEqual([0, 1039, 1039, 1039, 1039]);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
    });

    it('lets exactly one of several callbacks carrying the same state through; the others get 1025', async () => {
      const owner = await person();
      const state = await authorize('bind', owner.headers);
      const asked = qq.requests.filter((url) => url.pathname === '/oauth2.0/token').length;
      const responses = await Promise.all(Array.from({ length: 8 }, () => consent(qqUser(), state)));
      expect(responses.map((r) => r.body.code).sort()).toEqual([0, 1025, 1025, 1025, 1025, 1025, 1025, 1025]);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
      // The losers never reached QQ: the state is taken before anything else.
      expect(qq.requests.filter((url) => url.pathname === '/oauth2.0/token').length).toBe(asked + 1);
    });

    it('lets one of several logins racing for one ticket bind it; the others get 1025', async () => {
      const people = await Promise.all(Array.from({ length: 4 }, () => person()));
      const user = qqUser();
      const { ticket } = (await consent(user, await authorize('login'))).body.data.ticket;
      const responses = await Promise.all(
        people.map((p) => t.http.post('/api/v1/auth/login/qq', { ticket, account: p.username, password: PASSWORD }, { headers: APP })),
      );
      expect(responses.map((r) => r.body.code).sort()).toEqual([0, 1025, 1025, 1025]);
      const rows = await t.prisma.qqBinding.findMany({ where: { appId: appRowId, openid: user.openid } });
      expect(rows).toHaveLength(1);
      expect(rows[0].userId).toBe(responses.find((r) => r.body.code === 0)!.body.data.uuid);
    });
  });
});

describe('QQ login not configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4', HEALTH_TOKEN } });
  });
  afterAll(() => t?.close());

  it('answers 1077 on every QQ route and leaves QQ out of readiness', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const login = await t.http.post('/api/v1/auth/login', { account: user.username, password: PASSWORD }, { headers: { 'x-app-id': 'web' } });
    const headers = { 'x-app-id': 'web', authorization: `Bearer ${login.body.data.uuid}.${login.body.data.ukey}` };
    const responses = [
      await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`, { headers }),
      await t.http.get('/api/v1/qq/callback?code=C&state=S'),
      await t.http.get('/api/v1/qq/bindings', { headers }),
      await t.http.get(`/api/v1/qq/bindings/${randomUUID()}`, { headers }),
      await t.http.delete(`/api/v1/qq/bindings/${randomUUID()}`, { headers }),
      await t.http.post('/api/v1/auth/login/qq', { ticket: 'x', account: user.username, password: PASSWORD }, { headers: { 'x-app-id': 'web' } }),
    ];
    for (const response of responses) {
      expectCode(response, 503, 1077);
      expect(response.body.message).toBe('QQ登录未配置');
    }
    const en = await t.http.get('/api/v1/qq/callback', { headers: { 'accept-language': 'en' } });
    expect(en.body.message).toBe('QQ login is not configured');

    const ready = await t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } });
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.data.checks)).not.toContain('qq');
  });
});

describe('QQ secrets and the logs of the built server', () => {
  let qq: FakeQqConnect;
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    assertBuilt();
    qq = await new FakeQqConnect().start();
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-qq-'));
    chmodSync(dataDir, 0o755);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`UPDATE apps SET allowed_domains = '{app.example.com}' WHERE app_id = 'web'`);
    await client.end();
  });
  afterAll(async () => {
    await qq?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs QQ failures at trace level without the app key, an access token, a code, a state, a ticket or a session key', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, LOG_LEVEL: 'trace', BCRYPT_COST: '4', ...qq.env({ QQ_TIMEOUT_MS: '500' }) };
    const server = runBuilt('main.js', env);
    const secrets: string[] = [qq.appKey];
    try {
      await server.waitFor(/"msg":"listening on http/, 30_000);
      const get = async (url: string, headers: Record<string, string> = {}) => (await fetch(`${base}${url}`, { headers, redirect: 'manual' }));
      const newState = async (): Promise<string> => {
        const response = await get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`, { 'x-app-id': 'web' });
        expect(response.status).toBe(302);
        const state = new URL(response.headers.get('location')!).searchParams.get('state')!;
        secrets.push(state);
        return state;
      };
      const callbackWith = async (step?: QqStep, fault?: QqFault) => {
        if (step && fault) qq.fail(step, fault);
        const code = qq.issueCode(qqUser(), `${base}/qq-callback`);
        secrets.push(code);
        const response = await get(`/api/v1/qq/callback?code=${code}&state=${await newState()}`);
        qq.heal();
        return (await response.json()) as { code: number; data: any };
      };

      const ticketAnswer = await callbackWith();
      expect(ticketAnswer.data.outcome).toBe('ticket');
      secrets.push(ticketAnswer.data.ticket.ticket);
      const user = await insertUserThrough(database.url);
      const login = await fetch(`${base}/api/v1/auth/login/qq`, {
        method: 'POST',
        headers: { 'x-app-id': 'web', 'content-type': 'application/json' },
        body: JSON.stringify({ ticket: ticketAnswer.data.ticket.ticket, account: user, password: PASSWORD }),
      });
      const session = ((await login.json()) as { data: any }).data;
      expect(session.binding.app).toBe('web');
      secrets.push(session.ukey);

      for (const [step, fault] of [['token', 'error'], ['me', 'malformed'], ['user', 'hang'], ['token', 'http-502']] as const) {
        expect((await callbackWith(step, fault)).code).toBe(996);
      }
      await server.waitFor(/QQ Connect \(token\) answered HTTP 502/);
    } finally {
      server.child.kill('SIGTERM');
    }
    await server.exited;
    const output = server.output();
    expect(output).toMatch(/QQ Connect \(user info\) gave no answer within 500 ms/);
    // The callbacks are in the request log, by path only.
    expect(output).toMatch(/"url":"\/api\/v1\/qq\/callback"/);
    expect(qq.accessTokens).toHaveLength(3); // the ticket's flow, and the two failing after the token
    for (const secret of [...secrets, ...qq.accessTokens]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/access_token|client_secret/);
  });
});

/** An active account with PASSWORD, straight in the database of a server this suite did not boot in process. */
async function insertUserThrough(url: string): Promise<string> {
  const bcrypt = await import('bcrypt');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const name = `qqlog${Date.now().toString(36)}`;
    await client.query(
      `INSERT INTO users (username, email, password_hash, nickname, status, group_id)
       SELECT $1, $2, $3, 'n', 'ACTIVE', id FROM groups WHERE name = 'member'`,
      [name, `${name}@example.com`, await bcrypt.hash(PASSWORD, 4)],
    );
    return name;
  } finally {
    await client.end();
  }
}
