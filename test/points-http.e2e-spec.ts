import { insertUser, loginAs } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'points-pass-123';

describe('check-in and points over HTTP, as a logged-in user', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { BCRYPT_COST: '4', CHECKIN_BASE_POINTS: '10', CHECKIN_STREAK_BONUS: '2', CHECKIN_STREAK_BONUS_CAP: '20' },
    });
  });
  afterAll(() => t.close());

  async function loggedIn(points = 0): Promise<{ id: string; headers: Record<string, string> }> {
    const user = await insertUser(t.prisma, { password: PASSWORD, points });
    return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
  }

  it('needs a session (1030)', async () => {
    const response = await t.http.post('/api/v1/checkin', undefined, { headers: { 'x-app-id': 'web' } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe(1030);
  });

  it('checks in once a day, shows the calendar, and adds to the total through the ledger', async () => {
    const { headers } = await loggedIn();
    const before = await t.http.get('/api/v1/checkin', { headers });
    expect(before.body.data).toMatchObject({ checkedInToday: false, streak: 0, days: [] });

    const first = await t.http.post('/api/v1/checkin', undefined, { headers });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ reward: 10, streak: 1, points: 10 });
    const again = await t.http.post('/api/v1/checkin', undefined, { headers });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(1040);

    const after = await t.http.get('/api/v1/checkin', { headers });
    expect(after.body.data).toMatchObject({ checkedInToday: true, streak: 1, days: [Number(first.body.data.day.slice(8))] });
    expect((await t.http.get('/api/v1/points', { headers })).body.data).toEqual({ points: 10, balanceCents: 0 });
    const ledger = await t.http.get('/api/v1/points/ledger', { headers });
    expect(ledger.body.data).toEqual([expect.objectContaining({ delta: 10, balanceAfter: 10, kind: 'CHECKIN' })]);
  });

  it('lets exactly one of 50 parallel check-ins of one user through', async () => {
    const { id, headers } = await loggedIn();
    const results = await Promise.all(Array.from({ length: 50 }, () => t.http.post('/api/v1/checkin', undefined, { headers })));
    expect(results.filter((r) => r.body.code === 0)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 1040)).toHaveLength(49);
    expect(await t.prisma.pointsEntry.count({ where: { userId: id } })).toBe(1);
    expect(await t.prisma.checkin.count({ where: { userId: id } })).toBe(1);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id } })).points).toBe(10);
  });

  it('spends points once per idempotency key and never below zero under 50 parallel spends', async () => {
    const { id, headers } = await loggedIn(100);
    const spend = (key: string, amount = 7) =>
      t.http.post('/api/v1/points/spend', { amount, reason: 'frame', idempotencyKey: key }, { headers });

    const first = await spend('order-1', 30);
    expect(first.body.data).toMatchObject({ delta: -30, balanceAfter: 70, replayed: false });
    const replay = await spend('order-1', 30);
    expect(replay.body.data).toMatchObject({ id: first.body.data.id, replayed: true });
    expect((await spend('order-2', 71)).body.code).toBe(1041);

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => spend(`race-${i}`)));
    const spent = results.filter((r) => r.body.code === 0).length;
    expect(spent).toBe(10); // 70 points buy ten spends of 7
    expect(results.filter((r) => r.body.code === 1041)).toHaveLength(40);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id } });
    const sum = await t.prisma.pointsEntry.aggregate({ where: { userId: id }, _sum: { delta: true } });
    expect(user.points).toBe(0);
    expect(100 + Number(sum._sum.delta)).toBe(user.points);
  });

  it('refuses malformed spends with catalogue codes', async () => {
    const { headers } = await loggedIn(10);
    expect((await t.http.post('/api/v1/points/spend', { amount: 0, reason: 'x', idempotencyKey: 'k' }, { headers })).body.code).toBe(1074);
    expect((await t.http.post('/api/v1/points/spend', { amount: 1, reason: 'x' }, { headers })).body.code).toBe(1011);
    expect((await t.http.get('/api/v1/points/ledger?page=0', { headers })).body.code).toBe(1045);
  });

  it('ranks the users of the calling app', async () => {
    const a = await loggedIn();
    const b = await loggedIn();
    await t.http.post('/api/v1/checkin', undefined, { headers: a.headers });
    await t.http.post('/api/v1/checkin', undefined, { headers: b.headers });
    await t.http.post('/api/v1/points/spend', { amount: 5, reason: 'x', idempotencyKey: 'b-1' }, { headers: b.headers });
    const board: { rank: number; uuid: string; points: number }[] = (
      await t.http.get('/api/v1/points/leaderboard?pageSize=100', { headers: a.headers })
    ).body.data;
    const rowOf = (id: string) => board.find((row) => row.uuid === id);
    expect(rowOf(a.id)).toMatchObject({ points: 10 });
    expect(rowOf(b.id)).toMatchObject({ points: 5 });
    expect(rowOf(a.id)!.rank).toBeLessThan(rowOf(b.id)!.rank);
    const points = board.map((row) => row.points);
    expect(points).toEqual([...points].sort((x, y) => y - x));
  });
});
