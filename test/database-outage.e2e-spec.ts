import { ProbeModule } from './support/probe.module';
import { TcpProxy } from './support/tcp-proxy';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The app reaches its database through a relay this suite owns, so it can take the database away
 * and give it back without stopping a server anything else uses.
 */
describe('when the database goes away', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = new TcpProxy(direct.hostname, Number(direct.port || 5432));
    await proxy.start();
    const relayed = new URL(database.url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(proxy.port);
    t = await createTestApp({
      imports: [ProbeModule],
      databaseUrl: relayed.toString(),
      env: { DATABASE_CONNECT_TIMEOUT_MS: '1000', HEALTH_TOKEN: 'health-token-of-the-outage-suite' },
    });
  });

  afterAll(async () => {
    await t.close();
    await proxy.stop();
    await database.drop();
  });

  it('serves while the database is there', async () => {
    const res = await t.http.get('/api/v1/probe/groups');
    expect(res.status).toBe(200);
    expect(res.body.data.count).toBe(6);
  });

  it('answers 1007 with 503 while it is gone, and readiness names the database', async () => {
    await proxy.stop();

    const read = await t.http.get('/api/v1/probe/groups');
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ code: 1007, message: '数据库连接失败' });

    const ready = await t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': 'health-token-of-the-outage-suite' } });
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe(1007);
    expect(ready.body.data.checks.database).toMatchObject({ status: 'down', code: 1007, message: 'unreachable' });
    expect(ready.body.data.checks.mail.status).toBe('up');

    const live = await t.http.get('/api/v1/health/live');
    expect(live.status).toBe(200);
  });

  it('serves again once the database is back, without a restart', async () => {
    await proxy.start();
    const read = await t.http.get('/api/v1/probe/groups');
    expect(read.status).toBe(200);
    expect(read.body.data.count).toBe(6);
    const ready = await t.http.get('/api/v1/health/ready');
    expect(ready.status).toBe(200);
  });
});
