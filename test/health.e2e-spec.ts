import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { useMailedTestApp } from './support/mailed-test-app';
import { createTestApp, TestApp } from './support/test-app';

const HEALTH_TOKEN = 'health-token-of-the-health-suite';

describe('GET /health/ready: what it tells whom, and what a call costs', () => {
  describe('with the storage directory unusable', () => {
    let t: TestApp;
    let scratch: string;
    let storageDir: string;

    beforeAll(async () => {
      // Under a file, so the directory can be neither made nor written.
      scratch = mkdtempSync(path.join(os.tmpdir(), 'platform-health-'));
      writeFileSync(path.join(scratch, 'not-a-directory'), '');
      storageDir = path.join(scratch, 'not-a-directory', 'storage');
      t = await createTestApp({ env: { HEALTH_TOKEN, STORAGE_DIR: storageDir } });
    });
    afterAll(async () => {
      await t.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('tells anyone only that it is down and the failing code: no path, no error text', async () => {
      const callers: Record<string, string>[] = [
        {},
        { 'x-health-token': 'a wrong token of enough length' },
        { authorization: 'Bearer 1c9a.some-session-ukey' },
      ];
      for (const headers of callers) {
        const res = await t.http.get('/api/v1/health/ready', { headers });
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ code: 1000, message: 'php文件导入失败', data: { status: 'down' }, requestId: expect.any(String) });
      }
    });

    it('tells the HEALTH_TOKEN holder which check failed, its code and a safe message, by either header', async () => {
      const holders: Record<string, string>[] = [{ 'x-health-token': HEALTH_TOKEN }, { authorization: `Bearer ${HEALTH_TOKEN}` }];
      for (const headers of holders) {
        const res = await t.http.get('/api/v1/health/ready', { headers });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe(1000);
        expect(res.body.data).toEqual({
          status: 'down',
          checks: {
            database: { status: 'up', via: 'postgres' },
            store: { status: 'up', via: process.env.TEST_REDIS_URL ? 'redis' : 'postgres' },
            keys: { status: 'up', via: 'APP_SECRET_KEY' },
            mail: { status: 'up', via: 'outbox' },
            storage: { status: 'down', via: 'disk', code: 1000, message: 'storage directory missing or not writable' },
            data: { status: 'up', via: 'file' },
            pages: { status: 'up', via: 'templates' },
            archive: { status: 'up', via: 'yauzl' },
          },
        });
        expect(res.text).not.toContain(storageDir);
        expect(res.text).not.toMatch(/ENOTDIR|EEXIST|EACCES/);
      }
    });
  });

  describe('with every dependency up', () => {
    const { t, sink } = useMailedTestApp({ HEALTH_TOKEN });

    it('writes nothing and opens one SMTP connection however many ask, together or one after another', async () => {
      const storage = t.config.storageDir;
      const before = (await t.http.get('/api/v1/health/ready')).status;
      expect(before).toBe(200);
      const entries = readdirSync(storage);
      const modified = statSync(storage).mtimeMs;
      const handshakes = sink.connections;

      const together = await Promise.all(Array.from({ length: 10 }, () => t.http.get('/api/v1/health/ready')));
      for (let i = 0; i < 10; i += 1)
        together.push(await t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } }));
      for (const res of together) expect(res.status).toBe(200);
      expect(together.at(-1)!.body.data.checks.mail).toEqual({ status: 'up', via: 'smtp' });

      expect(sink.connections).toBe(handshakes);
      expect(handshakes).toBe(1);
      expect(readdirSync(storage)).toEqual(entries);
      expect(statSync(storage).mtimeMs).toBe(modified);
    });
  });
});
