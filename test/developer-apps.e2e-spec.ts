import { randomBytes } from 'node:crypto';

import { SecretCipher } from '../src/core/crypto/secret-cipher';
import { calendarDay } from '../src/points/calendar-day';
import { developerKeySeal } from '../src/signing/sealed-keys.service';
import { refuseAuditRowsAbout } from './support/audit-fault';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'developer-pass-2026';
const PRICE = 1000;
const DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;
const APPS = '/api/v1/developer/apps';
const ADMIN_APPS = '/api/v1/admin/developer-apps';

interface Account {
  id: string;
  headers: Record<string, string>;
}

const env = (quotas: { total: number; monthly: number }): Record<string, string> => ({
  BCRYPT_COST: '4',
  LOGIN_LIMIT_PER_IP: '0',
  TZ_CHECKIN: 'Asia/Shanghai',
  DEVELOPER_APP_PRICE_CENTS: String(PRICE),
  DEVELOPER_APP_DAYS: String(DAYS),
  DEVELOPER_APP_USER_CAP: '500',
  DEVELOPER_APP_QUOTA_TOTAL: String(quotas.total),
  DEVELOPER_APP_QUOTA_MONTHLY: String(quotas.monthly),
});

/** A logged-in user of `group` holding `balanceCents`. */
async function account(t: TestApp, group: string, balanceCents = 0): Promise<Account> {
  const user = await insertUser(t.prisma, { password: PASSWORD, group, balanceCents: BigInt(balanceCents) });
  return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
}

const createApp = (t: TestApp, owner: Account, name = 'My game'): Promise<TestResponse> =>
  t.http.post(APPS, { name }, { headers: owner.headers });

async function balanceOf(t: TestApp, userId: string): Promise<number> {
  return Number((await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).balanceCents);
}

/** The running total equals what it started at plus the sum of the ledger: nothing moved outside it. */
async function expectLedgerMatchesBalance(t: TestApp, userId: string, startCents: number): Promise<void> {
  const sum = await t.prisma.balanceEntry.aggregate({ where: { userId }, _sum: { delta: true } });
  expect(startCents + Number(sum._sum.delta ?? 0n)).toBe(await balanceOf(t, userId));
}

const codes = (responses: TestResponse[]): number[] => responses.map((r) => r.body.code);
const count = (values: number[], value: number): number => values.filter((v) => v === value).length;

