import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { sha256 } from '../src/core/crypto/tokens';
import { UserStatus } from '../src/generated/prisma/client';
import { FakeQqConnect, FakeQqUser, QqFault, QqStep, qqUser } from './support/fake-qq-connect';
import { insertUser, webAppId } from './support/fixtures';
import { TestResponse } from './support/http-client';
import * as limits from './support/limits';
import { mailedEnv } from './support/mailed-test-app';
import { assertBuilt, runBuilt } from './support/server-process';
import { codeIn, SmtpSink } from './support/smtp-sink';
import { createTestApp, freePort, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { until } from './support/until';

const PASSWORD = 'Tr0ub4dor&3-horse';
const NEW_PASSWORD = 'N3w-horse-battery-staple';
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

/** A flow as the client that started it holds it: the state (in QQ's URL), its verifier, and the headers it calls with. */
interface Flow {
  state: string;
  verifier: string;
  headers: Record<string, string>;
}

function expectCode(response: TestResponse, status: number, code: number): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
}

const HEALTH_TOKEN = 'health-token-of-the-qq-suite';

describe('QQ binding and QQ login (against a local QQ Connect)', () => {
  let t: TestApp;
  const sink = new SmtpSink();
  let qq: FakeQqConnect;
  let appRowId: number;

  beforeAll(async () => {
    qq = await new FakeQqConnect().start();
    // The fake QQ Connect's port is known only now, so the mailed app is set up here rather than by useMailedTestApp.
    await sink.start();
    t = await createTestApp({
      env: mailedEnv(
        sink,
        qq.env({
          HEALTH_TOKEN,
          QQ_TIMEOUT_MS: '800',
          LOGIN_LIMIT_PER_ACCOUNT: '3',
          LOGIN_LIMIT_PER_IP: '100000',
          LOGIN_LIMIT_WINDOW_SECONDS: String(WINDOW),
        }),
      ),
    });
    const app = await t.prisma.app.create({
      data: { appId: 'qq-web', name: 'QQ web', scopes: ['*'], allowedDomains: ['app.example.com', '*.example.org', '127.0.0.1'] },
    });
    appRowId = app.id;
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
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
  const bindRaw = (headers: Record<string, string>, body: Record<string, unknown>) =>
    t.http.post('/api/v1/qq/authorize', { intent: 'bind', returnTo: RETURN_TO, ...body }, { headers });
  const stateIn = (url: string): string => new URL(url).searchParams.get('state')!;

  /** A new login flow through the 302 of GET /qq/authorize, held by the client `headers` stand for. */
  async function startLogin(headers: Record<string, string> = APP): Promise<Flow> {
    const response = await authorizeRaw('login', headers);
    expect(response.status).toBe(302);
    return { state: stateIn(response.headers.get('location')!), verifier: response.body.data.verifier, headers };
  }

  /** A new bind flow of `owner`: their session, and their password asked again. */
  async function startBind(owner: Person): Promise<Flow> {
    const response = await bindRaw(owner.headers, { password: PASSWORD });
    expect(response.status).toBe(200);
    return { state: stateIn(response.body.data.url), verifier: response.body.data.verifier, headers: owner.headers };
  }

  /** GET /qq/callback as a client calling with `headers` and presenting `verifier` (undefined: none). */
  const finish = (
    code: string | undefined,
    state: string | undefined,
    verifier: string | undefined,
    headers: Record<string, string> = APP,
  ) => {
    const query = new URLSearchParams({ ...(code !== undefined && { code }), ...(state !== undefined && { state }) });
    const presented: Record<string, string> = verifier === undefined ? {} : { 'x-qq-verifier': verifier };
    return t.http.get(`/api/v1/qq/callback?${query.toString()}`, {
      headers: { ...headers, ...presented, 'user-agent': 'qq-test-browser' },
    });
  };

  /** The client that started `flow` finishes it with the code QQ sent back. */
  const callback = (code: string | undefined, flow: Flow) => finish(code, flow.state, flow.verifier, flow.headers);

  /** The person behind `user` consents on QQ's page; the client that started `flow` finishes it. */
  const consent = (user: FakeQqUser, flow: Flow) => callback(qq.issueCode(user, t.config.qqRedirectUri), flow);

  async function bind(owner: Person, user: FakeQqUser): Promise<TestResponse> {
    return consent(user, await startBind(owner));
  }

  const bindingsOf = (userId: string) => t.prisma.qqBinding.findMany({ where: { userId } });
  const stateRow = (state: string) => t.prisma.qqState.findUniqueOrThrow({ where: { stateHash: sha256(state) } });
  const tokenRequests = () => qq.requests.filter((url) => url.pathname === '/oauth2.0/token').length;
  const noticesTo = (email: string) => t.prisma.mailOutbox.count({ where: { recipient: email, template: 'qq-bound' } });

  describe('authorize', () => {
    it("redirects to QQ's authorize page with a fresh state that remembers intent, app and returnTo, and a verifier for the client only (both hashed)", async () => {
      const response = await authorizeRaw('login', APP);
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
      const { verifier } = response.body.data;
      expect(response.body).toMatchObject({
        code: 0,
        data: { url: location.toString(), expiresAt: expect.any(String), verifier: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
      });
      // The verifier goes nowhere QQ or a browser's address bar sees it.
      expect(location.toString()).not.toContain(verifier);
      expect(response.headers.get('set-cookie')).toBeNull();

      const row = await stateRow(state);
      expect(row).toMatchObject({ intent: 'LOGIN', appId: appRowId, userId: null, returnTo: RETURN_TO, usedAt: null });
      expect(Buffer.from(row.verifierHash)).toEqual(sha256(verifier));
      expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(9.5 * 60_000);
      expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
      // Only the hashes are kept: neither secret is anywhere in the table.
      const plain = await t.prisma.$queryRaw<unknown[]>`
        SELECT 1 FROM qq_states WHERE return_to LIKE ${'%' + state + '%'} OR encode(state_hash, 'escape') IN (${state}, ${verifier}) OR encode(verifier_hash, 'escape') IN (${state}, ${verifier})`;
      expect(plain).toEqual([]);

      const again = await authorizeRaw('login', APP);
      expect(stateIn(again.headers.get('location')!)).not.toBe(state);
      expect(again.body.data.verifier).not.toBe(verifier);
    });

    it('answers the URL and the verifier as data to a client that asks for JSON (a browser app cannot follow the redirect)', async () => {
      const response = await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`, {
        headers: { ...APP, accept: 'application/json' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('location')).toBeNull();
      expect(new URL(response.body.data.url).searchParams.get('client_id')).toBe(qq.appId);
      const row = await stateRow(stateIn(response.body.data.url));
      expect(row).toMatchObject({ intent: 'LOGIN', userId: null });
      expect(Buffer.from(row.verifierHash)).toEqual(sha256(response.body.data.verifier));
    });

    it('starts a bind by POST with the session and the account password; the state names the user', async () => {
      const alice = await person();
      const response = await bindRaw(alice.headers, { password: PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        url: expect.stringContaining(`${qq.url}/oauth2.0/authorize?`),
        expiresAt: expect.any(String),
        verifier: expect.any(String),
      });
      expect(await stateRow(stateIn(response.body.data.url))).toMatchObject({
        intent: 'BIND',
        appId: appRowId,
        userId: alice.id,
        returnTo: RETURN_TO,
      });
      // POST starts a login too, with no password and no session.
      const login = await t.http.post('/api/v1/qq/authorize', { intent: 'login', returnTo: RETURN_TO }, { headers: APP });
      expect(await stateRow(stateIn(login.body.data.url))).toMatchObject({ intent: 'LOGIN', userId: null });
    });

    it('needs a session to bind (1030), a known intent (1043) and a returnTo (1011)', async () => {
      const before = await t.prisma.qqState.count();
      expectCode(await authorizeRaw('bind', APP), 401, 1030);
      expectCode(await bindRaw(APP, { password: PASSWORD }), 401, 1030);
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
        expect((await stateRow(stateIn(response.headers.get('location')!))).returnTo).toBe(kept);
      }
    });
  });

  describe('binding needs the account password: a session alone adds no way in', () => {
    it('starts no bind for a session without the password (a stolen token): 1011, 1028, then 1075 on the login budget; no state is made', async () => {
      await limits.awayFromWindowEnd(WINDOW);
      const victim = await person();
      const stolen = victim.headers;
      const before = await t.prisma.qqState.count();
      const presented = { ...stolen, accept: 'application/json' };
      expectCode(await authorizeRaw('bind', presented), 400, 1011);
      expectCode(await bindRaw(stolen, {}), 400, 1011);
      expectCode(await bindRaw(stolen, { password: '' }), 400, 1011);
      for (let i = 0; i < 3; i += 1) expectCode(await bindRaw(stolen, { password: `guess-${i}-password` }), 400, 1028);
      // Tries are the account's login tries: past them even the right password waits, and so does a login.
      limits.expectLimited(await bindRaw(stolen, { password: PASSWORD }), WINDOW);
      limits.expectLimited(
        await t.http.post('/api/v1/auth/login', { account: victim.username, password: PASSWORD }, { headers: APP }),
        WINDOW,
      );
      expect(await t.prisma.qqState.count()).toBe(before);
      expect(await bindingsOf(victim.id)).toEqual([]);
    });

    it('mails the owner of every new binding in their language, through a callback and through a ticket; a refused bind mails nothing', async () => {
      const zhOwner = await person();
      expect((await bind(zhOwner, qqUser('小企鹅'))).body.data.outcome).toBe('bound');
      const zh = await sink.next(zhOwner.email);
      expect(zh.subject).toBe('你的账号绑定了一个 QQ');
      expect(zh.text).toContain(`刚才有一个 QQ 绑定到了你的账号 ${zhOwner.username}，用于登录 QQ web。`);
      expect(zh.text).toContain('QQ 昵称：小企鹅');
      expect(zh.text).toContain('重置密码会结束你账号的所有登录会话，并解除所有已绑定的 QQ');

      const enOwner = await person();
      await t.prisma.user.update({ where: { id: enOwner.id }, data: { locale: 'en' } });
      const { ticket } = (await consent(qqUser('<img src=x onerror=alert(1)>Tux'), await startLogin())).body.data.ticket;
      const login = await t.http.post('/api/v1/auth/login/qq', { ticket, account: enOwner.username, password: PASSWORD }, { headers: APP });
      expect(login.body.data.binding.nickname).toBe('<img src=x onerror=alert(1)>Tux');
      const en = await sink.next(enOwner.email);
      expect(en.subject).toBe('A QQ account was linked to your account');
      expect(en.text).toContain(`A QQ account was just linked to your account ${enOwner.username} for signing in to QQ web.`);
      expect(en.text).toContain('QQ nickname: <img src=x onerror=alert(1)>Tux');
      // The nickname the QQ's holder chose is text in the HTML part, never markup.
      expect(en.html).toContain('&lt;img src=x onerror=alert(1)&gt;Tux');
      expect(en.html).not.toContain('<img');

      expectCode(await bind(zhOwner, qqUser()), 409, 1039);
      expect(await noticesTo(zhOwner.email)).toBe(1);
    });

    it('ends every QQ binding of the account, under every app, with a password reset (audited): the QQ an attacker bound then opens nothing', async () => {
      const victim = await person();
      const bystander = await person();
      const attackerQq = qqUser('not the victim');
      // With the victim's session AND password the attacker can bind; the victim is told at once.
      expect((await bind(victim, attackerQq)).body.data.outcome).toBe('bound');
      expect((await sink.next(victim.email)).subject).toBe('你的账号绑定了一个 QQ');
      await t.prisma.qqBinding.create({
        data: { appId: await webAppId(t.prisma), userId: victim.id, openid: attackerQq.openid, nickname: 'under web' },
      });
      expect((await bind(bystander, qqUser())).body.data.outcome).toBe('bound');
      const before = (await consent(attackerQq, await startLogin())).body.data;
      expect(before).toMatchObject({ outcome: 'session', session: { uuid: victim.id } });

      expect((await t.http.post('/api/v1/accounts/password/forgot', { email: victim.email }, { headers: APP })).body.code).toBe(0);
      const code = codeIn(await sink.next(victim.email));
      const reset = await t.http.post(
        '/api/v1/accounts/password/reset',
        { email: victim.email, code, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
        { headers: APP },
      );
      expect(reset.body.code).toBe(0);

      expect(await bindingsOf(victim.id)).toEqual([]);
      expect(await bindingsOf(bystander.id)).toHaveLength(1);
      const audited = await t.prisma.auditEntry.findMany({ where: { action: 'qq.unbind', actorId: victim.id } });
      expect(audited.map((entry) => entry.details)).toEqual(
        expect.arrayContaining([
          { appId: appRowId, reason: 'password.reset' },
          { appId: await webAppId(t.prisma), reason: 'password.reset' },
        ]),
      );
      expect(audited).toHaveLength(2);
      // The attacker's QQ session ended with the reset, and the QQ is a stranger to the account again.
      expect(
        (
          await t.http.get('/api/v1/users/me', {
            headers: { ...APP, authorization: `Bearer ${before.session.uuid}.${before.session.ukey}` },
          })
        ).status,
      ).toBe(401);
      const after = await consent(attackerQq, await startLogin());
      expect(after.body.data.outcome).toBe('ticket');
      expect(await t.prisma.session.count({ where: { userId: victim.id, revokedAt: null } })).toBe(0);
    });
  });

  describe('a flow is finished only by the client that started it (login CSRF)', () => {
    /** The link an attacker sends: their own flow, stopped where QQ sent them back (/qq-callback?code=&state=). */
    async function attackerLink(attackerQq: FakeQqUser, start: Promise<Flow>): Promise<{ flow: Flow; code: string }> {
      return { flow: await start, code: qq.issueCode(attackerQq, t.config.qqRedirectUri) };
    }

    /** Every way the victim's app could try to finish what the link brought: each refused (1025), nothing used, nothing made, QQ not asked. */
    async function expectRefusedFor(victim: Person, code: string, state: string, ownVerifier: string): Promise<void> {
      const asked = tokenRequests();
      for (const attempt of [
        finish(code, state, undefined, APP),
        finish(code, state, undefined, victim.headers),
        finish(code, state, ownVerifier, APP),
        finish(code, state, ownVerifier, victim.headers),
        finish(code, state, '', victim.headers),
        finish(code, state, 'x'.repeat(500), victim.headers),
      ]) {
        const response = await attempt;
        expectCode(response, 400, 1025);
        expect(response.body.data).toBeUndefined();
      }
      expect(tokenRequests()).toBe(asked);
      expect((await stateRow(state)).usedAt).toBeNull();
    }

    it('refuses a victim the ticket of an unbound QQ an attacker consented with: no ticket, so nothing for the victim to link', async () => {
      const victim = await person();
      const attackerQq = qqUser('Link me');
      const { flow, code } = await attackerLink(attackerQq, startLogin());
      const own = await startLogin(victim.headers);

      // The victim opens the link: the page uses nothing and sends code and state on to the app.
      const page = await t.http.get(`/qq-callback?code=${code}&state=${flow.state}`);
      expect(page.status).toBe(200);
      expect((await t.http.get(`/api/v1/qq/return?state=${flow.state}`)).body.data).toEqual({ returnTo: RETURN_TO });
      await expectRefusedFor(victim, code, flow.state, own.verifier);
      expect(await t.prisma.qqTicket.count({ where: { openid: attackerQq.openid } })).toBe(0);
      expect(await bindingsOf(victim.id)).toEqual([]);

      // The attacker's own client still finishes it (a stranger cannot spoil a flow), and so does the victim's own.
      expect((await callback(code, flow)).body.data.outcome).toBe('ticket');
      expect((await consent(qqUser(), own)).body.data.outcome).toBe('ticket');
    });

    it("refuses the victim the session of an attacker's bound QQ (plain login CSRF)", async () => {
      const attacker = await person();
      const victim = await person();
      const attackerQq = qqUser();
      expect((await bind(attacker, attackerQq)).body.data.outcome).toBe('bound');
      const { flow, code } = await attackerLink(attackerQq, startLogin());
      const own = await startLogin(victim.headers);

      await expectRefusedFor(victim, code, flow.state, own.verifier);
      expect(await t.prisma.session.count({ where: { userId: attacker.id, loginMethod: 'QQ' } })).toBe(0);
    });

    it("refuses to bind the victim's QQ to the attacker's account, and binds only for the user who started the bind", async () => {
      const attacker = await person();
      const victim = await person();
      const victimQq = qqUser('victim');
      // The attacker starts a bind of their own and sends QQ's page to the victim, who consents.
      const flow = await startBind(attacker);
      const code = qq.issueCode(victimQq, t.config.qqRedirectUri);
      const own = await startBind(victim);

      await expectRefusedFor(victim, code, flow.state, own.verifier);
      // Not even with the bind's own verifier, unless the session is the user's who started it.
      for (const headers of [APP, victim.headers]) expectCode(await finish(code, flow.state, flow.verifier, headers), 400, 1025);
      expect((await stateRow(flow.state)).usedAt).toBeNull();
      expect(await t.prisma.qqBinding.count({ where: { openid: victimQq.openid } })).toBe(0);

      const attackerQq = qqUser();
      expect((await consent(attackerQq, flow)).body.data).toMatchObject({ outcome: 'bound', binding: { nickname: attackerQq.nickname } });
      expect((await bindingsOf(attacker.id)).map((b) => b.openid)).toEqual([attackerQq.openid]);
    });

    it('refuses a flow finished under another app, even with its verifier (1025), using nothing', async () => {
      const flow = await startLogin();
      const code = qq.issueCode(qqUser(), t.config.qqRedirectUri);
      expectCode(await finish(code, flow.state, flow.verifier, { 'x-app-id': 'web' }), 400, 1025);
      expectCode(await finish(code, flow.state, `${flow.verifier.slice(0, -1)}${flow.verifier.endsWith('A') ? 'B' : 'A'}`), 400, 1025);
      expect((await stateRow(flow.state)).usedAt).toBeNull();
      expect((await callback(code, flow)).body.data.outcome).toBe('ticket');
    });
  });

  describe('binding', () => {
    it('binds the QQ that consented to the user who asked, with its nickname and avatar, audited; lists and shows it', async () => {
      const alice = await person();
      const penguin = { ...qqUser('小企鹅 🐧'), avatar: 'https://thirdqq.qlogo.cn/ek_qqapp/abc/100' };
      qq.consenting = penguin;

      // The whole way a browser goes: to QQ's page, which sends it back to the callback page with a code.
      const started = await bindRaw(alice.headers, { password: PASSWORD });
      const atQq = await fetch(new URL(started.body.data.url), { redirect: 'manual' });
      expect(atQq.status).toBe(302);
      const back = new URL(atQq.headers.get('location')!);
      expect(`${back.origin}${back.pathname}`).toBe(`${t.config.PUBLIC_URL}/qq-callback`);
      expect(back.searchParams.get('code')).toMatch(/^[0-9A-F]{32}$/);
      const state = back.searchParams.get('state')!;
      const page = await t.http.get(`${back.pathname}${back.search}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      // The page learns where to go back to, and neither it nor that uses anything.
      expect((await t.http.get(`/api/v1/qq/return?state=${state}`)).body).toMatchObject({ code: 0, data: { returnTo: RETURN_TO } });
      expect((await stateRow(state)).usedAt).toBeNull();

      // Back at returnTo, the app finishes with the verifier it kept and the user's session.
      const response = await finish(back.searchParams.get('code')!, state, started.body.data.verifier, alice.headers);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        outcome: 'bound',
        returnTo: RETURN_TO,
        binding: {
          raid: expect.any(String),
          app: 'qq-web',
          nickname: '小企鹅 🐧',
          avatarUrl: penguin.avatar,
          createdAt: expect.any(String),
        },
      });
      const { raid } = response.body.data.binding;
      expect(await bindingsOf(alice.id)).toEqual([
        expect.objectContaining({ id: raid, appId: appRowId, openid: penguin.openid, nickname: '小企鹅 🐧' }),
      ]);
      expect((await stateRow(state)).usedAt).not.toBeNull();
      const audited = await t.prisma.auditEntry.findMany({ where: { action: 'qq.bind', actorId: alice.id } });
      expect(audited).toEqual([expect.objectContaining({ targetType: 'qq_binding', targetId: raid, details: { appId: appRowId } })]);
      expect(await noticesTo(alice.email)).toBe(1);

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
      expect([await noticesTo(carol.email), await noticesTo(dave.email)]).toEqual([1, 0]);
    });

    it('binds per app: the same QQ under another app is another binding, and that app sees only its own', async () => {
      const erin = await person();
      const user = qqUser();
      const raid = (await bind(erin, user)).body.data.binding.raid;
      const webLogin = await t.http.post(
        '/api/v1/auth/login',
        { account: erin.username, password: PASSWORD },
        { headers: { 'x-app-id': 'web' } },
      );
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
      const response = await consent(user, await startLogin());
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
      expectCode(
        await t.http.get('/api/v1/users/me', { headers: { 'x-app-id': 'web', authorization: `Bearer ${uuid}.${ukey}` } }),
        401,
        1031,
      );

      const session = await t.prisma.session.findFirstOrThrow({ where: { userId: owner.id, keyHash: sha256(ukey) } });
      expect(session).toMatchObject({ appId: appRowId, loginMethod: 'QQ', userAgent: 'qq-test-browser' });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'auth.login', targetId: session.id } });
      expect(audit.details).toEqual({ appId: appRowId, method: 'QQ' });
    });

    it.each([UserStatus.BANNED, UserStatus.LOCKED, UserStatus.PENDING])(
      'answers a %s account 1032 with its status, as password login does',
      async (status) => {
        const { owner, user } = await boundPerson(status);
        const viaQq = await consent(user, await startLogin());
        const viaPassword = await t.http.post('/api/v1/auth/login', { account: owner.username, password: PASSWORD }, { headers: APP });
        expectCode(viaQq, 403, 1032);
        expectCode(viaPassword, 403, 1032);
        expect(viaQq.body.data).toEqual({ ...viaPassword.body.data, returnTo: RETURN_TO });
        expect(await t.prisma.session.count({ where: { userId: owner.id, loginMethod: 'QQ' } })).toBe(0);
      },
    );

    it('gives an unbound QQ a single-use ticket (hashed); POST /auth/login/qq binds it to the account and logs in', async () => {
      const ivan = await person();
      const stranger = qqUser('路人甲');
      const response = await consent(stranger, await startLogin());
      expect(response.body.data).toEqual({
        outcome: 'ticket',
        returnTo: RETURN_TO,
        ticket: {
          ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
          expiresAt: expect.any(String),
          nickname: '路人甲',
          avatarUrl: expect.stringMatching(/^http:\/\/thirdqq\.qlogo\.cn\//),
        },
      });
      const { ticket } = response.body.data.ticket;
      const row = await t.prisma.qqTicket.findUniqueOrThrow({ where: { ticketHash: sha256(ticket) } });
      expect(row).toMatchObject({ appId: appRowId, openid: stranger.openid, usedAt: null });
      expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

      // A wrong password is a failed login and leaves the ticket usable.
      expectCode(
        await t.http.post('/api/v1/auth/login/qq', { ticket, account: ivan.username, password: 'wrong-password-1' }, { headers: APP }),
        401,
        1031,
      );
      expect(await bindingsOf(ivan.id)).toEqual([]);

      const login = await t.http.post('/api/v1/auth/login/qq', { ticket, account: ivan.email, password: PASSWORD }, { headers: APP });
      expect(login.status).toBe(200);
      expect(login.body.data).toMatchObject({ uuid: ivan.id, ukey: expect.any(String), binding: { app: 'qq-web', nickname: '路人甲' } });
      expect((await bindingsOf(ivan.id)).map((b) => b.openid)).toEqual([stranger.openid]);
      expect(
        (await t.http.get('/api/v1/users/me', { headers: { ...APP, authorization: `Bearer ${ivan.id}.${login.body.data.ukey}` } })).status,
      ).toBe(200);
      expect(await noticesTo(ivan.email)).toBe(1);

      // Used once; and from now on the QQ logs straight in.
      expectCode(
        await t.http.post('/api/v1/auth/login/qq', { ticket, account: ivan.username, password: PASSWORD }, { headers: APP }),
        400,
        1025,
      );
      const next = await consent(stranger, await startLogin());
      expect(next.body.data).toMatchObject({ outcome: 'session', session: { uuid: ivan.id } });
    });

    it('refuses a ticket that is unknown, of another app or expired (1025, 1026), before any password is tried', async () => {
      const judy = await person();
      const { ticket } = (await consent(qqUser(), await startLogin())).body.data.ticket;
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
      const { ticket } = (await consent(qqUser(), await startLogin())).body.data.ticket;

      expectCode(
        await t.http.post('/api/v1/auth/login/qq', { ticket, account: owner.username, password: PASSWORD }, { headers: APP }),
        409,
        1039,
      );
      expectCode(
        await t.http.post('/api/v1/auth/login/qq', { ticket, account: banned.username, password: PASSWORD }, { headers: APP }),
        403,
        1032,
      );
      expect(await bindingsOf(owner.id)).toHaveLength(1);
      expect(await bindingsOf(banned.id)).toEqual([]);
      const ok = await t.http.post('/api/v1/auth/login/qq', { ticket, account: free.username, password: PASSWORD }, { headers: APP });
      expect(ok.body.data.uuid).toBe(free.id);
    });

    it('limits password tries through a ticket like a login (1075 with Retry-After, even with the right password)', async () => {
      await limits.awayFromWindowEnd(WINDOW);
      const kim = await person();
      const { ticket } = (await consent(qqUser(), await startLogin())).body.data.ticket;
      for (let i = 0; i < 3; i += 1) {
        expectCode(
          await t.http.post('/api/v1/auth/login/qq', { ticket, account: kim.username, password: `wrong-${i}-password` }, { headers: APP }),
          401,
          1031,
        );
      }
      limits.expectLimited(
        await t.http.post('/api/v1/auth/login/qq', { ticket, account: kim.username, password: PASSWORD }, { headers: APP }),
        WINDOW,
      );
      limits.expectLimited(
        await t.http.post('/api/v1/auth/login', { account: kim.username, password: PASSWORD }, { headers: APP }),
        WINDOW,
      );
      expect(await bindingsOf(kim.id)).toEqual([]);
    });

    it('asks a session opened with QQ for the account password before removing the QQ (1011, 1028, then 1075), counted with the login', async () => {
      await limits.awayFromWindowEnd(WINDOW);
      const { owner, user } = await boundPerson();
      const session = (await consent(user, await startLogin())).body.data.session;
      const viaQq = { ...APP, authorization: `Bearer ${session.uuid}.${session.ukey}` };
      const raid = (await bindingsOf(owner.id))[0].id;
      const remove = (password?: string) =>
        t.http.request('DELETE', `/api/v1/qq/bindings/${raid}`, { headers: viaQq, body: password === undefined ? {} : { password } });

      expectCode(await remove(), 400, 1011);
      expectCode(await remove('not-my-password'), 400, 1028);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
      expect((await remove(PASSWORD)).status).toBe(200);
      expect(await bindingsOf(owner.id)).toEqual([]);

      // Tries count against the account's login budget: three wrong ones, and even the right one waits.
      const second = await boundPerson();
      const qqSession = (await consent(second.user, await startLogin())).body.data.session;
      const headers = { ...APP, authorization: `Bearer ${qqSession.uuid}.${qqSession.ukey}` };
      const secondRaid = (await bindingsOf(second.owner.id))[0].id;
      for (let i = 0; i < 3; i += 1) {
        expectCode(
          await t.http.request('DELETE', `/api/v1/qq/bindings/${secondRaid}`, { headers, body: { password: `wrong-${i}-password` } }),
          400,
          1028,
        );
      }
      limits.expectLimited(
        await t.http.request('DELETE', `/api/v1/qq/bindings/${secondRaid}`, { headers, body: { password: PASSWORD } }),
        WINDOW,
      );
      limits.expectLimited(
        await t.http.post('/api/v1/auth/login', { account: second.owner.username, password: PASSWORD }, { headers: APP }),
        WINDOW,
      );
      expect(await bindingsOf(second.owner.id)).toHaveLength(1);
    });
  });

  describe('state', () => {
    it('refuses a forged state (1025) and a missing one (1011), creating nothing and asking QQ nothing', async () => {
      const asked = qq.requests.length;
      const user = qqUser();
      const code = qq.issueCode(user, t.config.qqRedirectUri);
      for (const state of ['forged-state', 'x'.repeat(43), 'y'.repeat(500)]) {
        const response = await finish(code, state, 'some-verifier');
        expectCode(response, 400, 1025);
        expect(response.body.data).toBeUndefined();
      }
      expectCode(await finish(code, '', 'some-verifier'), 400, 1011);
      expectCode(await finish('CODE', undefined, 'some-verifier'), 400, 1011);
      expect(qq.requests.length).toBe(asked);
      expect(await t.prisma.qqBinding.count({ where: { openid: user.openid } })).toBe(0);
      expect(await t.prisma.qqTicket.count({ where: { openid: user.openid } })).toBe(0);
    });

    it('tells the callback page where a live flow goes back to, using nothing; an unknown, used or expired state has no answer (1025, 1026, 1011)', async () => {
      const flow = await startLogin();
      const returnTo = (state?: string) =>
        t.http.get(`/api/v1/qq/return${state === undefined ? '' : `?state=${encodeURIComponent(state)}`}`);
      for (let i = 0; i < 2; i += 1) expect((await returnTo(flow.state)).body).toMatchObject({ code: 0, data: { returnTo: RETURN_TO } });
      expect((await stateRow(flow.state)).usedAt).toBeNull();
      expectCode(await returnTo('forged-state'), 400, 1025);
      expectCode(await returnTo('y'.repeat(500)), 400, 1025);
      expectCode(await returnTo(), 400, 1011);
      expect((await consent(qqUser(), flow)).body.data.outcome).toBe('ticket');
      expectCode(await returnTo(flow.state), 400, 1025);

      const expired = await startLogin();
      await t.prisma.qqState.update({ where: { stateHash: sha256(expired.state) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expectCode(await returnTo(expired.state), 410, 1026);
    });

    it('refuses a replayed state (1025): the second callback creates nothing', async () => {
      const owner = await person();
      const flow = await startBind(owner);
      expect((await consent(qqUser(), flow)).body.data.outcome).toBe('bound');
      const replay = await consent(qqUser(), flow);
      expectCode(replay, 400, 1025);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
    });

    it('refuses an expired state (1026)', async () => {
      const owner = await person();
      const flow = await startBind(owner);
      await t.prisma.qqState.update({ where: { stateHash: sha256(flow.state) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expectCode(await consent(qqUser(), flow), 410, 1026);
      expect(await bindingsOf(owner.id)).toEqual([]);
    });

    it('uses up the state when QQ sends the person back without a code (cancelled): 1011 with returnTo', async () => {
      const flow = await startLogin();
      const response = await callback(undefined, flow);
      expectCode(response, 400, 1011);
      expect(response.body.data).toEqual({ returnTo: RETURN_TO });
      expectCode(await consent(qqUser(), flow), 400, 1025);
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
      for (const flow of [await startBind(owner), await startLogin()]) {
        const response = await consent(user, flow);
        expectCode(response, 503, 996);
        expect(response.body).toMatchObject({ message: '当前环境不支持cUrl', data: { returnTo: RETURN_TO } });
        expect(response.body.detail).toMatch(detail);
        expect(response.text).not.toMatch(/stack|at .*\.ts|access_token|client_secret/);
        expect((await stateRow(flow.state)).usedAt).not.toBeNull();
      }
      expect(await bindingsOf(owner.id)).toEqual([]);
      expect(await t.prisma.qqTicket.count({ where: { openid: user.openid } })).toBe(0);
    });

    it('refuses a code QQ does not know (996, QQ said so) and one already exchanged', async () => {
      const owner = await person();
      expect((await callback('0123456789ABCDEF0123456789ABCDEF', await startBind(owner))).body.detail).toMatch(/refused: error 100019/);
      const code = qq.issueCode(qqUser(), t.config.qqRedirectUri);
      expect((await callback(code, await startLogin())).body.data.outcome).toBe('ticket');
      const reused = await callback(code, await startBind(owner));
      expectCode(reused, 503, 996);
      expect(reused.body.detail).toMatch(/refused: error 100020 \(code is reused error\)/);
      expect(await bindingsOf(owner.id)).toEqual([]);
    });

    it('bounds a call that hangs by QQ_TIMEOUT_MS, and other requests go on meanwhile', async () => {
      qq.fail('token', 'hang');
      const flow = await startLogin();
      const started = Date.now();
      const pending = consent(qqUser(), flow);
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
      const dump = JSON.stringify(
        [
          await t.prisma.qqBinding.findMany(),
          await t.prisma.qqState.findMany(),
          await t.prisma.qqTicket.findMany(),
          await t.prisma.auditEntry.findMany(),
        ],
        (_, v) => (typeof v === 'bigint' ? String(v) : v),
      );
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
        expectCode(await consent(qqUser(), await startLogin()), 503, 996);
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
      const flows = await Promise.all(people.map((p) => startBind(p)));
      const responses = await Promise.all(flows.map((flow) => consent(contested, flow)));

      const codes = responses.map((r) => r.body.code).sort();
      expect(codes).toEqual([0, 1039, 1039, 1039, 1039, 1039]);
      const rows = await t.prisma.qqBinding.findMany({ where: { appId: appRowId, openid: contested.openid } });
      expect(rows).toHaveLength(1);
      const winner = responses.findIndex((r) => r.body.code === 0);
      expect(rows[0].userId).toBe(people[winner].id);
      expect(await t.prisma.auditEntry.count({ where: { action: 'qq.bind', targetId: rows[0].id } })).toBe(1);
      // Only the winner's bind exists, so only the winner is told of one.
      expect(await Promise.all(people.map((p) => noticesTo(p.email)))).toEqual(people.map((_, i) => (i === winner ? 1 : 0)));
    });

    it('lets one user bind only one of several QQs bound at once; the others get 1039', async () => {
      const owner = await person();
      const flows: Flow[] = [];
      // One after another: each start asks for the password, which counts on the login's budget until it matches.
      for (let i = 0; i < 5; i += 1) flows.push(await startBind(owner));
      const responses = await Promise.all(flows.map((flow) => consent(qqUser(), flow)));
      expect(responses.map((r) => r.body.code).sort()).toEqual([0, 1039, 1039, 1039, 1039]);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
    });

    it('lets exactly one of several callbacks carrying the same state through; the others get 1025', async () => {
      const owner = await person();
      const flow = await startBind(owner);
      const asked = tokenRequests();
      const responses = await Promise.all(Array.from({ length: 8 }, () => consent(qqUser(), flow)));
      expect(responses.map((r) => r.body.code).sort()).toEqual([0, 1025, 1025, 1025, 1025, 1025, 1025, 1025]);
      expect(await bindingsOf(owner.id)).toHaveLength(1);
      // The losers never reached QQ: the state is taken before anything else.
      expect(tokenRequests()).toBe(asked + 1);
    });

    it('lets one of several logins racing for one ticket bind it; the others get 1025', async () => {
      const people = await Promise.all(Array.from({ length: 4 }, () => person()));
      const user = qqUser();
      const { ticket } = (await consent(user, await startLogin())).body.data.ticket;
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
    const login = await t.http.post(
      '/api/v1/auth/login',
      { account: user.username, password: PASSWORD },
      { headers: { 'x-app-id': 'web' } },
    );
    const headers = { 'x-app-id': 'web', authorization: `Bearer ${login.body.data.uuid}.${login.body.data.ukey}` };
    const responses = [
      await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`, { headers }),
      await t.http.post('/api/v1/qq/authorize', { intent: 'bind', returnTo: RETURN_TO, password: PASSWORD }, { headers }),
      await t.http.get('/api/v1/qq/return?state=S'),
      await t.http.get('/api/v1/qq/callback?code=C&state=S', { headers: { ...headers, 'x-qq-verifier': 'V' } }),
      await t.http.get('/api/v1/qq/bindings', { headers }),
      await t.http.get(`/api/v1/qq/bindings/${randomUUID()}`, { headers }),
      await t.http.delete(`/api/v1/qq/bindings/${randomUUID()}`, { headers }),
      await t.http.post(
        '/api/v1/auth/login/qq',
        { ticket: 'x', account: user.username, password: PASSWORD },
        { headers: { 'x-app-id': 'web' } },
      ),
    ];
    for (const response of responses) {
      expectCode(response, 503, 1077);
      expect(response.body.message).toBe('QQ登录未配置');
    }
    const en = await t.http.get('/api/v1/qq/return', { headers: { 'accept-language': 'en' } });
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

  it('logs QQ failures at trace level without the app key, an access token, a code, a state, a verifier, a ticket or a session key', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      LOG_LEVEL: 'trace',
      BCRYPT_COST: '4',
      ...qq.env({ QQ_TIMEOUT_MS: '500' }),
    };
    const server = runBuilt('main.js', env);
    const secrets: string[] = [qq.appKey];
    try {
      await server.waitFor(/"msg":"listening on http/, 30_000);
      const get = async (url: string, headers: Record<string, string> = {}) =>
        await fetch(`${base}${url}`, { headers, redirect: 'manual' });
      const newFlow = async (): Promise<{ state: string; verifier: string }> => {
        const response = await get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(RETURN_TO)}`, { 'x-app-id': 'web' });
        expect(response.status).toBe(302);
        const state = new URL(response.headers.get('location')!).searchParams.get('state')!;
        const { verifier } = ((await response.json()) as { data: { verifier: string } }).data;
        secrets.push(state, verifier);
        return { state, verifier };
      };
      const callbackWith = async (step?: QqStep, fault?: QqFault) => {
        if (step && fault) qq.fail(step, fault);
        const code = qq.issueCode(qqUser(), `${base}/qq-callback`);
        secrets.push(code);
        const { state, verifier } = await newFlow();
        expect((await get(`/api/v1/qq/return?state=${state}`)).status).toBe(200);
        const response = await get(`/api/v1/qq/callback?code=${code}&state=${state}`, { 'x-app-id': 'web', 'x-qq-verifier': verifier });
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

      for (const [step, fault] of [
        ['token', 'error'],
        ['me', 'malformed'],
        ['user', 'hang'],
        ['token', 'http-502'],
      ] as const) {
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
