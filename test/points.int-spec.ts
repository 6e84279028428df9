import { CheckinService } from '../src/points/checkin.service';
import { LedgerService } from '../src/points/ledger.service';
import { PointsService } from '../src/points/points.service';
import { insertUser, webAppId } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** Shanghai wall-clock time as an instant. */
const shanghai = (local: string): Date => new Date(`${local}+08:00`);

describe('daily check-in (TZ_CHECKIN=Asia/Shanghai)', () => {
  let t: TestApp;
  let checkins: CheckinService;
  let appId: number;

  beforeAll(async () => {
    t = await createTestApp({
      env: { TZ_CHECKIN: 'Asia/Shanghai', CHECKIN_BASE_POINTS: '10', CHECKIN_STREAK_BONUS: '2', CHECKIN_STREAK_BONUS_CAP: '6' },
    });
    checkins = t.app.get(CheckinService);
    appId = await webAppId(t.prisma);
  });
  afterAll(() => t.close());

  it('counts 23:59:59 and 00:00:00 local time as two days, and refuses a second check-in the same day (1040)', async () => {
    const user = await insertUser(t.prisma);
    const late = await checkins.checkIn(user.id, appId, shanghai('2026-11-28T23:59:59'));
    expect(late).toEqual({ day: '2026-11-28', reward: 10, streak: 1, points: 10 });
    await expect(checkins.checkIn(user.id, appId, shanghai('2026-11-28T08:00:00'))).rejects.toMatchObject({ code: 1040 });

    const midnight = await checkins.checkIn(user.id, appId, shanghai('2026-11-29T00:00:00'));
    expect(midnight).toEqual({ day: '2026-11-29', reward: 12, streak: 2, points: 22 });
  });

  it('grows the streak bonus up to its cap and resets it after a missed day', async () => {
    const user = await insertUser(t.prisma);
    const rewards: number[] = [];
    for (const day of ['01', '02', '03', '04', '05', '06']) {
      rewards.push((await checkins.checkIn(user.id, appId, shanghai(`2026-12-${day}T12:00:00`))).reward);
    }
    expect(rewards).toEqual([10, 12, 14, 16, 16, 16]);
    const afterGap = await checkins.checkIn(user.id, appId, shanghai('2026-12-08T12:00:00'));
    expect(afterGap).toMatchObject({ streak: 1, reward: 10, points: 84 + 10 });
  });

  it('keeps check-ins of different apps apart', async () => {
    const user = await insertUser(t.prisma);
    const other = await t.prisma.app.create({ data: { appId: 'bot', name: 'Bot' } });
    await checkins.checkIn(user.id, appId, shanghai('2026-11-28T10:00:00'));
    await expect(checkins.checkIn(user.id, other.id, shanghai('2026-11-28T10:00:00'))).resolves.toMatchObject({ streak: 1 });
  });

  it('lets exactly one of 50 parallel check-ins through, with exactly one ledger row', async () => {
    const user = await insertUser(t.prisma);
    const now = shanghai('2026-11-30T09:00:00');
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => checkins.checkIn(user.id, appId, now)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason.code === 1040)).toBe(true);
    expect(await t.prisma.pointsEntry.count({ where: { userId: user.id } })).toBe(1);
    expect(await t.prisma.checkin.count({ where: { userId: user.id } })).toBe(1);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).points).toBe(10);
  });

  it('shows the month as a calendar with today and the live streak', async () => {
    const user = await insertUser(t.prisma);
    for (const day of ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-05']) {
      await checkins.checkIn(user.id, appId, shanghai(`${day}T20:00:00`));
    }
    expect(await checkins.month(user.id, appId, shanghai('2026-11-05T23:00:00'))).toEqual({
      checkedInToday: true,
      streak: 1,
      month: '2026-11',
      days: [1, 2, 5],
    });
    expect(await checkins.month(user.id, appId, shanghai('2026-11-06T01:00:00'))).toMatchObject({ checkedInToday: false, streak: 1 });
    expect(await checkins.month(user.id, appId, shanghai('2026-11-07T01:00:00'))).toMatchObject({ streak: 0 });
    expect(await checkins.month(user.id, appId, shanghai('2026-11-02T09:00:00'))).toMatchObject({ streak: 3 });
  });
});

