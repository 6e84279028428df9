import { AuditService } from '../src/audit/audit.service';
import { insertUser } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

describe('the audit log', () => {
  let t: TestApp;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
  });
  afterAll(() => t.close());

  it('records events and lists them newest first, filtered by condition and paged', async () => {
    const admin = await insertUser(t.prisma, { group: 'admin' });
    await audit.record({ action: 'user.ban', actorId: admin.id, targetType: 'user', targetId: 'u1', ip: '10.0.0.1' });
    await audit.record({ action: 'app.rotate-key', actorId: admin.id, targetType: 'app', targetId: 'app_1' });
    await audit.record({ action: 'auth.login-failures', targetType: 'user', targetId: 'u1', details: { failures: 5 } });

    const all = await audit.list(undefined, { page: 1, pageSize: 10 });
    expect(all.map((e) => e.action)).toEqual(['auth.login-failures', 'app.rotate-key', 'user.ban']);

    const byActor = await audit.list(`actor:${admin.id}`, { page: 1, pageSize: 10 });
    expect(byActor.map((e) => e.action)).toEqual(['app.rotate-key', 'user.ban']);
    const byTarget = await audit.list('targetType:user;target:u1', { page: 2, pageSize: 1 });
    expect(byTarget.map((e) => e.action)).toEqual(['user.ban']);
    expect(await audit.list('since:2999-01-01', { page: 1, pageSize: 10 })).toEqual([]);
  });

  it('refuses an invalid condition with 1045', async () => {
    await expect(audit.list('actor:not-a-uuid', { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 1045 });
    await expect(audit.list('colour:red', { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: 1045 });
  });
});
