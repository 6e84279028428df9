import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PRIVILEGED_PERMISSIONS } from '../src/groups/permissions';
import { AppsService } from '../src/signing/apps.service';
import { signedHeaders } from '../src/signing/sign';
import { refuseAuditRowsAbout } from './support/audit-fault';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { randomNonce, TestResponse } from './support/http-client';
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
  const codes = (responses: TestResponse[]): number[] => responses.map((r) => r.body.code);
  const group = (name: string) => t.prisma.group.findUnique({ where: { name } });
  let refuseAuditAbout: (targetId: string) => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4' } });
    admin = await account('admin');
    member = await account('member');
    refuseAuditAbout = await refuseAuditRowsAbout(t.prisma);
  });
  afterAll(() => t.close());

  describe('permission gates (1042)', () => {
    // The last column is what the admin gets past the gate: the route's own answer to the request.
    const routes: [string, string, string, unknown, number][] = [
      ['user.manage', 'GET', '/api/v1/admin/users', undefined, 0],
      ['user.manage', 'PATCH', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { status: 'LOCKED' }, 1053],
      ['points.manage', 'POST', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/points', { delta: 1, reason: 'x' }, 1053],
      ['points.manage', 'POST', '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/balance', { delta: 1, reason: 'x' }, 1053],
      ['group.manage', 'GET', '/api/v1/admin/groups', undefined, 0],
      ['group.manage', 'POST', '/api/v1/admin/groups', { name: 'zz', rank: 1, permissions: [] }, 0],
      ['group.manage', 'PATCH', '/api/v1/admin/groups/vip', { rank: 21 }, 0],
      ['app.manage', 'GET', '/api/v1/admin/apps', undefined, 0],
      ['app.manage', 'POST', '/api/v1/admin/apps', { name: 'x' }, 0],
      ['app.manage', 'PATCH', '/api/v1/admin/apps/web', { name: 'Web' }, 0],
      ['app.manage', 'POST', '/api/v1/admin/apps/nope/key', undefined, 1013],
      ['audit.read', 'GET', '/api/v1/admin/audit', undefined, 0],
    ];
    it.each(routes)('%s: %s %s refuses a member and lets an admin through', async (_, method, path, body, answer) => {
      const refused = await t.http.request(method, path, { headers: member.headers, body });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe(1042);
      const allowed = await t.http.request(method, path, { headers: admin.headers, body });
      expect(allowed.body.code).toBe(answer);
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
      expect((await t.http.patch(`/api/v1/admin/users/${admin.id}`, { status: 'LOCKED' }, { headers: admin.headers })).body.code).toBe(
        1054,
      );
      const target = await account('member');
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'admin' }, { headers: admin.headers })).body.code).toBe(1054);
      expect(
        (await t.http.post(`/api/v1/admin/users/${other.id}/points`, { delta: 5, reason: 'x' }, { headers: admin.headers })).body.code,
      ).toBe(1054);

      // A custom group of rank 50 with user.manage manages moderators (40) but not admins (100).
      await t.http.post('/api/v1/admin/groups', { name: 'staff', rank: 50, permissions: ['user.manage'] }, { headers: admin.headers });
      const staff = await account('staff');
      const moderator = await account('moderator');
      expect((await t.http.patch(`/api/v1/admin/users/${moderator.id}`, { group: 'vip' }, { headers: staff.headers })).body.code).toBe(0);
      expect((await t.http.patch(`/api/v1/admin/users/${other.id}`, { status: 'BANNED' }, { headers: staff.headers })).body.code).toBe(
        1054,
      );
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('ACTIVE');
    });
  });

  describe('group.manage within its own rank', () => {
    // A manager of rank 50 holding group.manage among a few permissions, below the admins (100).
    const MANAGER_PERMISSIONS = ['message.receive', 'message.send', 'group.manage', 'user.manage'];
    let manager: { id: string; headers: Record<string, string> };
    const asManager = (method: string, path: string, body?: unknown) =>
      t.http.request(method, `/api/v1/admin/groups${path}`, { headers: manager.headers, body });
    const asAdmin = (method: string, path: string, body?: unknown) =>
      t.http.request(method, `/api/v1/admin/groups${path}`, { headers: admin.headers, body });
    const defaultGroup = async () => (await t.prisma.group.findFirstOrThrow({ where: { isDefault: true } })).name;

    beforeAll(async () => {
      expect((await asAdmin('POST', '', { name: 'managers', rank: 50, permissions: MANAGER_PERMISSIONS })).body.code).toBe(0);
      manager = await account('managers');
    });

    it('cannot raise its own group, in rank or in permissions (1054): it is not below itself', async () => {
      const before = await group('managers');
      for (const refused of [
        await asManager('PATCH', '/managers', { rank: 100 }),
        await asManager('PATCH', '/managers', { permissions: [...MANAGER_PERMISSIONS, 'audit.read', 'app.manage'] }),
        await asManager('PATCH', '/managers', { rank: 40 }),
      ]) {
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe(1054);
      }
      expect(await group('managers')).toEqual(before);
      expect(await t.prisma.auditEntry.count({ where: { action: 'group.update', actorId: manager.id } })).toBe(0);
    });

    it('creates a group only below its rank (1054), holding only permissions it holds (1042)', async () => {
      expect(
        codes([
          await asManager('POST', '', { name: 'overlords', rank: 60, permissions: [] }),
          await asManager('POST', '', { name: 'peers', rank: 50, permissions: [] }),
          await asManager('POST', '', { name: 'auditors', rank: 30, permissions: ['audit.read'] }),
          await asManager('POST', '', { name: 'auditors', rank: 30, permissions: ['message.receive', 'app.manage'] }),
        ]),
      ).toEqual([1054, 1054, 1042, 1042]);
      expect(await t.prisma.group.count({ where: { name: { in: ['overlords', 'peers', 'auditors'] } } })).toBe(0);

      const created = await asManager('POST', '', { name: 'helpers', rank: 45, permissions: ['message.receive', 'user.manage'] });
      expect(created.body.data).toMatchObject({
        name: 'helpers',
        rank: 45,
        permissions: ['message.receive', 'user.manage'],
        isDefault: false,
      });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'group.create', targetId: 'helpers' } });
      expect(audit).toMatchObject({ actorId: manager.id, details: { rank: 45, permissions: ['message.receive', 'user.manage'] } });
    });

    it('edits only groups below it, keeps them below it, and grants nothing it lacks', async () => {
      const [adminGroup, moderatorGroup] = [await group('admin'), await group('moderator')];
      const refused = [
        await asManager('PATCH', '/admin', { permissions: [] }),
        await asManager('PATCH', '/helpers', { rank: 50 }),
        await asManager('PATCH', '/helpers', { rank: 1000 }),
        await asManager('PATCH', '/helpers', { permissions: ['message.receive', 'audit.read'] }),
        // The moderators hold tutorial.publish and report.review, which managers do not: a change would hand them on.
        await asManager('PATCH', '/moderator', { rank: 41 }),
      ];
      expect(codes(refused)).toEqual([1054, 1054, 1054, 1042, 1042]);
      expect(await group('admin')).toEqual(adminGroup);
      expect(await group('moderator')).toEqual(moderatorGroup);
      expect((await group('helpers'))!.rank).toBe(45);

      const edited = await asManager('PATCH', '/helpers', { rank: 49, permissions: ['message.receive'] });
      expect(edited.body.data).toMatchObject({ rank: 49, permissions: ['message.receive'] });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'group.update', targetId: 'helpers' } });
      expect(audit).toMatchObject({
        actorId: manager.id,
        details: { rank: { from: 45, to: 49 }, permissions: { from: ['message.receive', 'user.manage'], to: ['message.receive'] } },
      });
    });

    it('makes the default only a group below it that holds nothing it lacks, and only when the old default is below it too', async () => {
      expect(await defaultGroup()).toBe('member');
      expect(
        codes([
          await asManager('PATCH', '/admin', { isDefault: true }),
          await asManager('PATCH', '/managers', { isDefault: true }),
          await asManager('PATCH', '/moderator', { isDefault: true }),
        ]),
      ).toEqual([1054, 1054, 1042]);
      expect(await defaultGroup()).toBe('member');

      expect((await asManager('PATCH', '/helpers', { isDefault: true })).body.data.isDefault).toBe(true);
      expect(await defaultGroup()).toBe('helpers');
      const moved = await t.prisma.auditEntry.findFirstOrThrow({
        where: { action: 'group.update', targetId: 'helpers' },
        orderBy: { id: 'desc' },
      });
      expect(moved.details).toEqual({ isDefault: { from: false, to: true }, previousDefault: 'member' });
      // The members hold file.upload and tutorial.write, which managers do not: only an administrator moves the mark back.
      expect((await asManager('PATCH', '/member', { isDefault: true })).body.code).toBe(1042);
      expect((await asAdmin('PATCH', '/member', { isDefault: true })).body.code).toBe(0);

      // An administrator's choice of a default above the manager is theirs to undo, not the manager's.
      await asAdmin('POST', '', { name: 'founders', rank: 60, permissions: [] });
      expect((await asAdmin('PATCH', '/founders', { isDefault: true })).body.code).toBe(0);
      expect((await asManager('PATCH', '/helpers', { isDefault: true })).body.code).toBe(1054);
      expect(await defaultGroup()).toBe('founders');
      expect((await asAdmin('PATCH', '/member', { isDefault: true })).body.code).toBe(0);
      expect(await defaultGroup()).toBe('member');
    });

    it('deletes only an empty group below it, never the default one', async () => {
      expect((await asManager('POST', '', { name: 'spare', rank: 5, permissions: [] })).body.code).toBe(0);
      const inUse = await insertUser(t.prisma, { group: 'helpers' });
      expect(
        codes([
          await asManager('DELETE', '/admin'),
          await asManager('DELETE', '/founders'),
          await asManager('DELETE', '/member'),
          await asManager('DELETE', '/helpers'),
          await asManager('DELETE', '/nobody'),
        ]),
      ).toEqual([1054, 1054, 1043, 1043, 1043]);
      expect(await t.prisma.group.count({ where: { name: { in: ['admin', 'founders', 'member', 'helpers'] } } })).toBe(4);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: inUse.id }, include: { group: true } })).group.name).toBe('helpers');

      const deleted = await asManager('DELETE', '/spare');
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ code: 0, data: null });
      expect(await group('spare')).toBeNull();
      expect(await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'group.delete', targetId: 'spare' } })).toMatchObject({
        actorId: manager.id,
        details: { rank: 5 },
      });
    });

    it('still cannot ban an administrator after all of it (1054)', async () => {
      const banned = await t.http.patch(`/api/v1/admin/users/${admin.id}`, { status: 'BANNED' }, { headers: manager.headers });
      expect(banned.body.code).toBe(1054);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).status).toBe('ACTIVE');
      expect((await t.http.get('/api/v1/admin/users', { headers: admin.headers })).body.code).toBe(0);
    });

    it('takes group edits in turn: once a group is raised out of reach, no edit of the manager lands on it', async () => {
      for (let round = 0; round < 3; round++) {
        const name = `contested${round}`;
        expect((await asAdmin('POST', '', { name, rank: 10, permissions: [] })).body.code).toBe(0);
        const [raised, ...edits] = await Promise.all([
          asAdmin('PATCH', `/${name}`, { rank: 90, permissions: ['audit.read'] }),
          ...Array.from({ length: 12 }, (_, i) => asManager('PATCH', `/${name}`, { rank: 11 + i })),
        ]);
        expect(raised.body.code).toBe(0);
        const outcome = codes(edits);
        expect(outcome.every((code) => code === 0 || code === 1054)).toBe(true);
        expect(await group(name)).toMatchObject({ rank: 90, permissions: ['audit.read'] });
        const rows = await t.prisma.auditEntry.findMany({ where: { action: 'group.update', targetId: name }, orderBy: { id: 'asc' } });
        const raisedAt = rows.findIndex((row) => row.actorId === admin.id);
        expect(rows.slice(raisedAt + 1)).toEqual([]);
        expect(rows.filter((row) => row.actorId === manager.id)).toHaveLength(outcome.filter((code) => code === 0).length);
      }
    });

    it('changes a user only while they rank below it: a move or a group raise out of reach is never overtaken by a change racing it', async () => {
      expect((await asAdmin('POST', '', { name: 'overseers', rank: 60, permissions: [] })).body.code).toBe(0);
      for (let round = 0; round < 4; round++) {
        const climbers = `climbers${round}`;
        expect((await asAdmin('POST', '', { name: climbers, rank: 20, permissions: [] })).body.code).toBe(0);
        const target = await insertUser(t.prisma, { group: climbers });
        // Half the rounds move the user above the manager, half raise the user's group there.
        const outOfReach = () =>
          round % 2 === 0
            ? t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'overseers' }, { headers: admin.headers })
            : asAdmin('PATCH', `/${climbers}`, { rank: 60 });
        const [moved, ...changes] = await Promise.all([
          new Promise((resolve) => setTimeout(resolve, 3)).then(outOfReach),
          ...Array.from({ length: 12 }, (_, i) =>
            t.http.patch(`/api/v1/admin/users/${target.id}`, { status: i % 2 ? 'ACTIVE' : 'LOCKED' }, { headers: manager.headers }),
          ),
        ]);
        expect(moved.body.code).toBe(0);
        const outcome = codes(changes);
        expect(outcome.every((code) => code === 0 || code === 1054)).toBe(true);
        const rows = await t.prisma.auditEntry.findMany({
          where: {
            OR: [
              { action: 'user.update', targetId: target.id },
              { action: 'group.update', targetId: climbers },
            ],
          },
          orderBy: { id: 'asc' },
        });
        const outAt = rows.findIndex((row) => row.actorId === admin.id);
        expect(rows.slice(outAt + 1)).toEqual([]);
        expect(rows.filter((row) => row.actorId === manager.id)).toHaveLength(outcome.filter((code) => code === 0).length);
      }
    });

    it('moves the default mark once per edit however many race: one default group remains, no edit fails', async () => {
      const names = Array.from({ length: 6 }, (_, i) => `candidate${i}`);
      for (const name of names) expect((await asAdmin('POST', '', { name, rank: 5, permissions: [] })).body.code).toBe(0);
      const moves = await Promise.all([...names, ...names].map((name) => asAdmin('PATCH', `/${name}`, { isDefault: true })));
      expect(codes(moves)).toEqual(moves.map(() => 0));
      expect(await t.prisma.group.count({ where: { isDefault: true } })).toBe(1);
      expect((await asAdmin('PATCH', '/member', { isDefault: true })).body.code).toBe(0);
      expect(await defaultGroup()).toBe('member');
    });

    it('keeps moderation and management out of the default group, which every new user joins (1043)', async () => {
      // One rank below the manager, holding only what the manager may hand on: then the default mark.
      expect(
        (await asManager('POST', '', { name: 'openhouse', rank: 49, permissions: ['message.receive', 'user.manage'] })).body.code,
      ).toBe(0);
      const [memberGroup, openhouse] = [await group('member'), await group('openhouse')];
      const edits = await t.prisma.auditEntry.count({ where: { action: 'group.update' } });
      expect(
        codes([
          await asManager('PATCH', '/openhouse', { isDefault: true }),
          await asAdmin('PATCH', '/openhouse', { isDefault: true }),
          await asAdmin('PATCH', '/moderator', { isDefault: true }),
          ...(await Promise.all(
            PRIVILEGED_PERMISSIONS.map((permission) =>
              asAdmin('PATCH', '/member', { permissions: [...memberGroup!.permissions, permission] }),
            ),
          )),
        ]),
      ).toEqual([1043, 1043, 1043, ...PRIVILEGED_PERMISSIONS.map(() => 1043)]);
      expect(await group('member')).toEqual(memberGroup);
      expect(await group('openhouse')).toEqual(openhouse);
      expect(await t.prisma.auditEntry.count({ where: { action: 'group.update' } })).toBe(edits);

      // Without them it may be the default; and what the default may hold it may still be given.
      expect((await asManager('PATCH', '/openhouse', { permissions: ['message.receive'], isDefault: true })).body.code).toBe(0);
      expect((await asManager('PATCH', '/openhouse', { permissions: ['message.receive', 'message.send'] })).body.code).toBe(0);
      expect((await asManager('PATCH', '/openhouse', { permissions: ['message.receive', 'user.manage'] })).body.code).toBe(1043);
      expect((await asAdmin('PATCH', '/member', { isDefault: true })).body.code).toBe(0);
      expect(await defaultGroup()).toBe('member');
    });

    it('commits each group edit with its audit row: when the row cannot be written, the edit did not happen', async () => {
      await refuseAuditAbout('doomed');
      const created = await asAdmin('POST', '', { name: 'doomed', rank: 5, permissions: [] });
      expect(created.status).toBe(500);
      expect(created.body.code).toBe(1018);
      expect(await group('doomed')).toBeNull();

      expect((await asAdmin('POST', '', { name: 'fated', rank: 5, permissions: [] })).body.code).toBe(0);
      await refuseAuditAbout('fated');
      expect(codes([await asAdmin('PATCH', '/fated', { rank: 6, isDefault: true }), await asAdmin('DELETE', '/fated')])).toEqual([
        1018, 1018,
      ]);
      expect(await group('fated')).toMatchObject({ rank: 5, isDefault: false });
      expect(await defaultGroup()).toBe('member');
    });
  });

  describe('users', () => {
    it('bans a user: their live session is refused on its next request, and it is audited', async () => {
      const target = await account('member');
      expect((await t.http.get('/api/v1/users/me', { headers: target.headers })).body.code).toBe(0);
      const banned = await t.http.patch(`/api/v1/admin/users/${target.id}`, { status: 'BANNED' }, { headers: admin.headers });
      expect(banned.body.data).toMatchObject({ uuid: target.id, status: 'BANNED' });
      const next = await t.http.get('/api/v1/users/me', { headers: target.headers });
      expect(next.status).toBe(401);
      expect(next.body.code).toBe(1031);
      expect(await t.prisma.session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
      expect(
        (await t.http.post('/api/v1/auth/login', { account: target.username, password: PASSWORD }, { headers: WEB })).body,
      ).toMatchObject({ code: 1032, data: { status: 'BANNED' } });
      const row = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'user.update', targetId: target.id } });
      expect(row).toMatchObject({ actorId: admin.id, details: { status: { from: 'ACTIVE', to: 'BANNED' } } });
    });

    it('locks a user: the session answers 1036 at once; a group move shows in their profile', async () => {
      const target = await account('member');
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'vip' }, { headers: admin.headers })).body.data.group).toBe(
        'vip',
      );
      expect((await t.http.get('/api/v1/users/me', { headers: target.headers })).body.data.group).toBe('vip');
      await t.http.patch(`/api/v1/admin/users/${target.id}`, { status: 'LOCKED' }, { headers: admin.headers });
      const locked = await t.http.get('/api/v1/users/me', { headers: target.headers });
      expect(locked.body).toMatchObject({ code: 1036, data: { status: 'LOCKED' } });
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { status: 'DELETED' }, { headers: admin.headers })).body.code).toBe(
        1043,
      );
      expect((await t.http.patch(`/api/v1/admin/users/${target.id}`, { group: 'nope' }, { headers: admin.headers })).body.code).toBe(1043);
      expect((await t.http.patch('/api/v1/admin/users/not-a-uuid', { status: 'ACTIVE' }, { headers: admin.headers })).body.code).toBe(1053);
    });

    it('moves a status from the one it finds, however many changes race: the audit rows chain, the row ends as the last left it', async () => {
      const target = await account('member');
      const wanted = Array.from({ length: 12 }, (_, i) => ['LOCKED', 'ACTIVE', 'BANNED'][i % 3]);
      const responses = await Promise.all(
        wanted.map((status) => t.http.patch(`/api/v1/admin/users/${target.id}`, { status }, { headers: admin.headers })),
      );
      expect(codes(responses)).toEqual(wanted.map(() => 0));
      const rows = await t.prisma.auditEntry.findMany({ where: { action: 'user.update', targetId: target.id }, orderBy: { id: 'asc' } });
      const moves = rows.map((row) => (row.details as { status: { from: string; to: string } }).status);
      expect(moves.map((move) => move.to).sort()).toEqual([...wanted].sort());
      expect(moves[0].from).toBe('ACTIVE');
      moves.slice(1).forEach((move, i) => expect(move.from).toBe(moves[i].to));
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe(moves[moves.length - 1].to);
      // A ban among them ended the session; nothing after it brought one back.
      expect(await t.prisma.session.count({ where: { userId: target.id, revokedAt: null } })).toBe(0);
    });

    it('lists and searches users with paging and conditions (1045 when invalid)', async () => {
      const { username } = await t.prisma.user.findUniqueOrThrow({ where: { id: member.id } });
      const found = await t.http.get(`/api/v1/admin/users?condition=${encodeURIComponent(`q:${username.toUpperCase()}`)}`, {
        headers: admin.headers,
      });
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

    it('searches % and _ literally, as written, not as wildcards', async () => {
      const percent = await insertUser(t.prisma);
      const underscore = await insertUser(t.prisma);
      const backslash = await insertUser(t.prisma);
      await t.prisma.user.update({ where: { id: percent.id }, data: { nickname: '100% sure' } });
      await t.prisma.user.update({ where: { id: underscore.id }, data: { nickname: 'snake_case' } });
      await t.prisma.user.update({ where: { id: backslash.id }, data: { nickname: 'back\\slash' } });
      const search = async (q: string): Promise<{ uuid: string; username: string; email: string; nickname: string }[]> =>
        (await t.http.get(`/api/v1/admin/users?pageSize=100&condition=${encodeURIComponent(`q:${q}`)}`, { headers: admin.headers })).body
          .data;

      expect((await search('%')).map((u) => u.uuid)).toEqual([percent.id]);
      expect((await search('0% s')).map((u) => u.uuid)).toEqual([percent.id]);
      expect((await search('\\')).map((u) => u.uuid)).toEqual([backslash.id]);
      const underscores = await search('_');
      expect(underscores.map((u) => u.uuid)).toContain(underscore.id);
      expect(underscores.every((u) => `${u.username}${u.email}${u.nickname}`.includes('_'))).toBe(true);
      expect(underscores.length).toBeLessThan(await t.prisma.user.count());
    });

    it('adjusts points and balance through the ledgers, with the reason, audited', async () => {
      const target = await account('member');
      const added = await t.http.post(
        `/api/v1/admin/users/${target.id}/points`,
        { delta: 50, reason: 'welcome gift' },
        { headers: admin.headers },
      );
      expect(added.body.data).toMatchObject({ delta: 50, balanceAfter: 50, kind: 'ADMIN', reason: 'welcome gift' });
      expect(
        (await t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: -51, reason: 'too much' }, { headers: admin.headers })).body
          .code,
      ).toBe(1041);
      expect(
        (await t.http.post(`/api/v1/admin/users/${target.id}/balance`, { delta: 1999, reason: 'refund' }, { headers: admin.headers })).body
          .data.balanceAfter,
      ).toBe(1999);
      expect(
        (await t.http.post(`/api/v1/admin/users/${target.id}/balance`, { delta: 0, reason: 'x' }, { headers: admin.headers })).body.code,
      ).toBe(1043);
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
      expect(listed.body.data.find((a: { appId: string }) => a.appId === appId)).toMatchObject({
        name: 'Mobile',
        hasKey: true,
        status: 'ENABLED',
      });

      const signedMe = (key: string) => {
        const request = { method: 'GET', url: '/api/v1/apps/me', timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
        return t.http.get(request.url, { headers: signedHeaders({ id: appId, key }, request) });
      };
      expect((await signedMe(appKey)).body.code).toBe(0);
      const rotated = await t.http.post(`/api/v1/admin/apps/${appId}/key`, undefined, { headers: admin.headers });
      expect(rotated.body.data.appKey).not.toBe(appKey);
      expect((await signedMe(rotated.body.data.appKey)).body.code).toBe(0);
      expect((await signedMe(appKey)).body.code).toBe(0); // still inside the grace period

      expect((await t.http.patch(`/api/v1/admin/apps/${appId}`, { status: 'DISABLED' }, { headers: admin.headers })).body.data.status).toBe(
        'DISABLED',
      );
      expect((await signedMe(rotated.body.data.appKey)).body.code).toBe(1065);
      expect((await t.http.patch(`/api/v1/admin/apps/${appId}`, { scopes: ['Bad Scope'] }, { headers: admin.headers })).body.code).toBe(
        1043,
      );
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

  describe('apps: the public web app, and the reach of app.manage', () => {
    let appManager: { id: string; headers: Record<string, string> };
    const webRow = () => t.prisma.app.findUniqueOrThrow({ where: { appId: 'web' } });
    const appRow = (appId: string) => t.prisma.app.findUniqueOrThrow({ where: { appId } });
    const rotate = (appId: string, as: { headers: Record<string, string> }) =>
      t.http.post(`/api/v1/admin/apps/${appId}/key`, undefined, { headers: as.headers });
    const change = (appId: string, body: unknown, as: { headers: Record<string, string> }) =>
      t.http.patch(`/api/v1/admin/apps/${appId}`, body, { headers: as.headers });
    const register = async (body: unknown, as: { headers: Record<string, string> }): Promise<{ appId: string; appKey: string }> => {
      const created = await t.http.post('/api/v1/admin/apps', body, { headers: as.headers });
      expect(created.body.code).toBe(0);
      return created.body.data;
    };

    beforeAll(async () => {
      expect(
        (
          await t.http.post(
            '/api/v1/admin/groups',
            { name: 'app-managers', rank: 50, permissions: ['message.receive', 'app.manage'] },
            { headers: admin.headers },
          )
        ).body.code,
      ).toBe(0);
      appManager = await account('app-managers');
    });

    it('keeps the public web app keyless and enabled (1043), so browsers, administrators among them, keep working', async () => {
      const before = await webRow();
      const webAudit = () => t.prisma.auditEntry.count({ where: { targetType: 'app', targetId: 'web' } });
      const audited = await webAudit();
      const refused = [
        await rotate('web', admin),
        await change('web', { status: 'DISABLED' }, admin),
        await change('web', { status: 'CLOSED' }, admin),
        await change('web', { name: 'Web site', status: 'DISABLED' }, admin),
      ];
      for (const response of refused) {
        expect(response.status).toBe(400);
        expect(response.body.code).toBe(1043);
      }
      expect(await webRow()).toEqual(before);
      expect(before).toMatchObject({ keyCiphertext: null, status: 'ENABLED' });
      expect(await webAudit()).toBe(audited);
      expect((await t.http.get('/api/v1/admin/apps', { headers: admin.headers })).body.code).toBe(0);
      await loginAs(t.http, (await t.prisma.user.findUniqueOrThrow({ where: { id: member.id } })).username, PASSWORD);

      const renamed = await change('web', { name: 'Web site', status: 'ENABLED' }, admin);
      expect(renamed.body.data).toMatchObject({ appId: 'web', name: 'Web site', status: 'ENABLED', hasKey: false, createdBy: null });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({
        where: { action: 'app.update', targetId: 'web' },
        orderBy: { id: 'desc' },
      });
      expect(audit).toMatchObject({ actorId: admin.id, details: { name: { from: 'Web', to: 'Web site' } } });
      expect((await change('web', { name: 'Web' }, admin)).body.code).toBe(0);
    });

    it('has a way back from the command line when web was given settings that lock everyone out of it (npm run app:update)', async () => {
      const before = await webRow();
      // The API takes any scopes and domains: these leave no route, the admin API included, to browsers through web.
      expect((await change('web', { scopes: ['app'], allowedDomains: ['https://typo.example.com'] }, admin)).body.code).toBe(0);
      expect((await change('web', { scopes: ['*'] }, admin)).body.code).toBe(10000);
      expect((await t.http.get('/api/v1/users/me', { headers: member.headers })).body.code).toBe(10000);

      const env = {
        DATABASE_URL: t.database.url,
        DATA_DIR: t.config.DATA_DIR,
        LOG_LEVEL: 'warn',
        REDIS_KEY_PREFIX: t.config.REDIS_KEY_PREFIX,
        ...(t.config.REDIS_URL && { REDIS_URL: t.config.REDIS_URL }),
      };
      const cli = runBuilt('cli/app-update.js', env, [
        '--app',
        'web',
        '--scopes',
        before.scopes.join(','),
        '--domains',
        before.allowedDomains.join(','),
      ]);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain(`scopes: ${before.scopes.join(',')}\n`);
      expect(await webRow()).toMatchObject({ scopes: before.scopes, allowedDomains: before.allowedDomains });
      // The running server dropped its copy of web when the command changed it.
      expect((await t.http.get('/api/v1/users/me', { headers: member.headers })).body.code).toBe(0);
      expect((await change('web', { name: 'Web' }, admin)).body.code).toBe(0);
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'app.update', targetId: 'web', actorId: null } });
      expect(audit.details).toEqual({
        via: 'cli',
        scopes: { from: ['app'], to: before.scopes },
        allowedDomains: { from: ['https://typo.example.com'], to: before.allowedDomains },
      });

      // The command keeps the rules of the API: web stays enabled.
      const refused = runBuilt('cli/app-update.js', env, ['--app', 'web', '--status', 'DISABLED']);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain('1043');
      expect((await webRow()).status).toBe('ENABLED');
    });

    it('records an app’s creation with every setting, and who registered it', async () => {
      const settings = { name: 'Kiosk', scopes: ['auth', 'users'], allowedDomains: ['https://kiosk.example.com'], status: 'DISABLED' };
      const { appId } = await register(settings, admin);
      expect(await appRow(appId)).toMatchObject({ ...settings, createdById: admin.id });
      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'app.create', targetId: appId } });
      expect(audit).toMatchObject({ actorId: admin.id, targetType: 'app', details: settings });
      const listed = (await t.http.get('/api/v1/admin/apps', { headers: admin.headers })).body.data.find(
        (app: { appId: string }) => app.appId === appId,
      );
      expect(listed).toMatchObject({ createdBy: admin.id, status: 'DISABLED' });
    });

    it('lets app.manage change apps it registered or lower ranks did; peers’ and the operator’s stay out of reach (1054)', async () => {
      const adminApp = await register({ name: 'Admin tools', scopes: ['admin', 'app'] }, admin);
      const managerApp = await register({ name: 'Manager tools', scopes: ['auth'] }, appManager);
      const operatorApp = await t.app.get(AppsService).create({ name: 'From the command line', scopes: ['auth'] });
      const untouched = await Promise.all([adminApp.appId, operatorApp.appId, 'web'].map(appRow));

      const peer = await account('admin');
      const refused = [
        await rotate(adminApp.appId, appManager),
        await change(adminApp.appId, { status: 'CLOSED' }, appManager),
        await rotate(operatorApp.appId, appManager),
        await change(operatorApp.appId, { name: 'mine' }, appManager),
        await change('web', { name: 'mine' }, appManager),
        await rotate(adminApp.appId, peer),
      ];
      expect(codes(refused)).toEqual(refused.map(() => 1054));
      expect(await Promise.all([adminApp.appId, operatorApp.appId, 'web'].map(appRow))).toEqual(untouched);
      const signed = { method: 'GET', url: '/api/v1/apps/me', timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
      expect(
        (await t.http.get(signed.url, { headers: signedHeaders({ id: adminApp.appId, key: adminApp.appKey }, signed) })).body.code,
      ).toBe(0);
      expect(
        await t.prisma.auditEntry.count({
          where: { actorId: { in: [appManager.id, peer.id] }, action: { in: ['app.update', 'app.rotate-key'] } },
        }),
      ).toBe(0);

      expect(
        codes([
          await rotate(managerApp.appId, appManager),
          await change(managerApp.appId, { name: 'Manager tools 2' }, appManager),
          await rotate(managerApp.appId, admin),
          await change(operatorApp.appId, { status: 'DISABLED' }, admin),
          await rotate(adminApp.appId, admin),
        ]),
      ).toEqual([0, 0, 0, 0, 0]);
      expect(await appRow(operatorApp.appId)).toMatchObject({ status: 'DISABLED', createdById: null });
      expect(
        await t.prisma.auditEntry.count({ where: { targetId: managerApp.appId, action: { in: ['app.update', 'app.rotate-key'] } } }),
      ).toBe(3);
    });

    it('lets app.manage close only developer apps whose owner ranks below it (1054)', async () => {
      const developerApp = (ownerId: string) =>
        t.prisma.developerApp.create({
          data: {
            apiId: `dk${randomBytes(10).toString('hex')}`,
            ownerId,
            name: 'tool',
            keyCiphertext: new Uint8Array([1]),
            userCap: 1,
            expiresAt: new Date(Date.now() + 86_400_000),
          },
        });
      const developer = await insertUser(t.prisma, { group: 'developer' });
      const [ofAdmin, ofDeveloper] = [await developerApp(admin.id), await developerApp(developer.id)];
      const close = (apiId: string) =>
        t.http.patch(`/api/v1/admin/developer-apps/${apiId}`, { status: 'CLOSED' }, { headers: appManager.headers });

      expect((await close(ofAdmin.apiId)).body.code).toBe(1054);
      expect((await t.prisma.developerApp.findUniqueOrThrow({ where: { id: ofAdmin.id } })).status).toBe('ENABLED');
      expect(await auditRows('developer-app.update', ofAdmin.apiId)).toBe(0);

      expect((await close(ofDeveloper.apiId)).body.data).toMatchObject({ apiId: ofDeveloper.apiId, status: 'CLOSED' });
      expect(
        await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'developer-app.update', targetId: ofDeveloper.apiId } }),
      ).toMatchObject({ actorId: appManager.id });
    });

    it('commits each app change with its audit row: when the row cannot be written, the change did not happen', async () => {
      const { appId, appKey } = await register({ name: 'Fragile', scopes: ['app'] }, admin);
      await refuseAuditAbout(appId);
      const before = await appRow(appId);
      const attempts = [await change(appId, { name: 'Renamed', status: 'CLOSED' }, admin), await rotate(appId, admin)];
      expect(codes(attempts)).toEqual([1018, 1018]);
      expect(attempts.some((response) => response.text.includes('appKey'))).toBe(false);
      expect(await appRow(appId)).toEqual(before);
      const signed = { method: 'GET', url: '/api/v1/apps/me', timestamp: Math.floor(Date.now() / 1000), nonce: randomNonce() };
      expect((await t.http.get(signed.url, { headers: signedHeaders({ id: appId, key: appKey }, signed) })).body.data.name).toBe('Fragile');
    });
  });

  describe('audit log', () => {
    it('reads newest first with filters and paging', async () => {
      const rows = await t.http.get(
        `/api/v1/admin/audit?condition=${encodeURIComponent(`actor:${admin.id};action:user.update`)}&pageSize=100`,
        { headers: admin.headers },
      );
      expect(rows.body.data.length).toBeGreaterThan(0);
      expect(rows.body.data.every((r: { action: string; actorId: string }) => r.action === 'user.update' && r.actorId === admin.id)).toBe(
        true,
      );
      const ids = rows.body.data.map((r: { id: string }) => Number(r.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect((await t.http.get('/api/v1/admin/audit?condition=actor:me', { headers: admin.headers })).body.code).toBe(1045);
    });
  });

  describe('npm run admin:create', () => {
    const env = () => ({ DATABASE_URL: t.database.url, DATA_DIR: t.config.DATA_DIR, LOG_LEVEL: 'warn', BCRYPT_COST: '4' });

    it('creates an active administrator who can log in and administer at once', async () => {
      const cli = runBuilt('cli/admin-create.js', env(), [
        '--username',
        'root_admin',
        '--email',
        'Root@Example.com',
        '--password',
        'a-long-root-pass',
      ]);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toMatch(/^uuid: [0-9a-f-]{36}$/m);
      expect(cli.output()).toContain('warning: --password leaves the password in the process list and the shell history');
      expect(cli.output()).not.toContain('a-long-root-pass');
      const headers = await loginAs(t.http, 'root@example.com', 'a-long-root-pass');
      expect((await t.http.get('/api/v1/admin/users', { headers })).body.code).toBe(0);
      expect((await t.prisma.user.findFirstOrThrow({ where: { username: 'root_admin' } })).emailVerifiedAt).not.toBeNull();

      const again = runBuilt('cli/admin-create.js', env(), [
        '--username',
        'root_admin',
        '--email',
        'x@example.com',
        '--password',
        'a-long-root-pass',
      ]);
      expect(await again.exited).toBe(1);
      expect(again.output()).toContain('1020');
    });

    it('generates and prints a password when there is no terminal to ask on', async () => {
      const cli = runBuilt('cli/admin-create.js', env(), ['--username', 'auto_admin', '--email', 'auto@example.com']);
      expect(await cli.exited).toBe(0);
      const password = /^password: (\S+)$/m.exec(cli.output())![1];
      expect((await t.http.post('/api/v1/auth/login', { account: 'auto_admin', password }, { headers: WEB })).body.code).toBe(0);
    });

    it('reads the password from standard input, without the final newline, and warns of nothing', async () => {
      const cli = runBuilt(
        'cli/admin-create.js',
        env(),
        ['--username', 'piped_admin', '--email', 'piped@example.com', '--password-stdin'],
        'a piped root pass\n',
      );
      expect(await cli.exited).toBe(0);
      expect(cli.output()).not.toMatch(/warning|password:/);
      const headers = await loginAs(t.http, 'piped_admin', 'a piped root pass');
      expect((await t.http.get('/api/v1/admin/users', { headers })).body.code).toBe(0);
      expect(
        await t.prisma.auditEntry.count({ where: { action: 'admin.create', details: { path: ['username'], equals: 'piped_admin' } } }),
      ).toBe(1);
    });

    it('reads the password from a file, and fails plainly when the file cannot be read', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-create-'));
      try {
        const file = path.join(dir, 'password');
        writeFileSync(file, 'a filed root pass\r\n');
        chmodSync(file, 0o600);
        const cli = runBuilt('cli/admin-create.js', env(), [
          '--username',
          'filed_admin',
          '--email',
          'filed@example.com',
          '--password-file',
          file,
        ]);
        expect(await cli.exited).toBe(0);
        expect(cli.output()).not.toMatch(/warning|password:/);
        await loginAs(t.http, 'filed_admin', 'a filed root pass');

        const missing = runBuilt('cli/admin-create.js', env(), [
          '--username',
          'lost_admin',
          '--email',
          'lost@example.com',
          '--password-file',
          path.join(dir, 'nope'),
        ]);
        expect(await missing.exited).toBe(1);
        expect(missing.output()).toContain('ENOENT');
        expect(await t.prisma.user.count({ where: { username: 'lost_admin' } })).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses the password given two ways', async () => {
      const cli = runBuilt(
        'cli/admin-create.js',
        env(),
        ['--username', 'twice_admin', '--email', 'twice@example.com', '--password-stdin', '--password', 'a-long-root-pass'],
        'another-long-pass\n',
      );
      expect(await cli.exited).toBe(2); // a wrong command line
      expect(cli.output()).toContain('give the password one way only');
      expect(await t.prisma.user.count({ where: { username: 'twice_admin' } })).toBe(0);
    });

    it('refuses a weak password with the catalogue code', async () => {
      const cli = runBuilt('cli/admin-create.js', env(), [
        '--username',
        'weak_admin',
        '--email',
        'weak@example.com',
        '--password',
        'password',
      ]);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain('1028');
    });
  });
});
