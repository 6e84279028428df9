import { randomBytes } from 'node:crypto';

import { sha256 } from '../src/core/crypto/tokens';
import { OpenAppsService } from '../src/signing/open-apps.service';
import { signedHeaders } from '../src/signing/sign';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { HttpClient, randomNonce, TestResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'developer-pass-2026';
const END_PASSWORD = 'end-user-pass-2026';
const APP_PRICE = 1000;
const LIBRARY_PRICE = 500;
const DAY_MS = 24 * 3600 * 1000;
const DEV = '/api/v1/developer';
const OPEN = '/api/v1/open/users';

interface Account {
  id: string;
  headers: Record<string, string>;
}

interface DeveloperApp {
  apiId: string;
  apiKey: string;
}

const env: Record<string, string> = {
  BCRYPT_COST: '4',
  LOGIN_LIMIT_PER_IP: '0',
  LOGIN_LIMIT_PER_ACCOUNT: '50',
  RATE_LIMIT_PER_IP: '0',
  DEVELOPER_APP_PRICE_CENTS: String(APP_PRICE),
  DEVELOPER_APP_USER_CAP: '3',
  DEVELOPER_APP_QUOTA_TOTAL: '50',
  DEVELOPER_APP_QUOTA_MONTHLY: '50',
  LIBRARY_PRICE_CENTS: String(LIBRARY_PRICE),
  LIBRARY_DAYS: '30',
  LIBRARY_RENEW_WINDOW_DAYS: '7',
  LIBRARY_GRACE_DAYS: '7',
  OPEN_USAGE_FLUSH_MS: '100',
};

/** A logged-in platform user of `group`. */
async function account(t: TestApp, group: string, balanceCents = 0): Promise<Account> {
  const user = await insertUser(t.prisma, { password: PASSWORD, group, balanceCents: BigInt(balanceCents) });
  return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
}

/** The open API as a developer app's client calls it: every request signed with the api key. */
const openClient = (t: TestApp, app: DeveloperApp): HttpClient => t.http.signedAs({ id: app.apiId, key: app.apiKey, idHeader: 'X-Api-Id' });

const bearer = (session: { uuid: string; ukey: string }): Record<string, string> => ({
  authorization: `Bearer ${session.uuid}.${session.ukey}`,
});

async function buyApp(t: TestApp, owner: Account, name = 'My game'): Promise<DeveloperApp> {
  const created = await t.http.post(`${DEV}/apps`, { name }, { headers: owner.headers });
  expect(created.body.code).toBe(0);
  return { apiId: created.body.data.apiId, apiKey: created.body.data.apiKey };
}

async function buyLibrary(t: TestApp, owner: Account, body: Record<string, unknown> = { name: 'Players' }): Promise<string> {
  const created = await t.http.post(`${DEV}/libraries`, body, { headers: owner.headers });
  expect(created.body.code).toBe(0);
  return created.body.data.spanId;
}

const bind = (t: TestApp, owner: Account, apiId: string, spanId: string): Promise<TestResponse> =>
  t.http.post(`${DEV}/apps/${apiId}/library`, { spanId }, { headers: owner.headers });

const newName = (): string => `p${randomBytes(5).toString('hex')}`;

function expectCode(response: TestResponse, code: number, status?: number): void {
  expect(response.body.code).toBe(code);
  if (status !== undefined) expect(response.status).toBe(status);
}

async function balanceOf(t: TestApp, userId: string): Promise<number> {
  return Number((await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).balanceCents);
}

describe('user libraries and the open API', () => {
  let t: TestApp;
  let admin: Account;
  let forget: (apiId: string) => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp({ env });
    admin = await account(t, 'admin');
    const openApps = t.app.get(OpenAppsService);
    forget = (apiId) => openApps.forget(apiId);
  });
  afterAll(() => t.close());

  describe('the whole story, on real signed HTTP', () => {
    let developer: Account;
    let app: DeveloperApp;
    let spanId: string;
    let open: HttpClient;
    let alice: { uuid: string; ukey: string };

    it('an administrator tops up the balance; the developer buys an app, and a library only when the balance pays (1059)', async () => {
      developer = await account(t, 'developer');
      const topUp = await t.http.post(
        `/api/v1/admin/users/${developer.id}/balance`,
        { delta: APP_PRICE, reason: 'top-up' },
        { headers: admin.headers },
      );
      expectCode(topUp, 0);
      app = await buyApp(t, developer);
      expect(await balanceOf(t, developer.id)).toBe(0);

      const short = await t.http.post(`${DEV}/libraries`, { name: 'Players' }, { headers: developer.headers });
      expectCode(short, 1059, 402);
      expect(await t.prisma.userLibrary.count({ where: { ownerId: developer.id } })).toBe(0);

      await t.http.post(
        `/api/v1/admin/users/${developer.id}/balance`,
        { delta: 10 * LIBRARY_PRICE, reason: 'top-up' },
        { headers: admin.headers },
      );
      spanId = await buyLibrary(t, developer);
      expect(spanId).toMatch(/^sp[0-9a-f]{20}$/);
      expect(await balanceOf(t, developer.id)).toBe(9 * LIBRARY_PRICE);
      const entry = await t.prisma.balanceEntry.findFirstOrThrow({ where: { userId: developer.id }, orderBy: { id: 'desc' } });
      expect(entry).toMatchObject({ delta: BigInt(-LIBRARY_PRICE), kind: 'DEVELOPER' });
      expect(entry.reason).toContain(spanId);
    });

    it('answers 1069 while the app has no library, then binds it (1071 for an unknown span id)', async () => {
      open = openClient(t, app);
      expectCode(await open.post(`${OPEN}/register`, { username: 'alice', password: END_PASSWORD }), 1069, 409);
      expectCode(await bind(t, developer, app.apiId, 'sp00000000000000000000'), 1071, 404);
      expectCode(await bind(t, developer, app.apiId, spanId), 0);
      const detail = await t.http.get(`${DEV}/libraries/${spanId}`, { headers: developer.headers });
      expect(detail.body.data).toMatchObject({ spanId, apps: [app.apiId], endUsers: 0, deletedAt: null });
    });

    it('registers an end user and logs them in; the session reads and changes the profile', async () => {
      const registered = await open.post(`${OPEN}/register`, { username: 'Alice', email: 'Alice@Example.com', password: END_PASSWORD });
      expectCode(registered, 0, 201);
      expect(registered.body.data).toMatchObject({
        username: 'Alice',
        email: 'alice@example.com',
        nickname: 'Alice',
        status: 'ACTIVE',
        verificationRequired: false,
      });

      const login = await open.post(`${OPEN}/login`, { account: 'ALICE', password: END_PASSWORD });
      expectCode(login, 0, 200);
      alice = login.body.data;
      expect(alice.uuid).toBe(registered.body.data.uuid);

      const me = await open.get(`${OPEN}/me`, { headers: bearer(alice) });
      expect(me.body.data).toMatchObject({ uuid: alice.uuid, username: 'Alice' });
      expect(me.body.data.passwordHash).toBeUndefined();

      const patched = await open.patch(`${OPEN}/me`, { nickname: '爱丽丝', qq: '123456' }, { headers: bearer(alice) });
      expect(patched.body.data).toMatchObject({ nickname: '爱丽丝', qq: '123456' });
      for (const qq of ['0123456', '1234', '123456789012', 'abcde', 12345]) {
        expectCode(await open.patch(`${OPEN}/me`, { qq }, { headers: bearer(alice) }), 99992, 400);
      }
      const cleared = await open.patch(`${OPEN}/me`, { qq: null }, { headers: bearer(alice) });
      expect(cleared.body).toMatchObject({ code: 0, data: { qq: null } });

      // Email by the login too, and case-insensitively.
      expectCode(await open.post(`${OPEN}/login`, { account: 'ALICE@example.COM', password: END_PASSWORD }), 0);
    });

    it('refuses a taken username or email in the library (1020), case-insensitively', async () => {
      expectCode(await open.post(`${OPEN}/register`, { username: 'aLiCe', password: END_PASSWORD }), 1020, 409);
      expectCode(
        await open.post(`${OPEN}/register`, { username: 'alice2', email: 'ALICE@example.com', password: END_PASSWORD }),
        1020,
        409,
      );
    });

    it('answers 99999 alike for a wrong password and an unknown user', async () => {
      const wrong = await open.post(`${OPEN}/login`, { account: 'alice', password: 'not-the-password' });
      const unknown = await open.post(`${OPEN}/login`, { account: 'nobody_here', password: 'not-the-password' });
      for (const refused of [wrong, unknown]) expectCode(refused, 99999, 401);
      const { requestId: _a, ...wrongBody } = wrong.body;
      const { requestId: _b, ...unknownBody } = unknown.body;
      expect(wrongBody).toEqual(unknownBody);
    });

    it('shows public profiles within the library (99993 otherwise)', async () => {
      const bob = await open.post(`${OPEN}/register`, { username: 'bob_b', password: END_PASSWORD, nickname: 'Bob' });
      const profile = await open.get(`${OPEN}/${bob.body.data.uuid}`, { headers: bearer(alice) });
      expect(profile.body.data).toEqual({ uuid: bob.body.data.uuid, username: 'bob_b', nickname: 'Bob', createdAt: expect.any(String) });
      expectCode(await open.get(`${OPEN}/00000000-0000-4000-8000-000000000000`, { headers: bearer(alice) }), 99993, 404);
      expectCode(await open.get(`${OPEN}/not-a-uuid`, { headers: bearer(alice) }), 99993, 404);
    });

    it("stops at the app's end-user cap (1066)", async () => {
      expectCode(await open.post(`${OPEN}/register`, { username: 'carol', password: END_PASSWORD }), 0);
      const over = await open.post(`${OPEN}/register`, { username: 'dave_d', password: END_PASSWORD });
      expectCode(over, 1066, 403);
      expect(await t.prisma.endUser.count({ where: { library: { spanId } } })).toBe(3);
    });

    it('changes the password: the current one is asked (99999), other sessions end', async () => {
      const other = (await open.post(`${OPEN}/login`, { account: 'alice', password: END_PASSWORD })).body.data;
      expectCode(
        await open.post(
          `${OPEN}/me/password`,
          { currentPassword: 'wrong-one-here', password: 'a-new-pass-2026' },
          { headers: bearer(alice) },
        ),
        99999,
      );
      expectCode(
        await open.post(`${OPEN}/me/password`, { currentPassword: END_PASSWORD, password: 'a-new-pass-2026' }, { headers: bearer(alice) }),
        0,
      );
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(other) }), 99996, 401);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);
      expectCode(await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' }), 0);
    });

    it('checks every part of the signature: 1062, 1068, 1012, 1015, -1, and 99996 without a session', async () => {
      const unknown = t.http.signedAs({ id: 'dk00000000000000000000', key: app.apiKey, idHeader: 'X-Api-Id' });
      expectCode(await unknown.get(`${OPEN}/me`, { headers: bearer(alice) }), 1062, 401);
      const forged = t.http.signedAs({ id: app.apiId, key: 'not-the-key', idHeader: 'X-Api-Id' });
      expectCode(await forged.get(`${OPEN}/me`, { headers: bearer(alice) }), 1068, 401);

      const stale = { method: 'GET', url: `${OPEN}/me`, timestamp: Math.floor(Date.now() / 1000) - 3600, nonce: randomNonce() };
      const staleHeaders = signedHeaders({ id: app.apiId, key: app.apiKey, idHeader: 'X-Api-Id' }, stale);
      expectCode(await t.http.get(`${OPEN}/me`, { headers: { ...staleHeaders, ...bearer(alice) } }), 1012, 401);

      const once = { method: 'GET', url: `${OPEN}/me`, timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
      const onceHeaders = { ...signedHeaders({ id: app.apiId, key: app.apiKey, idHeader: 'X-Api-Id' }, once), ...bearer(alice) };
      expectCode(await t.http.get(`${OPEN}/me`, { headers: onceHeaders }), 0);
      expectCode(await t.http.get(`${OPEN}/me`, { headers: onceHeaders }), 1015, 401);

      expectCode(
        await t.http.patch(`${DEV}/apps/${app.apiId}`, { allowedDomains: ['https://game.example.com'] }, { headers: developer.headers }),
        0,
      );
      expectCode(await open.get(`${OPEN}/me`, { headers: { ...bearer(alice), origin: 'https://evil.example.net' } }), -1, 403);
      expectCode(await open.get(`${OPEN}/me`, { headers: { ...bearer(alice), origin: 'https://game.example.com' } }), 0);

      expectCode(await open.get(`${OPEN}/me`), 99996, 401);
      expectCode(await open.get(`${OPEN}/me`, { headers: { authorization: 'Bearer nonsense' } }), 99996, 401);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer({ uuid: alice.uuid, ukey: 'A'.repeat(43) }) }), 99996, 401);
      // Unsigned: the signing headers are required.
      expectCode(await t.http.get(`${OPEN}/me`, { headers: { 'x-api-id': app.apiId, ...bearer(alice) } }), 1011, 400);
    });

    it('keeps a rotated-out key signing through its grace period, then answers 1064', async () => {
      const rotated = await t.http.post(`${DEV}/apps/${app.apiId}/rotate-key`, {}, { headers: developer.headers });
      expectCode(rotated, 0);
      const old = open;
      open = openClient(t, { apiId: app.apiId, apiKey: rotated.body.data.apiKey });
      expectCode(await old.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);

      await t.prisma.developerApp.update({ where: { apiId: app.apiId }, data: { previousKeyExpiresAt: new Date(Date.now() - 1000) } });
      await forget(app.apiId);
      expectCode(await old.get(`${OPEN}/me`, { headers: bearer(alice) }), 1064, 401);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);
      app = { apiId: app.apiId, apiKey: rotated.body.data.apiKey };
    });

    it('answers 1065 while the owner disables the app, and 1067 once an administrator closes it', async () => {
      expectCode(await t.http.patch(`${DEV}/apps/${app.apiId}`, { status: 'DISABLED' }, { headers: developer.headers }), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 1065, 403);
      expectCode(await t.http.patch(`${DEV}/apps/${app.apiId}`, { status: 'ENABLED' }, { headers: developer.headers }), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);

      const closed = await t.http.patch(`/api/v1/admin/developer-apps/${app.apiId}`, { status: 'CLOSED' }, { headers: admin.headers });
      expectCode(closed, 0);
      expectCode(await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' }), 1067, 403);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 1067, 403);
      expectCode(await t.http.patch(`/api/v1/admin/developer-apps/${app.apiId}`, { status: 'ENABLED' }, { headers: admin.headers }), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);
    });

    it('answers 1065 once the app itself expired', async () => {
      const expiresAt = (await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId: app.apiId } })).expiresAt;
      await t.prisma.developerApp.update({ where: { apiId: app.apiId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      await forget(app.apiId);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 1065, 403);
      await t.prisma.developerApp.update({ where: { apiId: app.apiId }, data: { expiresAt } });
      await forget(app.apiId);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);
    });

    it('answers 1070 once the library expired; renewal opens near the expiry (1073 before) and ends after the grace (1073)', async () => {
      expectCode(await t.http.post(`${DEV}/libraries/${spanId}/renew`, {}, { headers: developer.headers }), 1073, 409);

      const library = await t.prisma.userLibrary.findUniqueOrThrow({ where: { spanId } });
      await t.prisma.userLibrary.update({ where: { spanId }, data: { expiresAt: new Date(Date.now() - 8 * DAY_MS) } });
      await forget(app.apiId);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 1070, 409);
      expectCode(await t.http.post(`${DEV}/libraries/${spanId}/renew`, {}, { headers: developer.headers }), 1073, 409);

      await t.prisma.userLibrary.update({ where: { spanId }, data: { expiresAt: new Date(Date.now() - DAY_MS) } });
      await forget(app.apiId);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 1070, 409);
      const before = await balanceOf(t, developer.id);
      const renewed = await t.http.post(`${DEV}/libraries/${spanId}/renew`, {}, { headers: developer.headers });
      expectCode(renewed, 0);
      expect(new Date(renewed.body.data.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
      expect(await balanceOf(t, developer.id)).toBe(before - LIBRARY_PRICE);
      expect(library.id).toBeGreaterThan(0);
      // No cache to wait for: the renewal dropped every process's copy of the app.
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(alice) }), 0);
    });

    it('answers 99995 for a session past its age, and logs out', async () => {
      const session = (await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' })).body.data;
      // Aged before its first use, so no process holds a copy of it yet.
      await t.prisma.endUserSession.update({ where: { keyHash: sha256(session.ukey) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(session) }), 99995, 401);

      const fresh = (await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' })).body.data;
      expectCode(await open.post(`${OPEN}/logout`, {}, { headers: bearer(fresh) }), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(fresh) }), 99996, 401);
    });

    it('lets the developer list, ban (99998), unban and delete end users, each audited', async () => {
      const listed = await t.http.get(`${DEV}/libraries/${spanId}/users?condition=q:alice`, { headers: developer.headers });
      expect(listed.body.data.map((u: { username: string }) => u.username)).toEqual(['Alice']);
      expectCode(await t.http.get(`${DEV}/libraries/${spanId}/users?condition=colour:red`, { headers: developer.headers }), 1045);

      const session = (await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' })).body.data;
      const banned = await t.http.post(`${DEV}/libraries/${spanId}/users/${alice.uuid}/ban`, {}, { headers: developer.headers });
      expect(banned.body.data).toMatchObject({ status: 'BANNED' });
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(session) }), 99996, 401);
      expectCode(await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' }), 99998, 403);
      expectCode(await t.http.post(`${DEV}/libraries/${spanId}/users/${alice.uuid}/ban`, {}, { headers: developer.headers }), 1043);
      expectCode(await t.http.post(`${DEV}/libraries/${spanId}/users/${alice.uuid}/unban`, {}, { headers: developer.headers }), 0);
      expectCode(await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' }), 0);

      const carol = await t.prisma.endUser.findFirstOrThrow({ where: { username: 'carol' } });
      expectCode(await t.http.delete(`${DEV}/libraries/${spanId}/users/${carol.id}`, { headers: developer.headers }), 0);
      // A deleted user frees a place under the cap, and their name.
      expectCode(await open.post(`${OPEN}/register`, { username: 'Carol', password: END_PASSWORD }), 0);
      expectCode(
        await t.http.post(`${DEV}/libraries/${spanId}/users/00000000-0000-4000-8000-000000000000/ban`, {}, { headers: developer.headers }),
        99993,
      );

      const actions = (await t.prisma.auditEntry.findMany({ where: { actorId: developer.id, targetType: 'end-user' } })).map(
        (a) => a.action,
      );
      expect(actions.sort()).toEqual(['end-user.ban', 'end-user.delete', 'end-user.unban']);
    });

    it('counts the calls per day and the end users, for the developer only', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300)); // past a flush
      const usage = await t.http.get(`${DEV}/apps/${app.apiId}/usage?days=30`, { headers: developer.headers });
      expectCode(usage, 0);
      expect(usage.body.data).toMatchObject({ apiId: app.apiId, spanId, endUsers: 3 });
      const today = new Date().toISOString().slice(0, 10);
      const stored = await t.prisma.developerAppUsage.findMany({ where: { app: { apiId: app.apiId } } });
      expect(stored.map((row) => row.day.toISOString().slice(0, 10))).toEqual([today]);
      expect(Number(stored[0].calls)).toBeGreaterThan(20);
      expect(usage.body.data.calls).toEqual([{ day: today, calls: expect.any(Number) }]);
      expect(usage.body.data.calls[0].calls).toBeGreaterThanOrEqual(Number(stored[0].calls));
      expectCode(await t.http.get(`${DEV}/apps/${app.apiId}/usage?days=0`, { headers: developer.headers }), 1045);
    });

    it('answers 99994 for a session whose user is no longer in the app’s library, and 1070 once the library is deleted', async () => {
      const session = (await open.post(`${OPEN}/login`, { account: 'alice', password: 'a-new-pass-2026' })).body.data;
      const other = await buyLibrary(t, developer, { name: 'Second' });
      expectCode(await bind(t, developer, app.apiId, other), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(session) }), 99994, 401);
      // The old library keeps its users: binding back brings them back.
      expectCode(await bind(t, developer, app.apiId, spanId), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(session) }), 0);

      expectCode(await t.http.delete(`${DEV}/libraries/${spanId}`, { headers: developer.headers }), 0);
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(session) }), 1070, 409);
      expectCode(await t.http.post(`${DEV}/libraries/${spanId}/renew`, {}, { headers: developer.headers }), 1073, 409);
      expectCode(await bind(t, developer, app.apiId, spanId), 1071);
      const detail = await t.http.get(`${DEV}/libraries/${spanId}`, { headers: developer.headers });
      expect(detail.body.data.deletedAt).not.toBeNull();
      const audit = await t.prisma.auditEntry.findMany({ where: { actorId: developer.id, targetType: 'library' } });
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['library.create', 'library.renew', 'library.delete']));
    });

    it('answers 1063 for an app whose key no longer opens', async () => {
      const broken = await buyApp(t, developer, 'Broken');
      const other = (await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId: app.apiId } })).keyCiphertext;
      await t.prisma.developerApp.update({ where: { apiId: broken.apiId }, data: { keyCiphertext: other } });
      await forget(broken.apiId);
      expectCode(await openClient(t, broken).post(`${OPEN}/login`, { account: 'x', password: 'y' }), 1063, 401);
    });

    it("answers 1063 at once while the app's owner is banned, and serves again once they are active", async () => {
      const owner = await account(t, 'developer', 100_000);
      const owned = await buyApp(t, owner, 'Owned');
      expectCode(await bind(t, owner, owned.apiId, await buyLibrary(t, owner)), 0);
      const client = openClient(t, owned);
      expectCode(await client.post(`${OPEN}/login`, { account: 'nobody_here', password: 'x-password' }), 99999);
      const setStatus = (status: string) => t.http.patch(`/api/v1/admin/users/${owner.id}`, { status }, { headers: admin.headers });
      expectCode(await setStatus('BANNED'), 0);
      expectCode(await client.post(`${OPEN}/login`, { account: 'nobody_here', password: 'x-password' }), 1063, 401);
      expectCode(await setStatus('ACTIVE'), 0);
      expectCode(await client.post(`${OPEN}/login`, { account: 'nobody_here', password: 'x-password' }), 99999);
    });

    it('answers 99997 for anything unexpected on the open API, never a stack', async () => {
      await t.prisma.developerApp.update({ where: { apiId: app.apiId }, data: { userCap: 100 } });
      const other = await buyLibrary(t, developer, { name: 'Third' });
      expectCode(await bind(t, developer, app.apiId, other), 0);
      const login = await open.post(`${OPEN}/register`, { username: 'frank', password: END_PASSWORD });
      expectCode(login, 0);
      const frank = (await open.post(`${OPEN}/login`, { account: 'frank', password: END_PASSWORD })).body.data;
      await t.prisma.$executeRawUnsafe('ALTER TABLE end_users RENAME COLUMN qq TO qq_hidden');
      try {
        const failed = await open.get(`${OPEN}/me`, { headers: bearer(frank) });
        expectCode(failed, 99997, 500);
        expect(failed.text).not.toMatch(/qq|end_users|at .*\.ts/);
      } finally {
        await t.prisma.$executeRawUnsafe('ALTER TABLE end_users RENAME COLUMN qq_hidden TO qq');
      }
      expectCode(await open.get(`${OPEN}/me`, { headers: bearer(frank) }), 0);
    });
  });

  describe('isolation', () => {
    let devA: Account;
    let devB: Account;
    let appA: DeveloperApp;
    let appB: DeveloperApp;
    let spanA: string;
    let spanB: string;

    beforeAll(async () => {
      devA = await account(t, 'developer', 100_000);
      devB = await account(t, 'developer', 100_000);
      appA = await buyApp(t, devA, 'A');
      appB = await buyApp(t, devB, 'B');
      spanA = await buyLibrary(t, devA, { name: 'A users' });
      spanB = await buyLibrary(t, devB, { name: 'B users' });
      expectCode(await bind(t, devA, appA.apiId, spanA), 0);
      expectCode(await bind(t, devB, appB.apiId, spanB), 0);
    });

    it('keeps end users to their library: one of A cannot log in through an app of B', async () => {
      const name = newName();
      expectCode(await openClient(t, appA).post(`${OPEN}/register`, { username: name, password: END_PASSWORD }), 0);
      expectCode(await openClient(t, appA).post(`${OPEN}/login`, { account: name, password: END_PASSWORD }), 0);
      expectCode(await openClient(t, appB).post(`${OPEN}/login`, { account: name, password: END_PASSWORD }), 99999, 401);
      // The same name is free in the other library.
      expectCode(await openClient(t, appB).post(`${OPEN}/register`, { username: name, password: END_PASSWORD }), 0);
    });

    it("never shows or lets a developer touch another developer's apps, libraries or end users", async () => {
      const name = newName();
      const user = (await openClient(t, appB).post(`${OPEN}/register`, { username: name, password: END_PASSWORD })).body.data;
      expectCode(await t.http.get(`${DEV}/libraries/${spanB}`, { headers: devA.headers }), 1071, 404);
      expectCode(await t.http.patch(`${DEV}/libraries/${spanB}`, { name: 'mine' }, { headers: devA.headers }), 1071);
      expectCode(await t.http.delete(`${DEV}/libraries/${spanB}`, { headers: devA.headers }), 1071);
      expectCode(await t.http.post(`${DEV}/libraries/${spanB}/renew`, {}, { headers: devA.headers }), 1071);
      expectCode(await bind(t, devA, appA.apiId, spanB), 1071);
      expectCode(await bind(t, devA, appB.apiId, spanA), 1062);
      expectCode(await t.http.get(`${DEV}/libraries/${spanB}/users`, { headers: devA.headers }), 1071);
      expectCode(await t.http.post(`${DEV}/libraries/${spanB}/users/${user.uuid}/ban`, {}, { headers: devA.headers }), 1071);
      expectCode(await t.http.post(`${DEV}/libraries/${spanA}/users/${user.uuid}/ban`, {}, { headers: devA.headers }), 99993);
      expectCode(await t.http.get(`${DEV}/apps/${appB.apiId}/usage`, { headers: devA.headers }), 1062);
      const listed = await t.http.get(`${DEV}/libraries`, { headers: devA.headers });
      expect(listed.body.data.map((l: { spanId: string }) => l.spanId)).toEqual([spanA]);
      expect((await t.prisma.endUser.findUniqueOrThrow({ where: { id: user.uuid } })).status).toBe('ACTIVE');
    });

    it('refuses an open-API session on platform routes and a platform session on the open API', async () => {
      const name = newName();
      await openClient(t, appA).post(`${OPEN}/register`, { username: name, password: END_PASSWORD });
      const endSession = (await openClient(t, appA).post(`${OPEN}/login`, { account: name, password: END_PASSWORD })).body.data;
      expectCode(await t.http.get('/api/v1/users/me', { headers: { ...WEB, ...bearer(endSession) } }), 1031, 401);
      // The platform session of the developer, sent to the open API.
      expectCode(await openClient(t, appA).get(`${OPEN}/me`, { headers: { authorization: devA.headers.authorization } }), 99996, 401);
      // A first-party app's signature is no open-API signature.
      expectCode(await t.http.get(`${OPEN}/me`, { headers: { ...WEB, ...bearer(endSession) } }), 1011, 400);
    });
  });

  describe('races', () => {
    it('creates exactly the quota (apps + 1) of 20 parallel library creations, charging each once', async () => {
      const developer = await account(t, 'developer', 100_000);
      await buyApp(t, developer, 'one');
      await buyApp(t, developer, 'two');
      const before = await balanceOf(t, developer.id);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.http.post(`${DEV}/libraries`, { name: `L${i}` }, { headers: developer.headers })),
      );
      const codes = answers.map((a) => a.body.code);
      expect(codes.filter((c) => c === 0)).toHaveLength(3);
      expect(codes.filter((c) => c === 1072)).toHaveLength(17);
      expect(await t.prisma.userLibrary.count({ where: { ownerId: developer.id } })).toBe(3);
      expect(await balanceOf(t, developer.id)).toBe(before - 3 * LIBRARY_PRICE);
    });

    it('registers one of 20 parallel registrations of one username (case varies), the rest 1020', async () => {
      const developer = await account(t, 'developer', 100_000);
      const app = await buyApp(t, developer);
      const span = await buyLibrary(t, developer);
      await t.prisma.developerApp.update({ where: { apiId: app.apiId }, data: { userCap: 100 } });
      expectCode(await bind(t, developer, app.apiId, span), 0);
      const open = openClient(t, app);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          open.post(`${OPEN}/register`, { username: i % 2 ? 'Racer' : 'racer', password: END_PASSWORD }),
        ),
      );
      const codes = answers.map((a) => a.body.code);
      expect(codes.filter((c) => c === 0)).toHaveLength(1);
      expect(codes.filter((c) => c === 1020)).toHaveLength(19);
      expect(await t.prisma.endUser.count({ where: { library: { spanId: span } } })).toBe(1);
    });

    it('registers exactly 10 of 50 parallel registrations past a cap of 10', async () => {
      const developer = await account(t, 'developer', 100_000);
      const app = await buyApp(t, developer);
      const span = await buyLibrary(t, developer);
      await t.prisma.developerApp.update({ where: { apiId: app.apiId }, data: { userCap: 10 } });
      expectCode(await bind(t, developer, app.apiId, span), 0);
      const open = openClient(t, app);
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => open.post(`${OPEN}/register`, { username: newName(), password: END_PASSWORD })),
      );
      const codes = answers.map((a) => a.body.code);
      expect(codes.filter((c) => c === 0)).toHaveLength(10);
      expect(codes.filter((c) => c === 1066)).toHaveLength(40);
      expect(await t.prisma.endUser.count({ where: { library: { spanId: span } } })).toBe(10);
    });
  });
});
