import { LEDGER_MAX } from '../src/points/ledger.service';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { TableWatcher } from './support/table-checksum';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'bad-input-pass-2026';
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Input that once reached PostgreSQL or a recursive library and came back as a 500: each is now a
 * 4xx of the catalogue, and leaves every table as it was.
 */
describe('bad input is refused with a catalogue code and changes nothing', () => {
  let t: TestApp;
  let tables: TableWatcher;
  let admin: Record<string, string>;
  let member: { id: string; headers: Record<string, string> };

  async function account(group: string, points = 0, balanceCents = 0n): Promise<{ id: string; headers: Record<string, string> }> {
    const user = await insertUser(t.prisma, { password: PASSWORD, group, points, balanceCents });
    return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
  }

  /** Sends a request, expects the refusal, and that no watched table moved meanwhile. */
  async function refused(send: () => Promise<TestResponse>, status: number, code: number, detail?: string | RegExp): Promise<TestResponse> {
    const before = await tables.snapshot();
    const response = await send();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body).toMatchObject({ message: expect.any(String), requestId: response.headers.get('x-request-id') });
    if (detail) expect(response.body.detail).toMatch(detail);
    expect(TableWatcher.changed(before, await tables.snapshot())).toEqual([]);
    return response;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4', CAPTCHA_REQUIRED: 'false', CHECKIN_BASE_POINTS: '10' } });
    tables = new TableWatcher(t.prisma);
    admin = (await account('admin')).headers;
    member = await account('developer');
  });
  afterAll(() => t.close());

  describe('a NUL character, wherever it is sent (1074)', () => {
    const NUL = /NUL character/;

    it('in a login account and password', async () => {
      await refused(() => t.http.post('/api/v1/auth/login', { account: 'ali\u0000ce', password: 'x' }, { headers: WEB }), 400, 1074, NUL);
      await refused(
        () => t.http.post('/api/v1/auth/login', { account: 'alice', password: 'pass\u0000word' }, { headers: WEB }),
        400,
        1074,
        NUL,
      );
    });

    it('in a nickname, a tutorial title, an app name and a developer app name', async () => {
      await refused(() => t.http.patch('/api/v1/users/me', { nickname: 'Ali\u0000ce' }, { headers: member.headers }), 400, 1074, NUL);
      await refused(
        () => t.http.post('/api/v1/tutorials', { title: 'T\u0000', body: 'text' }, { headers: member.headers }),
        400,
        1074,
        NUL,
      );
      await refused(() => t.http.post('/api/v1/admin/apps', { name: 'iOS\u0000' }, { headers: admin }), 400, 1074, NUL);
      await refused(() => t.http.post('/api/v1/developer/apps', { name: 'game\u0000' }, { headers: member.headers }), 400, 1074, NUL);
    });

    it('in a key of the body, nested in a list', async () => {
      await refused(
        () => t.http.post('/api/v1/admin/groups', { name: 'nul', rank: 1, permissions: ['file.upload\u0000'] }, { headers: admin }),
        400,
        1074,
        NUL,
      );
      await refused(() => t.http.patch('/api/v1/users/me', { 'nick\u0000name': 'x' }, { headers: member.headers }), 400, 1074, NUL);
    });

    it('in a list condition and other query values', async () => {
      await refused(() => t.http.get('/api/v1/admin/users?condition=q:%00', { headers: admin }), 400, 1074, NUL);
      await refused(() => t.http.get('/api/v1/tutorials?condition=q:a%00b', { headers: WEB }), 400, 1074, NUL);
      await refused(() => t.http.get('/api/v1/messages?condition=q%00:x', { headers: member.headers }), 400, 1074, NUL);
    });

    it('in path parameters', async () => {
      await refused(() => t.http.patch('/api/v1/admin/groups/vip%00', { rank: 21 }, { headers: admin }), 400, 1074, NUL);
      await refused(() => t.http.patch('/api/v1/admin/apps/web%00', { name: 'x' }, { headers: admin }), 400, 1074, NUL);
      await refused(() => t.http.get('/api/v1/tutorials/%00', { headers: WEB }), 400, 1074, NUL);
      await refused(() => t.http.get('/api/v1/download/%00', {}), 400, 1074, NUL);
    });
  });

  describe('session headers of almost the right shape (1031, never a cast error in the database)', () => {
    it.each<Record<string, string>>([
      { authorization: `Bearer ${'-'.repeat(36)}.${'k'.repeat(16)}` },
      { authorization: `Bearer 0000000g-0000-4000-8000-000000000000.${'k'.repeat(16)}` },
      { 'x-uuid': 'not-a-uuid', 'x-ukey': 'k'.repeat(16) },
      { 'x-uuid': '-'.repeat(36), 'x-ukey': 'k'.repeat(16) },
    ])('%j', async (headers) => {
      await refused(() => t.http.get('/api/v1/users/me', { headers: { ...WEB, ...headers } }), 401, 1031);
    });
  });

  describe('JSON nested 2,000 deep (1074 before anything recurses into it)', () => {
    it.each([
      ['arrays', `${'['.repeat(2000)}${']'.repeat(2000)}`],
      ['objects', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`],
    ])('of %s', async (_, deep) => {
      const body = `{"account":${deep},"password":"x"}`;
      await refused(
        () => t.http.post('/api/v1/auth/login', body, { headers: { ...WEB, ...JSON_TYPE } }),
        400,
        1074,
        /nested deeper than 32/,
      );
    });

    it('while a body of ordinary depth passes the guard', async () => {
      const response = await t.http.post(
        '/api/v1/admin/groups',
        { name: 'shallow', rank: 3, permissions: ['file.upload'] },
        { headers: admin },
      );
      expect(response.body.code).toBe(0);
    });
  });

  describe('a lone UTF-16 surrogate (1074)', () => {
    it.each(['\\ud800', '\\udfff', 'a\\udc00b'])('%s in an email', async (surrogate) => {
      const forgot = `{"email":"x${surrogate}@example.com"}`;
      await refused(
        () => t.http.post('/api/v1/accounts/password/forgot', forgot, { headers: { ...WEB, ...JSON_TYPE } }),
        400,
        1074,
        /lone UTF-16 surrogate/,
      );
      const register = `{"username":"surrogate1","email":"s${surrogate}@example.com","password":"Tr0ub4dor&3-horse","passwordConfirm":"Tr0ub4dor&3-horse","nickname":"s"}`;
      await refused(
        () => t.http.post('/api/v1/accounts/register', register, { headers: { ...WEB, ...JSON_TYPE } }),
        400,
        1074,
        /lone UTF-16 surrogate/,
      );
    });

    it('while a whole pair (an emoji) is text like any other', async () => {
      const response = await t.http.patch('/api/v1/users/me', '{"nickname":"\\ud83d\\ude00 smile"}', {
        headers: { ...member.headers, ...JSON_TYPE },
      });
      expect(response.body.data.nickname).toBe('😀 smile');
    });
  });

  describe('a date condition PostgreSQL cannot hold or that does not exist (1045)', () => {
    it.each([
      ['/api/v1/admin/users', 'since:0000-01-01'],
      ['/api/v1/admin/users', 'until:0000-12-31T23:59:59Z'],
      ['/api/v1/admin/audit', 'since:0000-01-01'],
      ['/api/v1/admin/audit', 'until:9999-12-31T23:00:00-05:00'],
      ['/api/v1/admin/users', 'since:2026-02-30'],
    ])('%s?condition=%s', async (path, condition) => {
      await refused(() => t.http.get(`${path}?condition=${encodeURIComponent(condition)}`, { headers: admin }), 400, 1045, /cannot be/);
    });

    it('while year 0001 is a date like any other', async () => {
      const response = await t.http.get(`/api/v1/admin/users?condition=${encodeURIComponent('since:0001-01-01')}`, { headers: admin });
      expect(response.body.code).toBe(0);
    });
  });

  describe('a field sent as null counts as not sent', () => {
    it.each([{ nickname: null }, { locale: null }, { nickname: null, locale: null }])(
      'PATCH /users/me %j asks for nothing (1011)',
      async (body) => {
        await refused(
          () => t.http.patch('/api/v1/users/me', body, { headers: member.headers }),
          400,
          1011,
          /nickname or locale is required/,
        );
      },
    );

    it('beside a field that is sent, null leaves its own field as it was', async () => {
      const before = await t.prisma.user.findUniqueOrThrow({ where: { id: member.id } });
      const response = await t.http.patch('/api/v1/users/me', { nickname: 'Kept', locale: null }, { headers: member.headers });
      expect(response.body.data).toMatchObject({ nickname: 'Kept', locale: before.locale });
    });

    it('is missing (1011) where the field is required, on every route', async () => {
      await refused(
        () => t.http.post('/api/v1/auth/login', { account: null, password: 'x' }, { headers: WEB }),
        400,
        1011,
        /account is required/,
      );
      await refused(() => t.http.post('/api/v1/admin/apps', { name: null }, { headers: admin }), 400, 1011, /name is required/);
      await refused(
        () => t.http.post('/api/v1/tutorials', { title: 'T', body: null }, { headers: member.headers }),
        400,
        1011,
        /body is required/,
      );
      const tutorial = await t.http.post('/api/v1/tutorials', { title: 'Nulls', body: 'text' }, { headers: member.headers });
      await refused(
        () => t.http.patch(`/api/v1/tutorials/${tutorial.body.data.tid}`, { title: null }, { headers: member.headers }),
        400,
        1011,
      );
    });

    it('while null inside a list is a wrong value of that list (its own code)', async () => {
      await refused(
        () => t.http.post('/api/v1/admin/groups', { name: 'nulls', rank: 1, permissions: [null] }, { headers: admin }),
        400,
        1043,
      );
    });
  });

  describe('points and balance past what their totals hold (1043)', () => {
    it('refuses the third admin grant of 1e9 points: the INTEGER total stays 2e9', async () => {
      const target = await account('member');
      const grant = () => t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: 1e9, reason: 'grant' }, { headers: admin });
      expect((await grant()).body.data.balanceAfter).toBe(1e9);
      expect((await grant()).body.data.balanceAfter).toBe(2e9);
      await refused(grant, 400, 1043, /points total would pass its maximum of 2147483647/);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).points).toBe(2e9);
      expect(await t.prisma.pointsEntry.count({ where: { userId: target.id } })).toBe(2);
    });

    it('grants up to the maximum exactly, and still takes points away there', async () => {
      const target = await account('member', Number(LEDGER_MAX.points) - 5);
      const toTheTop = await t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: 5, reason: 'top' }, { headers: admin });
      expect(toTheTop.body.data.balanceAfter).toBe(Number(LEDGER_MAX.points));
      await refused(
        () => t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: 1, reason: 'over' }, { headers: admin }),
        400,
        1043,
      );
      const taken = await t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: -1e9, reason: 'take' }, { headers: admin });
      expect(taken.body.data.balanceAfter).toBe(Number(LEDGER_MAX.points) - 1e9);
    });

    it('refuses a check-in whose reward would pass the maximum, and writes no check-in', async () => {
      const rich = await account('member', Number(LEDGER_MAX.points) - 3);
      await refused(() => t.http.post('/api/v1/checkin', undefined, { headers: rich.headers }), 400, 1043, /points total would pass/);
      expect(await t.prisma.checkin.count({ where: { userId: rich.id } })).toBe(0);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: rich.id } })).points).toBe(Number(LEDGER_MAX.points) - 3);
      // Not a spent day: with room made, the same day's check-in pays.
      await t.prisma.user.update({ where: { id: rich.id }, data: { points: 0 } });
      expect((await t.http.post('/api/v1/checkin', undefined, { headers: rich.headers })).body.data.points).toBe(10);
    });

    it('keeps a balance within what a JSON number holds exactly', async () => {
      const target = await account('member', 0, LEDGER_MAX.balance - 10n);
      await refused(
        () => t.http.post(`/api/v1/admin/users/${target.id}/balance`, { delta: 11, reason: 'over' }, { headers: admin }),
        400,
        1043,
        /balance total/,
      );
      const exact = await t.http.post(`/api/v1/admin/users/${target.id}/balance`, { delta: 10, reason: 'top' }, { headers: admin });
      expect(exact.body.data.balanceAfter).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('lets exactly one of 20 parallel grants that each fit alone through', async () => {
      const target = await account('member', Number(LEDGER_MAX.points) - 1_000_000);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.http.post(`/api/v1/admin/users/${target.id}/points`, { delta: 600_000, reason: 'race' }, { headers: admin }),
        ),
      );
      expect(results.filter((r) => r.body.code === 0)).toHaveLength(1);
      expect(results.filter((r) => r.body.code === 1043)).toHaveLength(19);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target.id } })).points).toBe(Number(LEDGER_MAX.points) - 400_000);
      expect(await t.prisma.pointsEntry.count({ where: { userId: target.id } })).toBe(1);
    });
  });
});
