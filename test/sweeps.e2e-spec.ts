import { randomBytes, randomUUID } from 'node:crypto';

import { SESSION_RETENTION_DAYS, SessionsSweeps } from '../src/auth/sessions.sweeps';
import { randomToken, sha256 } from '../src/core/crypto/tokens';
import { EXPIRED_CREDENTIAL_RETENTION_DAYS, FilesSweeps } from '../src/files/files.sweeps';
import { insertUser, webAppId } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);
const inDays = (days: number): Date => new Date(Date.now() + days * DAY_MS);
const hash = (): Uint8Array<ArrayBuffer> => new Uint8Array(randomBytes(32));

/** What each periodic sweep of rows that only grow deletes, and what it leaves, on a real database. */
describe('sweeps of ended sessions, expired download credentials and abandoned upload reservations', () => {
  let t: TestApp;
  let idleDays: number;

  beforeAll(async () => {
    t = await createTestApp();
    idleDays = t.config.SESSION_IDLE_TIMEOUT / 86_400;
  });
  afterAll(() => t?.close());

  /** Sessions past their maximum age for just more and just less than the retention, ended early in other ways, and live; the names of those a sweep should delete. */
  function sessionsOfEveryAge(): { rows: Record<string, { expiresAt: Date; lastSeenAt: Date; revokedAt?: Date }>; swept: string[] } {
    const past = SESSION_RETENTION_DAYS + 1;
    const within = SESSION_RETENTION_DAYS - 1;
    return {
      rows: {
        live: { expiresAt: inDays(20), lastSeenAt: new Date() },
        'past its maximum age long ago': { expiresAt: daysAgo(past), lastSeenAt: daysAgo(past + 5) },
        'past its maximum age long ago, revoked before': {
          revokedAt: daysAgo(past + 10),
          expiresAt: daysAgo(past),
          lastSeenAt: daysAgo(past + 10),
        },
        'past its maximum age lately': { expiresAt: daysAgo(within), lastSeenAt: daysAgo(within) },
        // Ended before their maximum age: they wait for it like the others.
        'revoked long ago, maximum age to come': { revokedAt: daysAgo(past), expiresAt: inDays(1), lastSeenAt: daysAgo(past) },
        'idle long ago, maximum age to come': { expiresAt: inDays(1), lastSeenAt: daysAgo(idleDays + past) },
      },
      swept: ['past its maximum age long ago', 'past its maximum age long ago, revoked before'],
    };
  }

  type SessionTimes = ReturnType<typeof sessionsOfEveryAge>['rows'][string];

  /** Makes a session of every age with `create`, sweeps, and checks that exactly the long-expired ones went. */
  async function expectLongExpiredSwept(
    create: (times: SessionTimes) => Promise<string>,
    table: 'sessions' | 'end_user_sessions',
    remaining: (ids: string[]) => Promise<{ id: string }[]>,
  ): Promise<void> {
    const { rows, swept } = sessionsOfEveryAge();
    const ids = new Map<string, string>();
    for (const [name, times] of Object.entries(rows)) ids.set(name, await create(times));

    expect(await t.app.get(SessionsSweeps).sweep(table)).toBeGreaterThanOrEqual(swept.length);
    const left = new Set((await remaining([...ids.values()])).map((row) => row.id));
    const leftNames = [...ids].filter(([, id]) => left.has(id)).map(([name]) => name);
    expect(leftNames.sort()).toEqual(
      Object.keys(rows)
        .filter((name) => !swept.includes(name))
        .sort(),
    );
  }

  it(`forgets a user's sessions ${SESSION_RETENTION_DAYS} days past their maximum age, however they ended, and keeps the rest`, async () => {
    const user = await insertUser(t.prisma);
    const appId = await webAppId(t.prisma);
    await expectLongExpiredSwept(
      async (times) => (await t.prisma.session.create({ data: { userId: user.id, appId, keyHash: hash(), ...times } })).id,
      'sessions',
      (ids) => t.prisma.session.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    );
  });

  it("forgets end users' sessions by the same rule", async () => {
    const owner = await insertUser(t.prisma);
    const tag = randomBytes(4).toString('hex');
    const library = await t.prisma.userLibrary.create({
      data: { spanId: `sp${tag}`, ownerId: owner.id, name: 'pool', expiresAt: inDays(30) },
    });
    const app = await t.prisma.developerApp.create({
      data: {
        apiId: `dk${tag}`,
        ownerId: owner.id,
        name: 'game',
        keyCiphertext: new Uint8Array([1]),
        userCap: 10,
        expiresAt: inDays(30),
        libraryId: library.id,
      },
    });
    const endUser = await t.prisma.endUser.create({
      data: { libraryId: library.id, appId: app.id, username: `p${tag}`, passwordHash: 'x', nickname: 'n' },
    });
    await expectLongExpiredSwept(
      async (times) =>
        (await t.prisma.endUserSession.create({ data: { endUserId: endUser.id, appId: app.id, keyHash: hash(), ...times } })).id,
      'end_user_sessions',
      (ids) => t.prisma.endUserSession.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    );
  });

  it('forgets a backlog larger than one batch in one run, and stops after a batch once the process shuts down', async () => {
    const user = await insertUser(t.prisma);
    const appId = await webAppId(t.prisma);
    const ended = daysAgo(SESSION_RETENTION_DAYS + 1);
    const backlog = () =>
      t.prisma.session.createMany({
        data: Array.from({ length: 5001 }, () => ({ userId: user.id, appId, keyHash: hash(), expiresAt: ended, lastSeenAt: ended })),
      });
    const left = () => t.prisma.session.count({ where: { userId: user.id } });

    await backlog();
    expect(await t.app.get(SessionsSweeps).sweep('sessions')).toBeGreaterThanOrEqual(5001);
    expect(await left()).toBe(0);

    await backlog();
    const shuttingDown = new AbortController();
    shuttingDown.abort();
    expect(await t.app.get(SessionsSweeps).sweep('sessions', shuttingDown.signal)).toBe(5000);
    expect(await left()).toBe(1);
    await t.app.get(SessionsSweeps).sweep('sessions');
    expect(await left()).toBe(0);
  });

  it(`forgets download credentials ${EXPIRED_CREDENTIAL_RETENTION_DAYS} days past their expiry; until then a deleted file's still answers 1051`, async () => {
    const owner = await insertUser(t.prisma);
    const file = await t.prisma.file.create({
      data: {
        ownerId: owner.id,
        name: 'a.txt',
        type: 'txt',
        size: 1n,
        sha256: new Uint8Array(32),
        storageKey: `zz/${randomUUID()}`,
        deletedAt: new Date(),
      },
    });
    const credential = async (expiresAt: Date): Promise<string> => {
      const value = randomToken(32);
      await t.prisma.downloadCredential.create({ data: { fileId: file.id, tokenHash: sha256(value), maxDownloads: 1, expiresAt } });
      return value;
    };
    const lately = await credential(daysAgo(EXPIRED_CREDENTIAL_RETENTION_DAYS - 1));
    const longAgo = await credential(daysAgo(EXPIRED_CREDENTIAL_RETENTION_DAYS + 1));

    expect(await t.app.get(FilesSweeps).sweepCredentials()).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.downloadCredential.count({ where: { fileId: file.id } })).toBe(1);
    expect((await t.http.get(`/api/v1/download/${lately}`)).body.code).toBe(1051);
    expect((await t.http.get(`/api/v1/download/${longAgo}`)).body.code).toBe(1050);
  });

  it('forgets upload reservations past their time, which no longer count, and keeps those of uploads in flight', async () => {
    const user = await insertUser(t.prisma);
    const abandoned = randomUUID();
    const inFlight = randomUUID();
    await t.prisma.uploadReservation.createMany({
      data: [
        { id: abandoned, userId: user.id, bytes: 1000n, expiresAt: new Date(Date.now() - 1000) },
        { id: inFlight, userId: user.id, bytes: 1000n, expiresAt: new Date(Date.now() + 3600_000) },
      ],
    });
    expect(await t.app.get(FilesSweeps).sweepReservations()).toBeGreaterThanOrEqual(1);
    const left = await t.prisma.uploadReservation.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left.map((row) => row.id)).toEqual([inFlight]);
  });
});
