import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';

import { migrate, MIGRATIONS_DIR, readMigrations } from '../src/core/database/migrator';
import { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { createTestDatabase, TestDatabase } from './support/test-database';

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const databases: TestDatabase[] = [];
  const fresh = async (): Promise<TestDatabase> => {
    const database = await createTestDatabase({ migrated: false });
    databases.push(database);
    return database;
  };
  afterAll(() => Promise.all(databases.map((database) => database.drop())));

  it('migrates a fresh database and records each migration as Prisma does', async () => {
    const database = await fresh();
    const onDisk = await readMigrations();
    expect(onDisk.length).toBeGreaterThan(0);

    const { applied } = await migrate(database.url);
    expect(applied).toEqual(onDisk.map((m) => m.name));

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number }>(
      database.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(applied);
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing on a second run', async () => {
    const database = await fresh();
    await migrate(database.url);
    const second = await migrate(database.url);
    expect(second.applied).toEqual([]);
  });

  it('applies each migration once when several processes start at the same moment', async () => {
    const database = await fresh();
    const runs = await Promise.all(Array.from({ length: 5 }, () => migrate(database.url)));
    const names = (await readMigrations()).map((m) => m.name);
    expect(runs.flatMap((run) => run.applied).sort()).toEqual([...names].sort());
    const rows = await query<{ migration_name: string; n: string }>(
      database.url,
      'SELECT migration_name, count(*) AS n FROM "_prisma_migrations" GROUP BY migration_name',
    );
    expect(rows).toHaveLength(names.length);
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
  });

  it('records a failed migration, rolls its changes back and refuses to go on until resolved', async () => {
    const database = await fresh();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      mkdirSync(path.join(dir, '29991231000000_broken'));
      writeFileSync(
        path.join(dir, '29991231000000_broken', 'migration.sql'),
        'CREATE TABLE "half_done" (id int);\nSELECT no_such_function();\n',
      );
      await expect(migrate(database.url, dir)).rejects.toThrow(/29991231000000_broken failed/);

      const [row] = await query<{ finished_at: Date | null; logs: string }>(
        database.url,
        `SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`,
      );
      expect(row.finished_at).toBeNull();
      expect(row.logs).toMatch(/no_such_function/);
      const [table] = await query<{ t: string | null }>(database.url, `SELECT to_regclass('half_done')::text AS t`);
      expect(table.t).toBeNull();

      await expect(migrate(database.url, dir)).rejects.toThrow(/failed earlier and was not resolved/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('every model of the schema', () => {
    let prisma: PrismaClient;
    beforeAll(async () => {
      const database = await fresh();
      await migrate(database.url);
      prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    });
    afterAll(() => prisma.$disconnect());

    const memberGroup = async (): Promise<number> => (await prisma.group.findUniqueOrThrow({ where: { name: 'member' } })).id;

    /** One write-and-read-back per model; a model without one fails the test below. */
    const roundTrips: Record<Prisma.ModelName, () => Promise<void>> = {
      Group: async () => {
        const group = await prisma.group.create({
          data: { name: 'testers', rank: 15, permissions: ['a.b', 'c.d'], storageQuotaBytes: 5_000_000_000n },
        });
        expect(await prisma.group.findUniqueOrThrow({ where: { id: group.id } })).toEqual(group);
        await expect(prisma.group.update({ where: { id: group.id }, data: { storageQuotaBytes: -1n } })).rejects.toThrow();
      },
      User: async () => {
        const groupId = await memberGroup();
        const user = await prisma.user.create({
          data: {
            username: 'Alice_1',
            email: 'alice@example.com',
            passwordHash: '$2b$04$'.padEnd(60, 'x'),
            nickname: '爱丽丝 🌸',
            groupId,
            balanceCents: 12345n,
          },
        });
        expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
        expect(user.status).toBe('PENDING');
        expect(user.locale).toBe('zh');
        expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
        await expect(
          prisma.user.create({ data: { username: 'ALICE_1', email: 'other@example.com', passwordHash: 'x', nickname: 'n', groupId } }),
        ).rejects.toThrow(/Unique constraint/);
        await expect(
          prisma.user.create({ data: { username: 'bob', email: 'Bob@Example.com', passwordHash: 'x', nickname: 'n', groupId } }),
        ).rejects.toThrow();
      },
      App: async () => {
        const app = await prisma.app.create({
          data: {
            appId: 'mobile',
            name: 'Mobile',
            keyCiphertext: new Uint8Array([1, 2, 3]),
            previousKeyCiphertext: new Uint8Array([4, 5]),
            previousKeyExpiresAt: new Date(),
            scopes: ['accounts'],
            allowedDomains: ['example.com'],
          },
        });
        expect(await prisma.app.findUniqueOrThrow({ where: { appId: 'mobile' } })).toEqual(app);
      },
      RequestNonce: async () => {
        const nonce = await prisma.requestNonce.create({
          data: { appId: 'mobile', nonce: 'abcdefghijklmnop', expiresAt: new Date() },
        });
        expect(
          await prisma.requestNonce.findUniqueOrThrow({ where: { appId_nonce: { appId: 'mobile', nonce: 'abcdefghijklmnop' } } }),
        ).toEqual(nonce);
      },
      RateLimitCounter: async () => {
        const counter = await prisma.rateLimitCounter.create({
          data: { key: 'ip:127.0.0.1', window: 29_000_000n, count: 3, expiresAt: new Date() },
        });
        expect(
          await prisma.rateLimitCounter.findUniqueOrThrow({ where: { key_window: { key: 'ip:127.0.0.1', window: 29_000_000n } } }),
        ).toEqual(counter);
      },
      Checkin: async () => {
        const user = await prisma.user.findFirstOrThrow();
        const app = await prisma.app.findFirstOrThrow();
        const checkin = await prisma.checkin.create({
          data: { userId: user.id, appId: app.id, day: new Date('2026-11-28T00:00:00Z'), streak: 3, reward: 14 },
        });
        expect(await prisma.checkin.findUniqueOrThrow({ where: { id: checkin.id } })).toEqual(checkin);
      },
      PointsEntry: async () => {
        const user = await prisma.user.findFirstOrThrow();
        const entry = await prisma.pointsEntry.create({
          data: { userId: user.id, kind: 'ADMIN', delta: 5, balanceAfter: 5, reason: 'grant', idempotencyKey: 'k' },
        });
        expect(await prisma.pointsEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
      },
      BalanceEntry: async () => {
        const user = await prisma.user.findFirstOrThrow();
        const entry = await prisma.balanceEntry.create({
          data: { userId: user.id, appId: 1, kind: 'DEVELOPER', delta: -250n, balanceAfter: 0n, reason: 'app' },
        });
        expect(await prisma.balanceEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
      },
      EmailVerification: async () => {
        const user = await prisma.user.findFirstOrThrow();
        const row = await prisma.emailVerification.create({
          data: { userId: user.id, tokenHash: new Uint8Array(32).fill(7), expiresAt: new Date() },
        });
        expect(await prisma.emailVerification.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
        await expect(
          prisma.emailVerification.create({ data: { userId: user.id, tokenHash: new Uint8Array(32).fill(7), expiresAt: new Date() } }),
        ).rejects.toThrow(/Unique constraint/);
      },
      PasswordReset: async () => {
        const user = await prisma.user.findFirstOrThrow();
        const row = await prisma.passwordReset.create({
          data: { userId: user.id, codeHash: new Uint8Array(32).fill(1), expiresAt: new Date() },
        });
        expect(await prisma.passwordReset.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
      },
      Captcha: async () => {
        const row = await prisma.captcha.create({ data: { answerHash: new Uint8Array(32).fill(2), expiresAt: new Date() } });
        expect(await prisma.captcha.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
      },
      CaptchaSolution: async () => {
        const row = await prisma.captchaSolution.create({ data: { challengeHash: new Uint8Array(32).fill(4), expiresAt: new Date() } });
        expect(await prisma.captchaSolution.findUniqueOrThrow({ where: { challengeHash: row.challengeHash } })).toEqual(row);
        await expect(
          prisma.captchaSolution.create({ data: { challengeHash: new Uint8Array(32).fill(4), expiresAt: new Date() } }),
        ).rejects.toThrow(/Unique constraint/);
        await expect(
          prisma.captchaSolution.create({ data: { challengeHash: new Uint8Array(16), expiresAt: new Date() } }),
        ).rejects.toThrow();
      },
      ScheduledRun: async () => {
        const row = await prisma.scheduledRun.create({ data: { job: 'a-sweep', period: 29_933_760n, startedAt: new Date() } });
        expect(await prisma.scheduledRun.findUniqueOrThrow({ where: { job: 'a-sweep' } })).toEqual({
          ...row,
          finishedAt: null,
          outcome: null,
        });
        await expect(prisma.scheduledRun.create({ data: { job: 'a-sweep', period: 1n, startedAt: new Date() } })).rejects.toThrow(
          /Unique constraint/,
        );
        await expect(prisma.scheduledRun.create({ data: { job: 'b-sweep', period: -1n, startedAt: new Date() } })).rejects.toThrow();
      },
      Session: async () => {
        const user = await prisma.user.findFirstOrThrow();
        const app = await prisma.app.findFirstOrThrow();
        const row = await prisma.session.create({
          data: {
            userId: user.id,
            appId: app.id,
            keyHash: new Uint8Array(32).fill(3),
            ip: '::1',
            userAgent: 'jest',
            expiresAt: new Date(),
          },
        });
        expect(await prisma.session.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
        expect(row.loginMethod).toBe('PASSWORD');
      },
      AuditEntry: async () => {
        const entry = await prisma.auditEntry.create({
          data: { action: 'user.ban', targetType: 'user', targetId: 'x', ip: '127.0.0.1', details: { reason: 'spam', n: 2 } },
        });
        expect(await prisma.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
        await expect(prisma.auditEntry.update({ where: { id: entry.id }, data: { action: 'changed' } })).rejects.toThrow(/append-only/);
        await expect(prisma.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
      },
      Message: async () => {
        const groupId = await memberGroup();
        const recipient = await prisma.user.create({
          data: { username: 'inbox', email: 'inbox@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const sender = await prisma.user.create({
          data: { username: 'outbox', email: 'outbox@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const message = await prisma.message.create({
          data: { recipientId: recipient.id, senderId: sender.id, title: '你好 👋', body: 'x'.repeat(5000) },
        });
        expect(await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).toEqual(message);
        await prisma.user.delete({ where: { id: sender.id } });
        expect((await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).senderId).toBeNull();
        await prisma.user.delete({ where: { id: recipient.id } });
        expect(await prisma.message.count({ where: { id: message.id } })).toBe(0);
      },
      DeveloperApp: async () => {
        const groupId = await memberGroup();
        const owner = await prisma.user.create({
          data: { username: 'dev', email: 'dev@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const app = await prisma.developerApp.create({
          data: {
            apiId: 'dk0123456789abcdef0123',
            ownerId: owner.id,
            name: '游戏 🎮',
            keyCiphertext: new Uint8Array([9, 8, 7]),
            userCap: 1000,
            expiresAt: new Date(),
          },
        });
        expect(await prisma.developerApp.findUniqueOrThrow({ where: { apiId: app.apiId } })).toEqual(app);
        expect(app.status).toBe('ENABLED');
        await expect(
          prisma.developerApp.create({
            data: { apiId: app.apiId, ownerId: owner.id, name: 'x', keyCiphertext: new Uint8Array([1]), userCap: 1, expiresAt: new Date() },
          }),
        ).rejects.toThrow(/Unique constraint/);
        await prisma.user.delete({ where: { id: owner.id } });
        expect(await prisma.developerApp.count({ where: { id: app.id } })).toBe(0);
      },
      Tutorial: async () => {
        const groupId = await memberGroup();
        const author = await prisma.user.create({
          data: { username: 'writer', email: 'writer@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const tutorial = await prisma.tutorial.create({
          data: { authorId: author.id, title: '教程 📘', body: '# Hello\n\n'.padEnd(100_000, 'x') },
        });
        expect(await prisma.tutorial.findUniqueOrThrow({ where: { id: tutorial.id } })).toEqual(tutorial);
        expect(tutorial).toMatchObject({ status: 'DRAFT', views: 0, publishedAt: null });
        // The database itself refuses what the API must never store.
        await expect(prisma.tutorial.create({ data: { authorId: author.id, title: '', body: 'b' } })).rejects.toThrow();
        await expect(prisma.tutorial.create({ data: { authorId: author.id, title: 't', body: 'x'.repeat(100_001) } })).rejects.toThrow();
        await expect(
          prisma.tutorial.create({ data: { authorId: author.id, title: 't', body: 'b', status: 'PUBLISHED' } }),
        ).rejects.toThrow();
        await expect(prisma.tutorial.update({ where: { id: tutorial.id }, data: { views: -1 } })).rejects.toThrow();
        await expect(prisma.tutorial.update({ where: { id: tutorial.id }, data: { likes: -1 } })).rejects.toThrow();
        await expect(
          prisma.tutorial.update({ where: { id: tutorial.id }, data: { tags: Array.from({ length: 9 }, (_, i) => `t${i}`) } }),
        ).rejects.toThrow();
        const cover = await prisma.file.create({
          data: { ownerId: author.id, name: 'c.png', type: 'png', size: 1n, sha256: new Uint8Array(32), storageKey: 'cd/cover' },
        });
        const rendered = await prisma.tutorial.update({
          where: { id: tutorial.id },
          data: { html: '<h1>Hello</h1>', summary: 'Hello', excerpt: '摘要', tags: ['入门', 'node.js'], coverFileId: cover.id },
        });
        expect(await prisma.tutorial.findUniqueOrThrow({ where: { id: tutorial.id } })).toEqual(rendered);
        await prisma.file.delete({ where: { id: cover.id } });
        expect((await prisma.tutorial.findUniqueOrThrow({ where: { id: tutorial.id } })).coverFileId).toBeNull();
        await prisma.user.delete({ where: { id: author.id } });
        expect(await prisma.tutorial.count({ where: { id: tutorial.id } })).toBe(0);
      },
      TutorialLike: async () => {
        const groupId = await memberGroup();
        const author = await prisma.user.create({
          data: { username: 'liked', email: 'liked@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const fan = await prisma.user.create({
          data: { username: 'fan', email: 'fan@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const tutorial = await prisma.tutorial.create({
          data: { authorId: author.id, title: 't', body: 'b', status: 'PUBLISHED', publishedAt: new Date() },
        });
        const like = await prisma.tutorialLike.create({ data: { tutorialId: tutorial.id, userId: fan.id } });
        expect(
          await prisma.tutorialLike.findUniqueOrThrow({ where: { tutorialId_userId: { tutorialId: tutorial.id, userId: fan.id } } }),
        ).toEqual(like);
        await expect(prisma.tutorialLike.create({ data: { tutorialId: tutorial.id, userId: fan.id } })).rejects.toThrow(
          /Unique constraint/,
        );
        await prisma.user.delete({ where: { id: fan.id } });
        expect(await prisma.tutorialLike.count({ where: { tutorialId: tutorial.id } })).toBe(0);
        await prisma.tutorialLike.create({ data: { tutorialId: tutorial.id, userId: author.id } });
        await prisma.tutorial.delete({ where: { id: tutorial.id } });
        expect(await prisma.tutorialLike.count({ where: { userId: author.id } })).toBe(0);
      },
      Report: async () => {
        const groupId = await memberGroup();
        const reporter = await prisma.user.create({
          data: { username: 'reporter', email: 'reporter@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const reviewer = await prisma.user.create({
          data: { username: 'reviewer', email: 'reviewer@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const target = { reporterId: reporter.id, targetType: 'tutorial' as const, targetId: randomUUID(), reason: 'spam' as const };
        const report = await prisma.report.create({ data: { ...target, detail: '广告 📢' } });
        expect(await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).toEqual(report);
        expect(report).toMatchObject({ status: 'pending', reviewerId: null, reviewedAt: null });
        // One open report per reporter and target; a reviewed one does not count.
        await expect(prisma.report.create({ data: target })).rejects.toThrow(/Unique constraint/);
        await expect(prisma.report.update({ where: { id: report.id }, data: { status: 'approved' } })).rejects.toThrow();
        await prisma.report.update({
          where: { id: report.id },
          data: { status: 'approved', reviewerId: reviewer.id, reviewedAt: new Date(), note: 'ok' },
        });
        const second = await prisma.report.create({ data: target });
        await prisma.user.delete({ where: { id: reviewer.id } });
        expect((await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).reviewerId).toBeNull();
        await prisma.user.delete({ where: { id: reporter.id } });
        expect(await prisma.report.count({ where: { id: { in: [report.id, second.id] } } })).toBe(0);
      },
      TutorialView: async () => {
        const groupId = await memberGroup();
        const author = await prisma.user.create({
          data: { username: 'author', email: 'author@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const reader = await prisma.user.create({
          data: { username: 'reader', email: 'reader@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const tutorial = await prisma.tutorial.create({
          data: { authorId: author.id, title: 't', body: 'b', status: 'PUBLISHED', publishedAt: new Date() },
        });
        const view = await prisma.tutorialView.create({ data: { tutorialId: tutorial.id, userId: reader.id } });
        const key = { tutorialId_userId: { tutorialId: tutorial.id, userId: reader.id } };
        expect(await prisma.tutorialView.findUniqueOrThrow({ where: key })).toEqual(view);
        await expect(prisma.tutorialView.create({ data: { tutorialId: tutorial.id, userId: reader.id } })).rejects.toThrow(
          /Unique constraint/,
        );
        await prisma.user.delete({ where: { id: reader.id } });
        expect(await prisma.tutorialView.count({ where: { tutorialId: tutorial.id } })).toBe(0);
        await prisma.tutorialView.create({ data: { tutorialId: tutorial.id, userId: author.id } });
        await prisma.tutorial.delete({ where: { id: tutorial.id } });
        expect(await prisma.tutorialView.count({ where: { userId: author.id } })).toBe(0);
      },
      File: async () => {
        const groupId = await memberGroup();
        const owner = await prisma.user.create({
          data: { username: 'uploader', email: 'uploader@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const data = { ownerId: owner.id, name: '报告 📄.pdf', type: 'pdf', size: 5_000_000_000n, sha256: new Uint8Array(32).fill(5) };
        const file = await prisma.file.create({ data: { ...data, storageKey: 'ab/one' } });
        expect(await prisma.file.findUniqueOrThrow({ where: { id: file.id } })).toEqual(file);
        expect(file.deletedAt).toBeNull();
        await expect(prisma.file.create({ data: { ...data, storageKey: 'ab/one' } })).rejects.toThrow(/Unique constraint/);
        await expect(prisma.file.create({ data: { ...data, type: 'tar.gz', storageKey: 'ab/two' } })).rejects.toThrow();
        await expect(prisma.file.create({ data: { ...data, size: 0n, storageKey: 'ab/three' } })).rejects.toThrow();
        await prisma.user.delete({ where: { id: owner.id } });
        expect(await prisma.file.count({ where: { id: file.id } })).toBe(0);
      },
      DownloadCredential: async () => {
        const groupId = await memberGroup();
        const owner = await prisma.user.create({
          data: { username: 'sharer', email: 'sharer@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const file = await prisma.file.create({
          data: { ownerId: owner.id, name: 'a', type: 'txt', size: 1n, sha256: new Uint8Array(32), storageKey: 'cd/one' },
        });
        const credential = await prisma.downloadCredential.create({
          data: { fileId: file.id, tokenHash: new Uint8Array(32).fill(9), maxDownloads: 2, expiresAt: new Date() },
        });
        expect(await prisma.downloadCredential.findUniqueOrThrow({ where: { id: credential.id } })).toEqual(credential);
        expect({ downloads: credential.downloads, bytesServed: credential.bytesServed }).toEqual({ downloads: 0, bytesServed: 0n });
        await expect(
          prisma.downloadCredential.create({
            data: { fileId: file.id, tokenHash: new Uint8Array(32).fill(9), maxDownloads: 1, expiresAt: new Date() },
          }),
        ).rejects.toThrow(/Unique constraint/);
        // The database holds the limit whatever the code does.
        await expect(prisma.downloadCredential.update({ where: { id: credential.id }, data: { downloads: 3 } })).rejects.toThrow();
        await expect(prisma.downloadCredential.update({ where: { id: credential.id }, data: { bytesServed: -1n } })).rejects.toThrow();
        await prisma.file.delete({ where: { id: file.id } });
        expect(await prisma.downloadCredential.count({ where: { id: credential.id } })).toBe(0);
      },
      MailOutbox: async () => {
        const data = {
          id: randomUUID(),
          recipient: 'Queued@Example.com',
          template: 'verify-email',
          locale: 'en',
          payload: new Uint8Array([1, 2, 3]),
        };
        const row = await prisma.mailOutbox.create({ data });
        expect(await prisma.mailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
        expect(row).toMatchObject({ attempts: 0, sentAt: null, failedAt: null, lastError: null });
        // The database erases the secret with the outcome: a sent mail keeps no payload, a waiting one needs it.
        await expect(prisma.mailOutbox.update({ where: { id: row.id }, data: { sentAt: new Date() } })).rejects.toThrow();
        await expect(prisma.mailOutbox.create({ data: { ...data, id: randomUUID(), payload: null } })).rejects.toThrow();
        await prisma.mailOutbox.update({ where: { id: row.id }, data: { sentAt: new Date(), payload: null } });
        await expect(prisma.mailOutbox.update({ where: { id: row.id }, data: { failedAt: new Date() } })).rejects.toThrow();
        await expect(prisma.mailOutbox.create({ data: { ...data, id: randomUUID(), locale: 'fr' } })).rejects.toThrow();
      },
      UploadReservation: async () => {
        const groupId = await memberGroup();
        const owner = await prisma.user.create({
          data: { username: 'uploading', email: 'uploading@example.com', passwordHash: 'x', nickname: 'n', groupId },
        });
        const reservation = await prisma.uploadReservation.create({
          data: { id: randomUUID(), userId: owner.id, bytes: 5_000_000_000n, expiresAt: new Date() },
        });
        expect(await prisma.uploadReservation.findUniqueOrThrow({ where: { id: reservation.id } })).toEqual(reservation);
        await expect(prisma.uploadReservation.update({ where: { id: reservation.id }, data: { bytes: -1n } })).rejects.toThrow();
        await prisma.user.delete({ where: { id: owner.id } });
        expect(await prisma.uploadReservation.count({ where: { id: reservation.id } })).toBe(0);
      },
      QqBinding: async () => {
        const groupId = await memberGroup();
        const app = await prisma.app.create({ data: { appId: 'qq-round-trip', name: 'QQ' } });
        const [alice, bob] = await Promise.all(
          ['qqalice', 'qqbob'].map((name) =>
            prisma.user.create({ data: { username: name, email: `${name}@example.com`, passwordHash: 'x', nickname: 'n', groupId } }),
          ),
        );
        const binding = await prisma.qqBinding.create({
          data: { appId: app.id, userId: alice.id, openid: 'A'.repeat(32), nickname: 'QQ 昵称 🐧', avatarUrl: 'https://q.qlogo.cn/x/100' },
        });
        expect(await prisma.qqBinding.findUniqueOrThrow({ where: { id: binding.id } })).toEqual(binding);
        // One QQ per user and one user per QQ, under one app; another app may bind them again.
        await expect(
          prisma.qqBinding.create({ data: { appId: app.id, userId: alice.id, openid: 'B'.repeat(32), nickname: 'n' } }),
        ).rejects.toThrow(/Unique constraint/);
        await expect(
          prisma.qqBinding.create({ data: { appId: app.id, userId: bob.id, openid: 'A'.repeat(32), nickname: 'n' } }),
        ).rejects.toThrow(/Unique constraint/);
        const web = await prisma.app.findUniqueOrThrow({ where: { appId: 'web' } });
        await prisma.qqBinding.create({ data: { appId: web.id, userId: bob.id, openid: 'A'.repeat(32), nickname: 'n' } });
        await prisma.user.delete({ where: { id: alice.id } });
        expect(await prisma.qqBinding.count({ where: { id: binding.id } })).toBe(0);
      },
      QqState: async () => {
        const app = await prisma.app.findFirstOrThrow();
        const user = await prisma.user.findFirstOrThrow();
        const state = await prisma.qqState.create({
          data: {
            stateHash: new Uint8Array(32).fill(7),
            verifierHash: new Uint8Array(32).fill(6),
            intent: 'BIND',
            appId: app.id,
            userId: user.id,
            returnTo: 'https://example.com/back',
            expiresAt: new Date(),
          },
        });
        expect(await prisma.qqState.findUniqueOrThrow({ where: { id: state.id } })).toEqual(state);
        // A binding names its user, a login nobody; hashes are SHA-256.
        const base = { appId: app.id, verifierHash: new Uint8Array(32).fill(6), returnTo: 'https://example.com/', expiresAt: new Date() };
        await expect(prisma.qqState.create({ data: { ...base, stateHash: new Uint8Array(32).fill(8), intent: 'BIND' } })).rejects.toThrow();
        await expect(
          prisma.qqState.create({ data: { ...base, stateHash: new Uint8Array(32).fill(9), intent: 'LOGIN', userId: user.id } }),
        ).rejects.toThrow();
        await expect(prisma.qqState.create({ data: { ...base, stateHash: new Uint8Array(16), intent: 'LOGIN' } })).rejects.toThrow();
        await expect(
          prisma.qqState.create({
            data: { ...base, stateHash: new Uint8Array(32).fill(10), verifierHash: new Uint8Array(16), intent: 'LOGIN' },
          }),
        ).rejects.toThrow();
      },
      QqTicket: async () => {
        const app = await prisma.app.findFirstOrThrow();
        const ticket = await prisma.qqTicket.create({
          data: {
            ticketHash: new Uint8Array(32).fill(5),
            appId: app.id,
            openid: 'C'.repeat(32),
            nickname: '企鹅',
            avatarUrl: null,
            expiresAt: new Date(),
            usedAt: new Date(),
          },
        });
        expect(await prisma.qqTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toEqual(ticket);
        await expect(
          prisma.qqTicket.create({
            data: { ticketHash: new Uint8Array(32).fill(5), appId: app.id, openid: 'D', nickname: 'n', expiresAt: new Date() },
          }),
        ).rejects.toThrow(/Unique constraint/);
      },
      UserLibrary: async () => {
        const { owner } = await libraryWithApp('lib');
        const library = await prisma.userLibrary.findFirstOrThrow({ where: { ownerId: owner } });
        expect(await prisma.userLibrary.findUniqueOrThrow({ where: { spanId: library.spanId } })).toEqual(library);
        expect(library.requireEmailVerification).toBe(false);
      },
      EndUser: async () => {
        const { library, app } = await libraryWithApp('end');
        const user = await prisma.endUser.create({
          data: {
            libraryId: library,
            appId: app,
            username: 'Player_1',
            email: 'p@example.com',
            passwordHash: 'x',
            nickname: '玩家 🎮',
            qq: '10001',
          },
        });
        expect(await prisma.endUser.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
        // Unique within the library, case-insensitively, among users not deleted.
        await expect(
          prisma.endUser.create({ data: { libraryId: library, username: 'PLAYER_1', passwordHash: 'x', nickname: 'n' } }),
        ).rejects.toThrow(/Unique constraint/);
        await expect(
          prisma.endUser.create({
            data: { libraryId: library, username: 'other', email: 'P@example.com', passwordHash: 'x', nickname: 'n' },
          }),
        ).rejects.toThrow(/Unique constraint/);
        await expect(
          prisma.endUser.create({ data: { libraryId: library, username: 'q', passwordHash: 'x', nickname: 'n', qq: '0123' } }),
        ).rejects.toThrow();
        await prisma.endUser.update({ where: { id: user.id }, data: { status: 'DELETED' } });
        await prisma.endUser.create({ data: { libraryId: library, username: 'player_1', passwordHash: 'x', nickname: 'n' } });
        const verification = await prisma.emailVerification.create({
          data: { endUserId: user.id, tokenHash: new Uint8Array(32).fill(11), expiresAt: new Date() },
        });
        expect(verification.userId).toBeNull();
        await expect(
          prisma.emailVerification.create({ data: { tokenHash: new Uint8Array(32).fill(12), expiresAt: new Date() } }),
        ).rejects.toThrow();
      },
      EndUserSession: async () => {
        const { library, app } = await libraryWithApp('ses');
        const user = await prisma.endUser.create({
          data: { libraryId: library, appId: app, username: 'sessions', passwordHash: 'x', nickname: 'n' },
        });
        const session = await prisma.endUserSession.create({
          data: { endUserId: user.id, appId: app, keyHash: new Uint8Array(32).fill(3), expiresAt: new Date() },
        });
        expect(await prisma.endUserSession.findUniqueOrThrow({ where: { id: session.id } })).toEqual(session);
        await prisma.endUser.delete({ where: { id: user.id } });
        expect(await prisma.endUserSession.count({ where: { id: session.id } })).toBe(0);
      },
      DeveloperAppUsage: async () => {
        const { app } = await libraryWithApp('use');
        const usage = await prisma.developerAppUsage.create({ data: { appId: app, day: new Date('2026-11-30'), calls: 5n } });
        expect(await prisma.developerAppUsage.findUniqueOrThrow({ where: { appId_day: { appId: app, day: usage.day } } })).toEqual(usage);
      },
    };

    /** A developer, one library and one app bound to it. */
    async function libraryWithApp(tag: string): Promise<{ owner: string; library: number; app: number }> {
      const groupId = await memberGroup();
      const owner = await prisma.user.create({
        data: { username: `o${tag}`, email: `o${tag}@example.com`, passwordHash: 'x', nickname: 'n', groupId },
      });
      const library = await prisma.userLibrary.create({
        data: { spanId: `sp${tag}`, ownerId: owner.id, name: '用户库', expiresAt: new Date() },
      });
      const app = await prisma.developerApp.create({
        data: {
          apiId: `dk${tag}`,
          ownerId: owner.id,
          name: 'a',
          keyCiphertext: new Uint8Array([1]),
          userCap: 1,
          expiresAt: new Date(),
          libraryId: library.id,
        },
      });
      return { owner: owner.id, library: library.id, app: app.id };
    }

    it('has a round trip for each model', () => {
      expect(Object.keys(roundTrips).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    });

    it.each(Object.keys(roundTrips) as Prisma.ModelName[])('writes and reads back %s', (model) => roundTrips[model]());
  });

  it('stores text as UTF-8', async () => {
    const database = await fresh();
    const [row] = await query<{ encoding: string }>(
      database.url,
      'SELECT pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()',
    );
    expect(row.encoding).toBe('UTF8');
  });

  it('seeds the groups with exactly one default and the web app', async () => {
    const database = await fresh();
    await migrate(database.url);
    const groups = await query<{ name: string; is_default: boolean }>(database.url, 'SELECT name, is_default FROM groups ORDER BY rank');
    expect(groups.map((g) => g.name)).toEqual(['banned', 'member', 'vip', 'developer', 'moderator', 'admin']);
    expect(groups.filter((g) => g.is_default).map((g) => g.name)).toEqual(['member']);
    const senders = await query<{ name: string }>(
      database.url,
      "SELECT name FROM groups WHERE 'message.send' = ANY(permissions) ORDER BY rank",
    );
    expect(senders.map((g) => g.name)).toEqual(['member', 'vip', 'developer', 'moderator', 'admin']);
    const apps = await query<{ app_id: string }>(database.url, 'SELECT app_id FROM apps');
    expect(apps.map((a) => a.app_id)).toContain('web');
  });
});