describe('points and balance ledgers', () => {
  let t: TestApp;
  let points: PointsService;
  let ledger: LedgerService;
  let appId: number;

  beforeAll(async () => {
    t = await createTestApp();
    points = t.app.get(PointsService);
    ledger = t.app.get(LedgerService);
    appId = await webAppId(t.prisma);
  });
  afterAll(() => t.close());

  const total = async (userId: string): Promise<number> => (await t.prisma.user.findUniqueOrThrow({ where: { id: userId } })).points;
  const ledgerSum = async (userId: string): Promise<number> =>
    (await t.prisma.pointsEntry.aggregate({ where: { userId }, _sum: { delta: true } }))._sum.delta ?? 0;

  it('spends points through a ledger row and refuses more than there is (1041)', async () => {
    const user = await insertUser(t.prisma);
    await ledger.apply('points', { userId: user.id, delta: 100n, kind: 'ADMIN', reason: 'grant' });
    const entry = await points.spend(user.id, appId, { amount: 30, reason: 'hat', idempotencyKey: 'k1' });
    expect(entry).toMatchObject({ delta: -30n, balanceAfter: 70n, kind: 'SPEND', replayed: false });
    await expect(points.spend(user.id, appId, { amount: 71, reason: 'car', idempotencyKey: 'k2' })).rejects.toMatchObject({ code: 1041 });
    expect(await total(user.id)).toBe(70);
    expect(await ledgerSum(user.id)).toBe(70);
  });

  it('returns the first result for a repeated idempotency key and moves nothing, even when replayed in parallel', async () => {
    const user = await insertUser(t.prisma);
    await ledger.apply('points', { userId: user.id, delta: 100n, kind: 'ADMIN', reason: 'grant' });
    const first = await points.spend(user.id, appId, { amount: 40, reason: 'lamp', idempotencyKey: 'order-7' });
    // A client that crashed after sending, and retries, gets the same entry back.
    const again = await points.spend(user.id, appId, { amount: 40, reason: 'lamp', idempotencyKey: 'order-7' });
    expect(again).toMatchObject({ id: first.id, balanceAfter: 60n, replayed: true });

    const racing = await Promise.all(
      Array.from({ length: 20 }, () => points.spend(user.id, appId, { amount: 10, reason: 'pen', idempotencyKey: 'order-8' })),
    );
    expect(new Set(racing.map((e) => e.id)).size).toBe(1);
    expect(racing.filter((e) => !e.replayed)).toHaveLength(1);
    expect(await total(user.id)).toBe(50);
    expect(await ledgerSum(user.id)).toBe(50);
  });

  it('never goes below zero under 50 parallel spends that together exceed the total', async () => {
    const user = await insertUser(t.prisma);
    await ledger.apply('points', { userId: user.id, delta: 100n, kind: 'ADMIN', reason: 'grant' });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => points.spend(user.id, appId, { amount: 7, reason: 'sweet', idempotencyKey: `s${i}` })),
    );
    const spent = results.filter((r) => r.status === 'fulfilled').length;
    expect(spent).toBe(14); // 14 x 7 = 98 <= 100 < 105
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.reason.code === 1041)).toBe(true);
    expect(await total(user.id)).toBe(2);
    expect(await ledgerSum(user.id)).toBe(2);
  });

  it('keeps the balance in integer cents with the same rules (1059 when too low)', async () => {
    const user = await insertUser(t.prisma);
    await ledger.apply('balance', { userId: user.id, delta: 1999n, kind: 'ADMIN', reason: 'top-up' });
    await expect(ledger.apply('balance', { userId: user.id, delta: -2000n, kind: 'DEVELOPER', reason: 'app' })).rejects.toMatchObject({
      code: 1059,
    });
    const paid = await ledger.apply('balance', { userId: user.id, delta: -1999n, kind: 'DEVELOPER', reason: 'app' });
    expect(paid.balanceAfter).toBe(0n);
    expect((await points.totals(user.id)).balanceCents).toBe(0n);
    expect(await t.prisma.balanceEntry.count({ where: { userId: user.id } })).toBe(2);
  });

  it('answers 1058 for a user that does not exist', async () => {
    await expect(
      ledger.apply('points', { userId: '00000000-0000-4000-8000-000000000000', delta: 5n, kind: 'ADMIN', reason: 'x' }),
    ).rejects.toMatchObject({ code: 1058 });
  });

  it('lists a user’s entries newest first, paged', async () => {
    const user = await insertUser(t.prisma);
    for (const n of [1, 2, 3]) await ledger.apply('points', { userId: user.id, delta: BigInt(n), kind: 'ADMIN', reason: `r${n}` });
    expect((await points.history('points', user.id, { page: 1, pageSize: 2 })).map((e) => e.reason)).toEqual(['r3', 'r2']);
    expect((await points.history('points', user.id, { page: 2, pageSize: 2 })).map((e) => e.reason)).toEqual(['r1']);
  });

  it('ranks the users of an app by the points they hold from it', async () => {
    const app = await t.prisma.app.create({ data: { appId: 'ranked', name: 'Ranked' } });
    const [a, b, c] = [await insertUser(t.prisma), await insertUser(t.prisma), await insertUser(t.prisma)];
    await ledger.apply('points', { userId: a.id, appId: app.id, delta: 50n, kind: 'CHECKIN', reason: 'x' });
    await ledger.apply('points', { userId: b.id, appId: app.id, delta: 80n, kind: 'CHECKIN', reason: 'x' });
    await ledger.apply('points', { userId: c.id, appId: app.id, delta: 60n, kind: 'CHECKIN', reason: 'x' });
    await ledger.apply('points', { userId: b.id, appId: app.id, delta: -40n, kind: 'SPEND', reason: 'x' });
    await ledger.apply('points', { userId: a.id, delta: 1000n, kind: 'ADMIN', reason: 'not from this app' });
    const top = await points.leaderboard(app.id, { page: 1, pageSize: 2 });
    expect(top.map((row) => [row.rank, row.uuid, row.points])).toEqual([
      [1, c.id, 60],
      [2, a.id, 50],
    ]);
    expect((await points.leaderboard(app.id, { page: 2, pageSize: 2 })).map((row) => [row.rank, row.uuid])).toEqual([[3, b.id]]);
  });
});
