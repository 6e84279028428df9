import { randomUUID } from 'node:crypto';

import { insertUser, loginAs } from './support/fixtures';
import { AppCredentials } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'app-settings-2026';

/** An app's scopes default to the smallest set, and its allowed domains are origins matched by scheme, host and port. */
describe('app settings: default scopes and allowed origins', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  const createApp = (body: Record<string, unknown>) => t.http.post('/api/v1/admin/apps', body, { headers: admin });
  const created = async (body: Record<string, unknown>): Promise<AppCredentials> => {
    const response = await createApp(body);
    expect(response.status).toBe(201);
    return { id: response.body.data.appId, key: response.body.data.appKey };
  };
  const stored = (appId: string) => t.prisma.app.findUniqueOrThrow({ where: { appId } });

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4' } });
    const user = await insertUser(t.prisma, { password: PASSWORD, group: 'admin' });
    admin = await loginAs(t.http, user.username, PASSWORD);
  });
  afterAll(() => t.close());

  describe('scopes', () => {
    it('gives an app created without scopes only `app`: it can check its signing and call nothing else (10000)', async () => {
      const app = await created({ name: 'Unscoped' });
      expect((await stored(app.id)).scopes).toEqual(['app']);
      const me = await t.http.signedAs(app).get('/api/v1/apps/me');
      expect(me.body.data.scopes).toEqual(['app']);

      // A well-formed session is sent so that the scope check is reached (it runs before the session's).
      const session = { authorization: `Bearer ${randomUUID()}.${'k'.repeat(43)}` };
      for (const [method, path] of [
        ['GET', '/api/v1/admin/apps'],
        ['GET', '/api/v1/users/me'],
        ['POST', '/api/v1/checkin'],
      ]) {
        const refused = await t.http.signedAs(app).request(method, path, { headers: session });
        expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 403, code: 10000 });
      }
      const login = await t.http.signedAs(app).post('/api/v1/auth/login', { account: 'someone', password: 'whatever-1' });
      expect(login.body.code).toBe(10000);

      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'app.create', targetId: app.id } });
      expect(audit.details).toMatchObject({ scopes: ['app'] });
    });

    it('grants what is asked for by name, `*` included', async () => {
      const app = await created({ name: 'Everything', scopes: ['*'] });
      expect((await stored(app.id)).scopes).toEqual(['*']);
    });
  });

  describe('allowed domains', () => {
    it('stores each as its origin: scheme, host and port, a bare host meaning https', async () => {
      const app = await created({
        name: 'Origins',
        allowedDomains: [
          'App.Example.com',
          'https://*.example.org:443/',
          'http://localhost:3000',
          'http://127.0.0.1:8080',
          'app.example.com',
        ],
      });
      expect((await stored(app.id)).allowedDomains).toEqual([
        'https://app.example.com',
        'https://*.example.org',
        'http://localhost:3000',
        'http://127.0.0.1:8080',
      ]);
    });

    it.each([
      ['*.com', /public suffix/],
      ['https://*.co.uk', /public suffix/],
      ['*.github.io', /public suffix/],
      ['https://*.localhost', /public suffix/],
      ['https://*', /host/],
      ['https://a.*.example.com', /host/],
      ['ftp://example.com', /http or https/],
      ['https://example.com/path', /no path/],
      ['https://user@example.com', /credentials/],
      ['https://*.127.0.0.1', /./],
      ['', /./],
    ])('refuses %p (1043), creating nothing', async (entry, reason) => {
      const before = await t.prisma.app.count();
      const response = await createApp({ name: 'Refused', allowedDomains: ['https://fine.example.com', entry] });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 1043 });
      expect(response.body.detail).toMatch(reason);
      expect(await t.prisma.app.count()).toBe(before);
    });

    it('refuses a bad one on an edit too, leaving the app as it was', async () => {
      const app = await created({ name: 'Edited', allowedDomains: ['https://app.example.com'] });
      const response = await t.http.patch(`/api/v1/admin/apps/${app.id}`, { allowedDomains: ['https://*.com'] }, { headers: admin });
      expect(response.body.code).toBe(1043);
      expect((await stored(app.id)).allowedDomains).toEqual(['https://app.example.com']);
      const edited = await t.http.patch(`/api/v1/admin/apps/${app.id}`, { allowedDomains: ['shop.example.com'] }, { headers: admin });
      expect(edited.body.data.allowedDomains).toEqual(['https://shop.example.com']);
    });

    it('lets a browser origin in only when scheme, host and port all match (-1 otherwise)', async () => {
      const app = await created({
        name: 'Browser',
        allowedDomains: ['https://app.example.com', 'http://localhost:3000', 'https://*.example.org'],
      });
      const from = async (header: 'origin' | 'referer', value: string) =>
        (await t.http.signedAs(app).get('/api/v1/apps/me', { headers: { [header]: value } })).body.code;
      const cases: [string, 'origin' | 'referer', string, number][] = [
        ['the origin itself', 'origin', 'https://app.example.com', 0],
        ['its default port spelt out', 'origin', 'https://app.example.com:443', 0],
        ['another scheme', 'origin', 'http://app.example.com', -1],
        ['another port', 'origin', 'https://app.example.com:8443', -1],
        ['a local origin', 'origin', 'http://localhost:3000', 0],
        ['its neighbour port', 'origin', 'http://localhost:3001', -1],
        ['its https twin', 'origin', 'https://localhost:3000', -1],
        ['a page under a wildcard', 'referer', 'https://shop.example.org/cart?item=1', 0],
        ['a deeper subdomain', 'origin', 'https://a.b.example.org', 0],
        ['the wildcard domain itself', 'origin', 'https://example.org', -1],
        ['a look-alike', 'origin', 'https://evil-example.org', -1],
        ['a look-alike suffix', 'origin', 'https://example.org.evil.example', -1],
        ['an opaque origin', 'origin', 'null', -1],
      ];
      const answers = [];
      for (const [what, header, value] of cases) answers.push([what, await from(header, value)]);
      expect(answers).toEqual(cases.map(([what, , , code]) => [what, code]));
    });

    it("lets a browser page on PUBLIC_URL use the seeded web app, whatever web's domains say", async () => {
      const fromWeb = async (origin: string) =>
        (await t.http.get('/api/v1/tutorials', { headers: { 'x-app-id': 'web', origin } })).body.code;
      const publicOrigin = new URL(t.config.PUBLIC_URL).origin;
      expect((await stored('web')).allowedDomains).toEqual([]);
      expect(await fromWeb(publicOrigin)).toBe(0);
      expect(await fromWeb('https://elsewhere.example')).toBe(-1);
      await t.http.patch('/api/v1/admin/apps/web', { allowedDomains: ['https://www.example.com'] }, { headers: admin });
      try {
        expect(await fromWeb('https://www.example.com')).toBe(0);
        expect(await fromWeb(publicOrigin)).toBe(0);
      } finally {
        await t.http.patch('/api/v1/admin/apps/web', { allowedDomains: [] }, { headers: admin });
      }
      // Only web: another public origin stays the business of each app's own domains.
      const other = await created({ name: 'Not web' });
      expect((await t.http.signedAs(other).get('/api/v1/apps/me', { headers: { origin: publicOrigin } })).body.code).toBe(-1);
    });

    it('lets nothing in through a wildcard over a public suffix stored before they were refused', async () => {
      const app = await created({ name: 'Old wildcard' });
      await t.prisma.app.update({ where: { appId: app.id }, data: { allowedDomains: ['https://*.com', 'https://app.example.com'] } });
      await t.http.patch(`/api/v1/admin/apps/${app.id}`, { name: 'Old wildcard' }, { headers: admin }); // drops the cached app
      const from = async (origin: string) => (await t.http.signedAs(app).get('/api/v1/apps/me', { headers: { origin } })).body.code;
      expect(await from('https://anyone.com')).toBe(-1);
      expect(await from('https://app.example.com')).toBe(0);
    });
  });
});
