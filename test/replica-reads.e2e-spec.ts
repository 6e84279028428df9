import { randomBytes } from 'node:crypto';

import { loadConfig } from '../src/core/config/app-config';
import { PrismaService } from '../src/core/database/prisma.service';
import { ReplicaReads } from '../src/core/database/replica-reads';
import { Metrics } from '../src/core/metrics/metrics';
import { TutorialStatus } from '../src/generated/prisma/client';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const PASSWORD = 'Tr0ub4dor&3-horse';
const HEALTH_TOKEN = 'replica-readiness-token';

/**
 * DATABASE_REPLICA_URL routes the reads that tolerate lag to the replica. Here the "replica" is a
 * second database whose rows differ from the primary's, so each answer shows where it was read.
 */
describe('read replica (DATABASE_REPLICA_URL)', () => {
  let replicaDb: TestDatabase;
  let replica: PrismaService;
  let t: TestApp;
  let admin: Record<string, string>;
  const tag = randomBytes(4).toString('hex');

  /** A published tutorial written straight into `db`. */
  async function publishedIn(db: PrismaService, title: string): Promise<void> {
    const author = await insertUser(db);
    await db.tutorial.create({
      data: { authorId: author.id, title, body: 'body', status: TutorialStatus.PUBLISHED, publishedAt: new Date() },
    });
  }

  const titles = (body: { data: { title: string }[] }): string[] => body.data.map((item) => item.title);

  beforeAll(async () => {
    replicaDb = await createTestDatabase();
    replica = new PrismaService(replicaDb.url, loadConfig({ NODE_ENV: 'test' }), new Metrics(false));
    t = await createTestApp({ env: { DATABASE_REPLICA_URL: replicaDb.url, BCRYPT_COST: '4', HEALTH_TOKEN } });
    await publishedIn(t.prisma, `on the primary ${tag}`);
    await publishedIn(replica, `on the replica ${tag}`);
    const user = await insertUser(t.prisma, { group: 'admin', password: PASSWORD });
    admin = await loginAs(t.http, user.username, PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await replica?.onModuleDestroy();
    await replicaDb?.drop();
  });

  it('has a pool of its own on the replica, which readiness checks', async () => {
    expect(t.app.get(ReplicaReads).separate).toBe(true);
    const ready = await t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } });
    expect(ready.status).toBe(200);
    expect(ready.body.data.checks.replica).toEqual({ status: 'up', via: 'postgres' });
  });

  it('reads the public tutorial list and its tags on the replica for anonymous readers', async () => {
    const list = await t.http.get('/api/v1/tutorials', { headers: WEB });
    expect(list.body.code).toBe(0);
    expect(titles(list.body)).toContain(`on the replica ${tag}`);
    expect(titles(list.body)).not.toContain(`on the primary ${tag}`);
  });

  it('reads the primary for a reader with a session: what they wrote themselves is in their lists at once', async () => {
    const created = await t.http.post(
      '/api/v1/tutorials',
      { title: `just written ${tag}`, body: '# new', publish: true },
      { headers: admin },
    );
    expect(created.body).toMatchObject({ code: 0, data: { status: 'PUBLISHED' } });
    const mine = await t.http.get(`/api/v1/tutorials?condition=author:${created.body.data.author.uuid}`, { headers: admin });
    expect(titles(mine.body)).toEqual([`just written ${tag}`]);
    const all = await t.http.get('/api/v1/tutorials', { headers: admin });
    expect(titles(all.body)).toEqual(expect.arrayContaining([`just written ${tag}`, `on the primary ${tag}`]));
    expect(titles(all.body)).not.toContain(`on the replica ${tag}`);
    // The anonymous list, on the replica, has not seen it (a real replica would, after its lag).
    expect(titles((await t.http.get('/api/v1/tutorials', { headers: WEB })).body)).not.toContain(`just written ${tag}`);
  });

  it("reads administrators' lists and the audit log on the replica", async () => {
    const onReplica = await insertUser(replica);
    const onPrimary = await insertUser(t.prisma);
    const users = await t.http.get(`/api/v1/admin/users?condition=q:${onReplica.username}`, { headers: admin });
    expect(users.body).toMatchObject({ code: 0, data: [{ uuid: onReplica.id }] });
    expect((await t.http.get(`/api/v1/admin/users?condition=q:${onPrimary.username}`, { headers: admin })).body.data).toEqual([]);

    await replica.auditEntry.create({ data: { action: 'replica.only', details: { tag } } });
    const audit = await t.http.get('/api/v1/admin/audit?condition=action:replica.only', { headers: admin });
    expect(audit.body).toMatchObject({ code: 0, data: [{ action: 'replica.only', details: { tag } }] });
    // The admin's own login is in the primary's log only.
    expect(await t.prisma.auditEntry.count({ where: { action: 'auth.login' } })).toBeGreaterThan(0);
    expect((await t.http.get('/api/v1/admin/audit?condition=action:auth.login', { headers: admin })).body.data).toEqual([]);
  });

  it('reads everything on the primary without DATABASE_REPLICA_URL', async () => {
    const plain = await createTestApp({ databaseUrl: t.database.url });
    try {
      expect(plain.app.get(ReplicaReads).separate).toBe(false);
      const list = await plain.http.get('/api/v1/tutorials', { headers: WEB });
      expect(titles(list.body)).toContain(`on the primary ${tag}`);
      expect(titles(list.body)).not.toContain(`on the replica ${tag}`);
    } finally {
      await plain.close();
    }
  });
});
