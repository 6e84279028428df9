import { randomNonce } from './support/http-client';
import { signedHeaders } from '../src/signing/sign';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { runBuilt } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'admin-pass-2026';

describe('administrators: permissions, target ranks, users, groups, apps, audit', () => {
  let t: TestApp;
  let admin: { id: string; headers: Record<string, string> };
  let member: { id: string; headers: Record<string, string> };

  async function account(group: string): Promise<{ id: string; username: string; headers: Record<string, string> }> {
    const user = await insertUser(t.prisma, { password: PASSWORD, group });
    return { id: user.id, username: user.username, headers: await loginAs(t.http, user.username, PASSWORD) };
  }
  const auditRows = (action: string, targetId: string) => t.prisma.auditEntry.count({ where: { action, targetId } });

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4' } });
    admin = await account('admin');
    member = await account('member');
  });
  afterAll(() => t.close());

  describe('permission gates (1042)', () => {
    const routes: [string, string, string, unknown][] = [
      ['user.manage', 'GET', '/api/v1/admin/users', undefined],
      ['user.manage', 'PATCH', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { status: 'LOCKED' }],
      ['points.manage', 'POST', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/points', { delta: 1, reason: 'x' }],
      ['points.manage', 'POST', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/balance', { delta: 1, reason: 'x' }],
      ['group.manage', 'GET', '/api/v1/admin/groups', undefined],
      ['group.manage', 'POST', '/api/v1/admin/groups', { name: 'zz', rank: 1, permissions: [] }],
      ['group.manage', 'PATCH', '/api/v1/admin/groups/vip', { rank: 21 }],
      ['app.manage', 'GET', '/api/v1/admin/apps', undefined],
      ['app.manage', 'POST', '/api/v1/admin/apps', { name: 'x' }],
      ['app.manage', 'PATCH', '/api/v1/admin/apps/web', { name: 'Web' }],
      ['app.manage', 'POST', '/api/v1/admin/apps/nope/key', undefined],
      ['audit.read', 'GET', '/api/v1/admin/audit', undefined],
    ];
    it.each(routes)('%s: %s %s refuses a member and lets an admin through', async (_, method, path, body) => {
      const refused = await t.http.request(method, path, { headers: member.headers, body });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe(1042);
      const allowed = await t.http.request(method, path, { headers: admin.headers, body });
      expect(allowed.body.code).not.toBe(1042);
      expect([0, 1053, 1013]).toContain(allowed.body.code);
    });

    it('needs a session first (1030)', async () => {
      expect((await t.http.get('/api/v1/admin/users', { headers: WEB })).body.code).toBe(1030);
    });

    it('follows a group edit at once: a permission granted to members opens the gate', async () => {
      const moderator = await account('moderator');
      expect((await t.http.get('/api/v1/admin/audit', { headers: moderator.headers })).body.code).toBe(1042);
      const groups = (await t.http.get('/api/v1/admin/groups', { headers: admin.headers })).body.data;
      const permissions = groups.find((g: { name: string }) => g.name === 'moderator').permissions;
      await t.http.patch('/api/v1/admin/groups/moderator', { permissions: [...permissions, 'audit.read'] }, { headers: admin.headers });
      expect((await t.http.get('/api/v1/admin/audit', { headers: moderator.headers })).body.code).toBe(0);
      await t.http.patch('/api/v1/admin/groups/moderator', { permissions }, { headers: admin.headers });
      expect((await t.http.get('/api/v1/admin/audit', { headers: moderator.headers })).body.code).toBe(1042);
      expect(await t.prisma.auditEntry.count({ where: { action: 'group.update', targetId: 'moderator' } })).toBe(2);
    });
  });

  describe('target rules (1054)', () => {
    it('refuses acting on a user of equal or higher rank, and giving a group of one’s own rank', async () => {
      const other = await account('admin');
      const peer = await t.http.patch(`/api/v1/admin/users/${other.id}`, { status: 'LOCKED' }, { headers: admin.headers });
      expect(peer.status).toBe(403);
      expect(peer.body.code).toBe(1054);
      expect((await t.http.patch(`/api/v1/admin/users/${admin.id}`, { status: 'LOCKED' }, { headers: admin.headers })).body.code).toBe(1054);
      const target = await account('member');
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'admin' }, { headers: admin.headers })).body.code).toBe(1054);
      expect((await t.http.post(`/api/v1/admin/users/${other.id}/points`, { delta: 5, reason: 'x' }, { headers: admin.headers })).body.code).toBe(1054);

      // A custom group of rank 50 with user.manage manages moderators (40) but not admins (100).
      await t.http.post('/api/v1/admin/groups', { name: 'staff', rank: 50, permissions: ['user.manage'] }, { headers: admin.headers });
      const staff = await account('staff');
      const moderator = await account('moderator');
      expect((await t.http.patch(`/api/v1/admin/users/${moderator.id}`, { group: 'vip' }, { headers: staff.headers })).body.code).toBe(0);
      expect((await t.http.patch(`/api/v1/admin/users/${other.id}`, { status: 'BANNED' }, { headers: staff.headers })).body.code).toBe(1054);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('ACTIVE');
    });
  });

  describe('users', () => {
    it('bans a user: their live session is refused on its next request, and it is audited', async () => {
      const target = await account('member');
      expect((await t.http.get('/api/v1/users/me', { headers: target.headers })).body.code).toBe(0);
      const banned = await t.http.patch(`/api/v1/admin/users/${target.id}`, { status: 'BANNED' }, { headers: admin.headers });
      expect(banned.body.data).toMatchObject({ uuid: target.id, status: 'BANNED' });
      const next = await t.http.get('/api/v1/users/me', { headers: target.headers });
      expect(next.body.code).not.toBe(0);
      expect([1031, 1036]).toContain(next.body.code);
      expect(await t.prisma.session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
      expect((await t.http.post('/api/v1/auth/login', { account: target.username, password: PASSWORD }, { headers: WEB })).body).toMatchObject({ code: 1032, data: { status: 'BANNED' } });
      const row = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'user.update', targetId: target.id } });
      expect(row).toMatchObject({ actorId: admin.id, details: { status: { from: 'ACTIVE', to: 'BANNED' } } });
    });

    it('locks a user: the session answers 1036 at once; a group move shows in their profile', async () => {
      const target = await account('member');
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'vip' }, { headers: admin.headers })).body.data.group).toBe('vip');
      expect((await t.http.get('/api/v1/users/me', { headers: target.headers })).body.data.group).toBe('vip');
      await t.http.patch(`/api/v1/admin/users/${target.id}`, { status: 'LOCKED' }, { headers: admin.headers });
      const locked = await t.http.get('/api/v1/users/me', { headers: target.headers });
      expect(locked.body).toMatchObject({ code: 1036, data: { status: 'LOCKED' } });
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { status: 'DELETED' }, { headers: admin.headers })).body.code).toBe(1043);
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'nope' }, { headers: admin.headers })).body.code).toBe(1043);
      expect((await t.http.patch('/api/v1/admin/users/not-a-uuid', { status: 'ACTIVE' }, { headers: admin.headers })).body.code).toBe(1053);
    });

    it('lists and searches users with paging and conditions (1045 when invalid)', async () => {
      const { username } = await t.prisma.user.findUniqueOrThrow({ where: { id: member.id } });
      const found = await t.http.get(`/api/v1/admin/users?condition=${encodeURIComponent(`q:${username.toUpperCase()}`)}`, { headers: admin.headers });
      expect(found.body.data.map((u: { uuid: string }) => u.uuid)).toEqual([member.id]);
      const admins = await t.http.get('/api/v1/admin/users?condition=group:admin;status:ACTIVE&pageSize=100', { headers: admin.headers });
      expect(admins.body.data.length).toBeGreaterThanOrEqual(1);
      expect(admins.body.data.every((u: { group: string }) => u.group === 'admin')).toBe(true);
      const pageOne = await t.http.get('/api/v1/admin/users?pageSize=2&page=1', { headers: admin.headers });
      const pageTwo = await t.http.get('/api/v1/admin/users?pageSize=2&page=2', { headers: admin.headers });
      expect(pageOne.body.data).toHaveLength(2);
      expect(pageTwo.body.data[0].uuid).not.toBe(pageOne.body.data[0].uuid);
      for (const bad of ['nope:1', 'status:GONE', 'since:yesterday', 'status:ACTIVE;status:BANNED']) {
        const response = await t.http.get(`/api/v1/admin/users?condition=${encodeURIComponent(bad)}`, { headers: admin.headers });
        expect(response.status).toBe(400);
        expect(response.body.code).toBe(1045);
      }
      expect((await t.http.get('/api/v1/admin/users?page=0', { headers: admin.headers })).body.code).toBe(1045);
    });

    it('adjusts points and balance through the ledgers, with the reason, audited', async () => {
      const target = await account('member');
      const added = await t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: 50, reason: 'welcome gift' }, { headers: admin.headers });
      expect(added.body.data).toMatchObject({ delta: 50, balanceAfter: 50, kind: 'ADMIN', reason: 'welcome gift' });
      expect((await t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: -51, reason: 'too much' }, { headers: admin.headers })).body.code).toBe(1041);
      expect((await t.http.post(`/api/v1/admin/users/${target.id}/balance`, { delta: 1999, reason: 'refund' }, { headers: admin.headers })).body.data.balanceAfter).toBe(1999);
      expect((await t.http.post(`/api/v1/admin/users/${target.id}/balance`, { delta: 0, reason: 'x' }, { headers: admin.headers })).body.code).toBe(1043);
      expect((await t.http.get('/api/v1/points', { headers: target.headers })).body.data).toEqual({ points: 50, balanceCents: 1999 });
      expect(await auditRows('points.adjust', target.id)).toBe(1);
      expect(await auditRows('balance.adjust', target.id)).toBe(1);
    });
  });

  describe('apps', () => {
    it('creates an app (key shown once), lists without keys, rotates and disables it, all audited', async () => {
      const created = await t.http.post('/api/v1/admin/apps', { name: 'Mobile', scopes: ['auth', 'app'] }, { headers: admin.headers });
      const { appId, appKey } = created.body.data;
      expect(appKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const listed = await t.http.get('/api/v1/admin/apps', { headers: admin.headers });
      expect(listed.text).not.toContain(appKey);
      expect(listed.body.data.find((a: { appId: string }) => a.appId === appId)).toMatchObject({ name: 'Mobile', hasKey: true, status: 'ENABLED' });

      const signedMe = (key: string) => {
        const request = { method: 'GET', url: '/api/v1/apps/me', timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
        return t.http.get(request.url, { headers: signedHeaders({ id: appId, key }, request) });
      };
      expect((await signedMe(appKey)).body.code).toBe(0);
      const rotated = await t.http.post(`/api/v1/admin/apps/${appId}/key`, undefined, { headers: admin.headers });
      expect(rotated.body.data.appKey).not.toBe(appKey);
      expect((await signedMe(rotated.body.data.appKey)).body.code).toBe(0);
      expect((await signedMe(appKey)).body.code).toBe(0); // still inside the grace period

      expect((await t.http.patch(`/api/v1/admin/apps/${appId}`, { status: 'DISABLED' }, { headers: admin.headers })).body.data.status).toBe('DISABLED');
      expect((await signedMe(rotated.body.data.appKey)).body.code).toBe(1065);
      expect((await t.http.patch(`/api/v1/admin/apps/${appId}`, { scopes: ['Bad Scope'] }, { headers: admin.headers })).body.code).toBe(1043);
      expect((await t.http.post('/api/v1/admin/apps', {}, { headers: admin.headers })).body.code).toBe(1011);
      expect((await t.http.post('/api/v1/admin/apps', { name: '  ' }, { headers: admin.headers })).body.code).toBe(1011);

      for (const action of ['app.create', 'app.rotate-key', 'app.update']) expect(await auditRows(action, appId)).toBe(1);
      const audit = await t.prisma.auditEntry.findMany({ where: { targetId: appId } });
      const logged = JSON.stringify(audit, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
      expect(logged).toContain('Mobile');
      expect(logged).not.toContain(appKey);
      expect(logged).not.toContain(rotated.body.data.appKey);
    });
  });

  describe('audit log', () => {
    it('reads newest first with filters and paging', async () => {
      const rows = await t.http.get(`/api/v1/admin/audit?condition=${encodeURIComponent(`actor:${admin.id};action:user.update`)}&pageSize=100`, { headers: admin.headers });
      expect(rows.body.data.length).toBeGreaterThan(0);
      expect(rows.body.data.every((r: { action: string; actorId: string }) => r.action === 'user.update' && r.actorId === admin.id)).toBe(true);
      const ids = rows.body.data.map((r: { id: string }) => Number(r.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect((await t.http.get('/api/v1/admin/audit?condition=actor:me', { headers: admin.headers })).body.code).toBe(1045);
    });
  });

  describe('npm run admin:create', () => {
    const env = () => ({ DATABASE_URL: t.database.url, DATA_DIR: t.config.DATA_DIR, LOG_LEVEL: 'warn', BCRYPT_COST: '4' });

    it('creates an active administrator who can log in and administer at once', async () => {
      const cli = runBuilt('cli/admin-create.js', env(), ['--username', 'root_admin', '--email', 'Root@Example.com', '--password', 'a-long-root-pass']);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toMatch(/^uuid: [0-9a-f-]{36}$/m);
      expect(cli.output()).not.toContain('a-long-root-pass');
      const headers = await loginAs(t.http, 'root@example.com', 'a-long-root-pass');
      expect((await t.http.get('/api/v1/admin/users', { headers })).body.code).toBe(0);
      expect((await t.prisma.user.findFirstOrThrow({ where: { username: 'root_admin' } })).emailVerifiedAt).not.toBeNull();

      const again = runBuilt('cli/admin-create.js', env(), ['--username', 'root_admin', '--email', 'x@example.com', '--password', 'a-long-root-pass']);
      expect(await again.exited).toBe(1);
      expect(again.output()).toContain('1020');
    });

    it('generates and prints a password when there is no terminal to ask on', async () => {
      const cli = runBuilt('cli/admin-create.js', env(), ['--username', 'auto_admin', '--email', 'auto@example.com']);
      expect(await cli.exited).toBe(0);
      const password = /^password: (\S+)$/m.exec(cli.output())![1];
      expect((await t.http.post('/api/v1/auth/login', { account: 'auto_admin', password }, { headers: WEB })).body.code).toBe(0);
    });

    it('refuses a weak password with the catalogue code', async () => {
      const cli = runBuilt('cli/admin-create.js', env(), ['--username', 'weak_admin', '--email', 'weak@example.com', '--password', 'password']);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain('1028');
    });
  });
});
