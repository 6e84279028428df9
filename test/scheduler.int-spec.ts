import type { HttpAdapterHost } from '@nestjs/core';

import { loadConfig } from '../src/core/config/app-config';
import { PrismaService } from '../src/core/database/prisma.service';
import { Metrics } from '../src/core/metrics/metrics';
import { claimNextPeriod } from '../src/core/schedule/schedule.sql';
import { Scheduler } from '../src/core/schedule/scheduler';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { until } from './support/until';

const MAX_BEHIND = 10;

/** The claim of scheduled periods, raced as many processes race it at each period's start. */
describe('claiming periods of a periodic job (scheduled_runs)', () => {
  let database: TestDatabase;
  let prisma: PrismaService;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = new PrismaService(database.url, loadConfig({ NODE_ENV: 'test', DATABASE_POOL_SIZE: '20' }), new Metrics(false));
  });
  afterAll(async () => {
    await prisma?.onModuleDestroy();
    await database?.drop();
  });

  const race = (job: string, current: number, n = 20) =>
    Promise.all(Array.from({ length: n }, () => claimNextPeriod(prisma, job, current, MAX_BEHIND)));

  it('gives each period to exactly one of many claims made at once', async () => {
    const first = await race('raced', 1000);
    expect(first.filter((period) => period !== undefined)).toEqual([1000]);
    const again = await race('raced', 1000);
    expect(again.filter((period) => period !== undefined)).toEqual([]);
    const next = await race('raced', 1001);
    expect(next.filter((period) => period !== undefined)).toEqual([1001]);
  });

  it('hands out the periods not yet run in order, one per claim, so none is skipped', async () => {
    expect(await claimNextPeriod(prisma, 'late', 500, MAX_BEHIND)).toBe(500);
    // Three periods later, racing claims take 501, 502 and 503, each once, and nothing more.
    const claimed = (await race('late', 503, 10)).filter((period): period is number => period !== undefined);
    expect(claimed.sort((a, b) => a - b)).toEqual([501, 502, 503]);
    expect(await claimNextPeriod(prisma, 'late', 503, MAX_BEHIND)).toBeUndefined();
  });

  it('resumes near the present after a long stop instead of making up every period', async () => {
    expect(await claimNextPeriod(prisma, 'stopped', 10, MAX_BEHIND)).toBe(10);
    expect(await claimNextPeriod(prisma, 'stopped', 1000, MAX_BEHIND)).toBe(1000 - MAX_BEHIND);
    const row = await prisma.scheduledRun.findUniqueOrThrow({ where: { job: 'stopped' } });
    expect(row).toMatchObject({ period: BigInt(1000 - MAX_BEHIND), finishedAt: null, outcome: null });
  });

  it('tells a run in flight that the process is shutting down, and waits for it to end', async () => {
    // A serving process's scheduler (it has an HTTP adapter), with one job of a 1 s period.
    const scheduler = new Scheduler(prisma, loadConfig({ NODE_ENV: 'test' }), { httpAdapter: {} } as HttpAdapterHost);
    let started = false;
    let ended = false;
    scheduler.register({
      name: 'long-sweep',
      everySeconds: 1,
      run: async (stopping) => {
        started = true;
        await new Promise((resolve) => stopping.addEventListener('abort', resolve));
        ended = true;
        return 7;
      },
    });
    scheduler.onApplicationBootstrap();
    await until(() => started, 5000);
    await scheduler.onModuleDestroy();
    expect(ended).toBe(true);
    const row = await prisma.scheduledRun.findUniqueOrThrow({ where: { job: 'long-sweep' } });
    expect(row.outcome).toBe('7 rows');
  });
});