describe('developer apps', () => {
  describe('with quotas out of the way', () => {
    let t: TestApp;
    let admin: Account;
    let refuseAuditAbout: (targetId: string) => Promise<void>;

    beforeAll(async () => {
      t = await createTestApp({ env: env({ total: 50, monthly: 50 }) });
      admin = await account(t, 'admin');
      refuseAuditAbout = await refuseAuditRowsAbout(t.prisma);
    });
    afterAll(() => t.close());

    it('needs a session (1030) and the developer.use permission (1042)', async () => {
      expect((await t.http.get(APPS, { headers: WEB })).body.code).toBe(1030);
      const member = await account(t, 'member', 5000);
      for (const refused of [await createApp(t, member), await t.http.get(APPS, { headers: member.headers })]) {
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe(1042);
      }
      expect(await t.prisma.developerApp.count({ where: { ownerId: member.id } })).toBe(0);
      expect(await balanceOf(t, member.id)).toBe(5000);

      const developer = await account(t, 'developer');
      const listed = await t.http.get(APPS, { headers: developer.headers });
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual([]);
    });

    it('creates an app for its price through the balance ledger; the key is shown once and stored sealed', async () => {
      const developer = await account(t, 'developer', 2500);
      const created = await createApp(t, developer, '  Snake 🐍  ');
      expect(created.status).toBe(201);
      const { apiId, apiKey, ...app } = created.body.data;
      expect(apiId).toMatch(/^dk[0-9a-f]{20}$/);
      expect(apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(app).toMatchObject({ name: 'Snake 🐍', status: 'ENABLED', userCap: 500 });
      expect(new Date(app.expiresAt).getTime() - new Date(app.createdAt).getTime()).toBe(DAYS * DAY_MS);

      const entries = await t.prisma.balanceEntry.findMany({ where: { userId: developer.id } });
      expect(entries).toEqual([expect.objectContaining({ kind: 'DEVELOPER', delta: -BigInt(PRICE), balanceAfter: 1500n })]);
      expect(entries[0].reason).toContain(apiId);
      expect(await balanceOf(t, developer.id)).toBe(1500);
      await expectLedgerMatchesBalance(t, developer.id, 2500);

      const listed = await t.http.get(APPS, { headers: developer.headers });
      expect(listed.body.data).toEqual([expect.objectContaining({ apiId, name: 'Snake 🐍', status: 'ENABLED' })]);
      expect(listed.body.data[0]).not.toHaveProperty('apiKey');
      expect(listed.text).not.toContain(apiKey);

      const row = await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } });
      const sealed = Buffer.from(row.keyCiphertext);
      expect(sealed.includes(Buffer.from(apiKey))).toBe(false);
      expect(sealed.includes(Buffer.from(apiKey, 'base64url'))).toBe(false);
      expect(t.app.get(SecretCipher).open(row.keyCiphertext, developerKeySeal(apiId, 1))).toBe(apiKey);

      const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'developer-app.create', targetId: apiId } });
      expect(audit).toMatchObject({ actorId: developer.id, targetType: 'developer-app', details: { name: 'Snake 🐍', priceCents: PRICE } });
      expect(JSON.stringify(audit.details)).not.toContain(apiKey);
    });

    it('refuses an app the balance cannot pay (1059), creating and charging nothing', async () => {
      const developer = await account(t, 'developer', PRICE - 1);
      const refused = await createApp(t, developer);
      expect(refused.status).toBe(402);
      expect(refused.body.code).toBe(1059);
      expect(await t.prisma.developerApp.count({ where: { ownerId: developer.id } })).toBe(0);
      expect(await t.prisma.balanceEntry.count({ where: { userId: developer.id } })).toBe(0);
      expect(await t.prisma.auditEntry.count({ where: { action: 'developer-app.create', actorId: developer.id } })).toBe(0);
      expect(await balanceOf(t, developer.id)).toBe(PRICE - 1);
    });

    it('refuses bad names with catalogue codes', async () => {
      const developer = await account(t, 'developer', 10 * PRICE);
      const post = (body: unknown) => t.http.post(APPS, body, { headers: developer.headers });
      expect((await post({})).body.code).toBe(1011);
      expect((await post({ name: '   ' })).body.code).toBe(1011);
      expect((await post({ name: 42 })).body.code).toBe(1074);
      expect((await post({ name: 'x'.repeat(81) })).body.code).toBe(1074);
      expect((await post({ name: 'x', extra: 1 })).body.code).toBe(1074);
      expect((await post({ name: '🎮'.repeat(80) })).status).toBe(201); // 80 characters, 160 UTF-16 units
      expect(await t.prisma.developerApp.count({ where: { ownerId: developer.id } })).toBe(1);
    });

    it('lets exactly 3 of 20 parallel creations through when the balance buys 3', async () => {
      const developer = await account(t, 'developer', 3 * PRICE);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createApp(t, developer, `race ${i}`)));
      const outcome = codes(results);
      expect(count(outcome, 0)).toBe(3);
      expect(count(outcome, 1059)).toBe(17);
      expect(results.filter((r) => r.body.code === 0).every((r) => r.status === 201)).toBe(true);
      expect(await balanceOf(t, developer.id)).toBe(0);
      expect(await t.prisma.developerApp.count({ where: { ownerId: developer.id } })).toBe(3);
      expect(await t.prisma.balanceEntry.count({ where: { userId: developer.id, kind: 'DEVELOPER' } })).toBe(3);
      await expectLedgerMatchesBalance(t, developer.id, 3 * PRICE);
    });

    it('rotates the key: a new one, shown once; the old one kept sealed for its version through the grace period; audited without keys', async () => {
      const developer = await account(t, 'developer', PRICE);
      const { apiId, apiKey } = (await createApp(t, developer)).body.data;
      const rotated = await t.http.post(`${APPS}/${apiId}/rotate-key`, undefined, { headers: developer.headers });
      expect(rotated.status).toBe(200);
      expect(rotated.body.data).toMatchObject({ apiId, status: 'ENABLED' });
      const newKey = rotated.body.data.apiKey;
      expect(newKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(newKey).not.toBe(apiKey);
      const row = await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } });
      expect(row.keyVersion).toBe(2);
      expect(t.app.get(SecretCipher).open(row.keyCiphertext, developerKeySeal(apiId, 2))).toBe(newKey);
      expect(() => t.app.get(SecretCipher).open(row.keyCiphertext, developerKeySeal(apiId, 1))).toThrow();
      expect(t.app.get(SecretCipher).open(row.previousKeyCiphertext!, developerKeySeal(apiId, 1))).toBe(apiKey);
      expect(new Date(rotated.body.data.previousKeyExpiresAt).getTime()).toBe(row.previousKeyExpiresAt!.getTime());
      expect((await t.http.get(APPS, { headers: developer.headers })).text).not.toContain(newKey);
      const audit = await t.prisma.auditEntry.findMany({ where: { targetType: 'developer-app', targetId: apiId } });
      expect(audit.map((entry) => entry.action).sort()).toEqual(['developer-app.create', 'developer-app.rotate-key']);
      const logged = JSON.stringify(audit, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
      expect(logged).not.toContain(apiKey);
      expect(logged).not.toContain(newKey);
    });

    it('renews for the price: from the expiry while running, from now once expired; 1059 when short', async () => {
      const developer = await account(t, 'developer', 2 * PRICE);
      const created = (await createApp(t, developer)).body.data;
      const renew = () => t.http.post(`${APPS}/${created.apiId}/renew`, undefined, { headers: developer.headers });

      const renewed = await renew();
      expect(renewed.status).toBe(200);
      expect(new Date(renewed.body.data.expiresAt).getTime()).toBe(new Date(created.expiresAt).getTime() + DAYS * DAY_MS);
      expect(await balanceOf(t, developer.id)).toBe(0);
      const entries = await t.prisma.balanceEntry.findMany({ where: { userId: developer.id }, orderBy: { id: 'asc' } });
      expect(entries.map((entry) => [entry.kind, Number(entry.delta)])).toEqual([
        ['DEVELOPER', -PRICE],
        ['DEVELOPER', -PRICE],
      ]);
      expect(entries[1].reason).toMatch(/renewal/);

      const short = await renew();
      expect(short.status).toBe(402);
      expect(short.body.code).toBe(1059);
      expect((await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId: created.apiId } })).expiresAt.toISOString()).toBe(
        renewed.body.data.expiresAt,
      );

      // A month and more later: the app has run out; a renewal counts from the day it is paid.
      await t.http.post(`/api/v1/admin/users/${developer.id}/balance`, { delta: PRICE, reason: 'top-up' }, { headers: admin.headers });
      await t.prisma.developerApp.update({ where: { apiId: created.apiId }, data: { expiresAt: new Date(Date.now() - 5 * DAY_MS) } });
      const before = Date.now();
      const revived = await renew();
      const expiresAt = new Date(revived.body.data.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + DAYS * DAY_MS);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + DAYS * DAY_MS);
      expect(await balanceOf(t, developer.id)).toBe(0);
      await expectLedgerMatchesBalance(t, developer.id, 2 * PRICE);
    });

    it('lets the owner rename, disable and enable, but not close (1043) nor send nothing (1011)', async () => {
      const developer = await account(t, 'developer', PRICE);
      const { apiId } = (await createApp(t, developer)).body.data;
      const patch = (body: unknown) => t.http.patch(`${APPS}/${apiId}`, body, { headers: developer.headers });
      const renamed = await patch({ name: ' Tetris ', status: 'DISABLED' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data).toMatchObject({ apiId, name: 'Tetris', status: 'DISABLED' });
      expect(renamed.body.data).not.toHaveProperty('apiKey');
      expect((await patch({ status: 'ENABLED' })).body.data).toMatchObject({ name: 'Tetris', status: 'ENABLED' });
      expect((await patch({ status: 'CLOSED' })).body.code).toBe(1043);
      expect((await patch({})).body.code).toBe(1011);
      expect((await patch({ name: null })).body.code).toBe(1011);
      expect((await patch({ name: '' })).body.code).toBe(1011);
      expect((await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } })).status).toBe('ENABLED');
    });

    it('audits the owner’s own changes and renewals with what moved, in the transaction of the change', async () => {
      const developer = await account(t, 'developer', 3 * PRICE);
      const created = (await createApp(t, developer, 'Pong')).body.data;
      const { apiId } = created;
      expect(
        (await t.http.patch(`${APPS}/${apiId}`, { name: 'Pong 2', status: 'DISABLED' }, { headers: developer.headers })).body.code,
      ).toBe(0);
      const renewed = await t.http.post(`${APPS}/${apiId}/renew`, undefined, { headers: developer.headers });
      const audit = await t.prisma.auditEntry.findMany({ where: { targetType: 'developer-app', targetId: apiId }, orderBy: { id: 'asc' } });
      expect(audit.map((entry) => [entry.action, entry.actorId, entry.ip !== null])).toEqual([
        ['developer-app.create', developer.id, true],
        ['developer-app.update', developer.id, true],
        ['developer-app.renew', developer.id, true],
      ]);
      expect(audit[1].details).toEqual({ name: { from: 'Pong', to: 'Pong 2' }, status: { from: 'ENABLED', to: 'DISABLED' } });
      expect(audit[2].details).toEqual({ priceCents: PRICE, expiresAt: { from: created.expiresAt, to: renewed.body.data.expiresAt } });

      await refuseAuditAbout(apiId);
      const refused = [
        await t.http.patch(`${APPS}/${apiId}`, { name: 'Pong 3' }, { headers: developer.headers }),
        await t.http.post(`${APPS}/${apiId}/renew`, undefined, { headers: developer.headers }),
      ];
      expect(codes(refused)).toEqual([1018, 1018]);
      expect(await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } })).toMatchObject({
        name: 'Pong 2',
        expiresAt: new Date(renewed.body.data.expiresAt),
      });
      expect(await balanceOf(t, developer.id)).toBe(PRICE);
      await expectLedgerMatchesBalance(t, developer.id, 3 * PRICE);
    });

    it("keeps a developer off another developer's app with the answer an unknown api id gets (1062)", async () => {
      const owner = await account(t, 'developer', PRICE);
      const other = await account(t, 'developer', 5 * PRICE);
      const { apiId } = (await createApp(t, owner)).body.data;
      const attempts = (id: string) => [
        t.http.patch(`${APPS}/${id}`, { name: 'mine now' }, { headers: other.headers }),
        t.http.post(`${APPS}/${id}/rotate-key`, undefined, { headers: other.headers }),
        t.http.post(`${APPS}/${id}/renew`, undefined, { headers: other.headers }),
      ];
      const foreign = await Promise.all(attempts(apiId));
      const unknown = await Promise.all(attempts('dk00000000000000000000'));
      for (const [index, response] of foreign.entries()) {
        expect(response.status).toBe(401);
        expect(response.body.code).toBe(1062);
        const { requestId: _, ...body } = response.body;
        const { requestId: __, ...unknownBody } = unknown[index].body;
        expect(body).toEqual(unknownBody);
      }
      expect((await t.http.get(APPS, { headers: other.headers })).body.data).toEqual([]);
      const untouched = await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } });
      expect(untouched.name).toBe('My game');
      expect(await balanceOf(t, other.id)).toBe(5 * PRICE);
    });

    describe('administrators', () => {
      it('list every app with conditions and paging, never a key; 1045 when a condition is invalid', async () => {
        const first = await account(t, 'developer', 2 * PRICE);
        const second = await account(t, 'developer', 2 * PRICE);
        const tag = randomBytes(4).toString('hex');
        const a = (await createApp(t, first, `Chess ${tag}`)).body.data;
        const b = (await createApp(t, first, `Go ${tag}`)).body.data;
        const c = (await createApp(t, second, `Chess ${tag} deluxe`)).body.data;
        const list = (query: string) => t.http.get(`${ADMIN_APPS}${query}`, { headers: admin.headers });
        const ids = (response: TestResponse) => response.body.data.map((app: { apiId: string }) => app.apiId);

        const byOwner = await list(`?condition=${encodeURIComponent(`owner:${first.id}`)}`);
        expect(ids(byOwner)).toEqual([b.apiId, a.apiId]);
        expect(byOwner.body.data[0]).toMatchObject({ ownerUuid: first.id, name: `Go ${tag}`, status: 'ENABLED', userCap: 500 });
        expect(byOwner.body.data[0]).not.toHaveProperty('apiKey');
        for (const key of [a.apiKey, b.apiKey]) expect(byOwner.text).not.toContain(key);
        expect(ids(await list(`?condition=${encodeURIComponent(`q:CHESS ${tag}`)}`)).sort()).toEqual([a.apiId, c.apiId].sort());
        expect(ids(await list(`?condition=${encodeURIComponent(`q:chess ${tag};owner:${second.id}`)}`))).toEqual([c.apiId]);
        expect(ids(await list(`?condition=${encodeURIComponent(`owner:${first.id}`)}&pageSize=1&page=2`))).toEqual([a.apiId]);

        // % and _ are searched as written, not as wildcards.
        const literal = (await createApp(t, second, `100%_${tag}`)).body.data;
        for (const q of ['%', '_', `0%_${tag}`])
          expect(ids(await list(`?pageSize=100&condition=${encodeURIComponent(`q:${q}`)}`))).toEqual([literal.apiId]);
        expect(ids(await list(`?condition=${encodeURIComponent(`q:%${tag}`)}`))).toEqual([]);

        await t.http.patch(`${ADMIN_APPS}/${b.apiId}`, { status: 'DISABLED' }, { headers: admin.headers });
        expect(ids(await list(`?condition=${encodeURIComponent(`status:DISABLED;owner:${first.id}`)}`))).toEqual([b.apiId]);

        for (const bad of ['owner:me', 'status:OPEN', 'nope:1', 'q:', `q:${'x'.repeat(81)}`, 'status:ENABLED;status:CLOSED']) {
          const response = await list(`?condition=${encodeURIComponent(bad)}`);
          expect(response.status).toBe(400);
          expect(response.body.code).toBe(1045);
        }
        expect((await list('?page=0')).body.code).toBe(1045);
      });

      it('close an app (audited), which its owner can then neither change, rotate, renew nor reopen (1067); reopening works', async () => {
        const developer = await account(t, 'developer', 3 * PRICE);
        const { apiId } = (await createApp(t, developer)).body.data;
        const closed = await t.http.patch(`${ADMIN_APPS}/${apiId}`, { status: 'CLOSED' }, { headers: admin.headers });
        expect(closed.status).toBe(200);
        expect(closed.body.data).toMatchObject({ apiId, status: 'CLOSED', ownerUuid: developer.id });
        expect((await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } })).status).toBe('CLOSED');
        const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: 'developer-app.update', targetId: apiId } });
        expect(audit).toMatchObject({
          actorId: admin.id,
          targetType: 'developer-app',
          details: { status: { from: 'ENABLED', to: 'CLOSED' } },
        });

        const owned = (method: string, path: string, body?: unknown) =>
          t.http.request(method, `${APPS}/${apiId}${path}`, { headers: developer.headers, body });
        for (const refused of [
          await owned('PATCH', '', { status: 'ENABLED' }),
          await owned('PATCH', '', { name: 'renamed' }),
          await owned('POST', '/rotate-key'),
          await owned('POST', '/renew'),
        ]) {
          expect(refused.status).toBe(403);
          expect(refused.body.code).toBe(1067);
        }
        expect(await balanceOf(t, developer.id)).toBe(2 * PRICE);
        expect(await t.prisma.auditEntry.count({ where: { action: 'developer-app.rotate-key', targetId: apiId } })).toBe(0);
        expect((await t.http.get(APPS, { headers: developer.headers })).body.data).toEqual([
          expect.objectContaining({ apiId, status: 'CLOSED', name: 'My game' }),
        ]);

        const reopened = await t.http.patch(`${ADMIN_APPS}/${apiId}`, { status: 'ENABLED' }, { headers: admin.headers });
        expect(reopened.body.data.status).toBe('ENABLED');
        expect((await owned('PATCH', '', { status: 'DISABLED' })).body.data.status).toBe('DISABLED');
        expect((await owned('POST', '/renew')).body.code).toBe(0);
        const updates = await t.prisma.auditEntry.findMany({
          where: { action: 'developer-app.update', targetId: apiId },
          orderBy: { id: 'asc' },
        });
        expect(updates.map((entry) => [entry.actorId, entry.details])).toEqual([
          [admin.id, { status: { from: 'ENABLED', to: 'CLOSED' } }],
          [admin.id, { status: { from: 'CLOSED', to: 'ENABLED' } }],
          [developer.id, { status: { from: 'ENABLED', to: 'DISABLED' } }],
        ]);

        expect((await t.http.patch(`${ADMIN_APPS}/${apiId}`, { status: 'OPEN' }, { headers: admin.headers })).body.code).toBe(1043);
        expect((await t.http.patch(`${ADMIN_APPS}/${apiId}`, {}, { headers: admin.headers })).body.code).toBe(1011);
        expect(
          (await t.http.patch(`${ADMIN_APPS}/dk00000000000000000000`, { status: 'CLOSED' }, { headers: admin.headers })).body.code,
        ).toBe(1062);
      });

      it('refuse their routes to a moderator and a member, who lack app.manage (1042)', async () => {
        const developer = await account(t, 'developer', PRICE);
        const { apiId } = (await createApp(t, developer)).body.data;
        for (const group of ['moderator', 'member']) {
          const user = await account(t, group);
          for (const refused of [
            await t.http.get(ADMIN_APPS, { headers: user.headers }),
            await t.http.patch(`${ADMIN_APPS}/${apiId}`, { status: 'CLOSED' }, { headers: user.headers }),
          ]) {
            expect(refused.status).toBe(403);
            expect(refused.body.code).toBe(1042);
          }
        }
        expect((await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } })).status).toBe('ENABLED');
      });
    });
  });

  describe('with a total quota of 4 and a monthly quota of 2', () => {
    let t: TestApp;
    let admin: Account;

    beforeAll(async () => {
      t = await createTestApp({ env: env({ total: 4, monthly: 2 }) });
      admin = await account(t, 'admin');
    });
    afterAll(() => t.close());

    /** As if the developer's apps had all been created 40 days earlier, in an earlier calendar month. */
    const monthsPass = (ownerId: string) =>
      t.prisma
        .$executeRaw`UPDATE "developer_apps" SET "created_at" = "created_at" - interval '40 days' WHERE "owner_id" = ${ownerId}::uuid`;

    it('refuses a third app in one month (1061) without charging for it', async () => {
      const developer = await account(t, 'developer', 10 * PRICE);
      expect(codes(await Promise.all([createApp(t, developer), createApp(t, developer)]))).toEqual([0, 0]);
      const third = await createApp(t, developer);
      expect(third.status).toBe(403);
      expect(third.body.code).toBe(1061);
      expect(await balanceOf(t, developer.id)).toBe(8 * PRICE);
      expect(await t.prisma.balanceEntry.count({ where: { userId: developer.id } })).toBe(2);

      await monthsPass(developer.id);
      expect((await createApp(t, developer)).body.code).toBe(0);
    });

    it('counts the month in TZ_CHECKIN (Asia/Shanghai), not in UTC', async () => {
      const developer = await account(t, 'developer', 10 * PRICE);
      const monthStart = new Date(`${calendarDay(new Date(), 'Asia/Shanghai').slice(0, 7)}-01T00:00:00+08:00`);
      for (const createdAt of [new Date(monthStart.getTime() + 60_000), new Date(monthStart.getTime() - 60_000)]) {
        await t.prisma.developerApp.create({
          data: {
            apiId: `dk${randomBytes(10).toString('hex')}`,
            ownerId: developer.id,
            name: 'seeded',
            keyCiphertext: new Uint8Array([1]),
            userCap: 1,
            expiresAt: new Date(),
            createdAt,
          },
        });
      }
      // One minute into the Shanghai month counts (in UTC it would still be the month before); one minute before it does not.
      expect((await createApp(t, developer)).body.code).toBe(0);
      expect((await createApp(t, developer)).body.code).toBe(1061);
    });

    it('counts every app ever created against the total quota (1060), closed ones too', async () => {
      const developer = await account(t, 'developer', 10 * PRICE);
      const first = (await createApp(t, developer)).body.data;
      expect((await createApp(t, developer)).body.code).toBe(0);
      await monthsPass(developer.id);
      expect((await t.http.patch(`${ADMIN_APPS}/${first.apiId}`, { status: 'CLOSED' }, { headers: admin.headers })).body.code).toBe(0);
      expect((await createApp(t, developer)).body.code).toBe(0);
      expect((await createApp(t, developer)).body.code).toBe(0);
      await monthsPass(developer.id);

      const refused = await createApp(t, developer);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe(1060);
      expect(await t.prisma.developerApp.count({ where: { ownerId: developer.id } })).toBe(4);
      expect(await balanceOf(t, developer.id)).toBe(6 * PRICE);
    });

    it('lets exactly 2 of 20 parallel creations through under the monthly quota', async () => {
      const developer = await account(t, 'developer', 100 * PRICE);
      const outcome = codes(await Promise.all(Array.from({ length: 20 }, (_, i) => createApp(t, developer, `race ${i}`))));
      expect(count(outcome, 0)).toBe(2);
      expect(count(outcome, 1061)).toBe(18);
      expect(await t.prisma.developerApp.count({ where: { ownerId: developer.id } })).toBe(2);
      expect(await balanceOf(t, developer.id)).toBe(98 * PRICE);
      await expectLedgerMatchesBalance(t, developer.id, 100 * PRICE);
    });
  });
});
