import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { signUpBody } from './support/accounts';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { assertBuilt, DIST, runBuilt, runNode } from './support/server-process';
import { createTestApp, freePort, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { until } from './support/until';

const HEALTH_TOKEN = 'health-token-of-the-runtime-suite';
const TEMPLATES = path.resolve(__dirname, '../templates');
const READY = '/api/v1/health/ready';

/**
 * The catalogue's runtime checks, each provoked on an app of its own: readiness answers the
 * failing check's code to everyone (503, nothing more), and which check, with a safe message, to
 * the holder of HEALTH_TOKEN or an administrator; the start-up log names what is wrong.
 */
describe('runtime checks in readiness and the start-up report', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'platform-runtime-'));
    chmodSync(scratch, 0o755);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** Readiness as the public and as the token holder see it. */
  async function readiness(t: TestApp): Promise<{ open: TestResponse; detailed: TestResponse }> {
    return {
      open: await t.http.get(READY),
      detailed: await t.http.get(READY, { headers: { 'x-health-token': HEALTH_TOKEN } }),
    };
  }

  /** `check` is down with `code`, the first failure; the public answer says no more than the code. */
  async function expectDown(t: TestApp, check: string, code: number, message: RegExp): Promise<void> {
    const { open, detailed } = await readiness(t);
    expect({ status: open.status, code: open.body.code, data: open.body.data }).toEqual({ status: 503, code, data: { status: 'down' } });
    expect(detailed.status).toBe(503);
    expect(detailed.body.code).toBe(code);
    expect(detailed.body.data.checks[check]).toEqual({
      status: 'down',
      via: expect.any(String),
      code,
      message: expect.stringMatching(message),
    });
    const others = Object.entries(detailed.body.data.checks as Record<string, { status: string }>).filter(([name]) => name !== check);
    expect(others.filter(([, result]) => result.status !== 'up')).toEqual([]);
  }

  describe('every check up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { HEALTH_TOKEN, CAPTCHA_KIND: 'image' } });
    });
    afterAll(() => t?.close());

    it('lists the runtime checks (image only when image captchas are in use), all up', async () => {
      const { open, detailed } = await readiness(t);
      expect(open.status).toBe(200);
      expect(detailed.body.data.checks).toMatchObject({
        database: { status: 'up', via: 'postgres' },
        store: { status: 'up' },
        data: { status: 'up', via: 'file' },
        pages: { status: 'up', via: 'templates' },
        archive: { status: 'up', via: 'yauzl' },
        image: { status: 'up', via: 'svg-captcha' },
      });
      expect(detailed.body.data.checks.qq).toBeUndefined();
    });

    it('shows the details to an administrator, by permission, and to nobody else without the token', async () => {
      const admin = await insertUser(t.prisma, { group: 'admin', password: 'admin passphrase 1' });
      const member = await insertUser(t.prisma, { password: 'member passphrase 1' });
      const asAdmin = await t.http.get('/api/v1/health/checks', { headers: await loginAs(t.http, admin.username, 'admin passphrase 1') });
      expect({ status: asAdmin.status, code: asAdmin.body.code }).toEqual({ status: 200, code: 0 });
      expect(asAdmin.body.data.checks.archive).toEqual({ status: 'up', via: 'yauzl' });
      const asMember = await t.http.get('/api/v1/health/checks', {
        headers: await loginAs(t.http, member.username, 'member passphrase 1'),
      });
      expect(asMember.body.code).toBe(1042);
      expect((await t.http.get('/api/v1/health/checks', { headers: WEB })).body.code).toBe(1030);
    });

    it('archive support (998): the checker must open the archive made at start-up', async () => {
      rmSync(path.join(t.config.dataDir, 'runtime', 'archive-probe.zip'));
      // The archive check is reused for 5 s (no disk work per call): wait for the next run.
      await until(async () => (await t.http.get(READY)).body.code === 998, 15_000, 250);
      await expectDown(t, 'archive', 998, /cannot open its probe archive/);
    });
  });

  it('a data file missing at start-up (1008): readiness down, sign-ups refused rather than let through unchecked', async () => {
    const t = await createTestApp({
      env: { HEALTH_TOKEN, CAPTCHA_REQUIRED: 'false', COMMON_PASSWORDS_FILE: path.join(scratch, 'gone.txt') },
    });
    try {
      await expectDown(t, 'data', 1008, /^data file .*gone\.txt missing, unreadable or empty$/);
      expect((await t.http.get(READY)).text).not.toContain('gone.txt');
      const users = await t.prisma.user.count();
      const signUp = await t.http.post('/api/v1/accounts/register', signUpBody(), { headers: WEB });
      expect({ status: signUp.status, code: signUp.body.code }).toEqual({ status: 500, code: 1008 });
      expect(signUp.text).not.toContain('gone.txt');
      expect(await t.prisma.user.count()).toBe(users);
    } finally {
      await t.close();
    }
  });

  it('a broken templates directory (1023): the API serves, the missing page answers 1023, readiness names it', async () => {
    const dir = path.join(scratch, 'templates-without-verify-script');
    cpSync(TEMPLATES, dir, { recursive: true });
    rmSync(path.join(dir, 'pages/verify.js'));
    const t = await createTestApp({ env: { HEALTH_TOKEN, TEMPLATES_DIR: dir } });
    try {
      await expectDown(t, 'pages', 1023, /^page assets missing: pages\/verify\.js$/);
      const script = await t.http.get('/verify/script.js');
      expect({ status: script.status, code: script.body.code }).toEqual({ status: 500, code: 1023 });
      expect(script.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(script.headers.get('cache-control')).toBe('no-store');
      expect(script.text).not.toContain(dir);
      expect((await t.http.get('/verify?token=abc')).status).toBe(200);
      expect((await t.http.get('/api/v1/tutorials', { headers: WEB })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('QQ login configured and QQ Connect unreachable (996)', async () => {
    const closed = await freePort();
    const t = await createTestApp({
      env: { HEALTH_TOKEN, QQ_APP_ID: '101', QQ_APP_KEY: 'qq-app-key', QQ_CONNECT_BASE: `http://127.0.0.1:${closed}` },
    });
    try {
      await expectDown(t, 'qq', 996, /./);
    } finally {
      await t.close();
    }
  });

  describe('the start-up log of the real server (dist/main.js)', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      assertBuilt();
      database = await createTestDatabase();
    });
    afterAll(() => database?.drop());

    it('reports each check at start-up, a missing data file with 1008 and its name', async () => {
      const dataDir = mkdtempSync(path.join(scratch, 'data-'));
      const port = await freePort();
      const server = runBuilt('main.js', {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        COMMON_PASSWORDS_FILE: path.join(scratch, 'missing-list.txt'),
        ...(process.env.TEST_REDIS_URL
          ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: `test:${path.basename(dataDir)}:` }
          : {}),
      });
      try {
        await server.waitFor(/"msg":"listening on http/, 60_000);
        // The report's lines and the process's own reach stdout through two streams: wait for the last check's.
        await server.waitFor(/start-up check archive: /, 10_000);
        const output = server.output();
        expect(output).toMatch(/"code":1008.*data file .*missing-list\.txt is missing or unreadable \(1008\)/);
        expect(output).toMatch(/start-up check data: down \(1008\)/);
        for (const check of ['database', 'store', 'mail', 'storage', 'keys', 'pages', 'archive']) {
          expect(output).toMatch(new RegExp(`start-up check ${check}: up`));
        }
      } finally {
        server.child.kill('SIGTERM');
      }
      expect(await server.exited).toBe(0);
    });

    it('names a module that fails to load with 1004 and stops', async () => {
      // A copy of the build inside the repository (so node_modules resolves) with one compiled file gone.
      const copy = mkdtempSync(path.join(__dirname, '..', '.data', 'dist-copy-'));
      try {
        cpSync(DIST, path.join(copy, 'dist'), { recursive: true });
        rmSync(path.join(copy, 'dist', 'captcha', 'image-captcha.service.js'));
        const server = runNode(path.join(copy, 'dist', 'main.js'), {
          DATABASE_URL: database.url,
          DATA_DIR: path.join(copy, 'data'),
          LOG_LEVEL: 'info',
        });
        expect(await server.exited).toBe(1);
        expect(server.output()).toMatch(
          /^could not start: module \.\/image-captcha\.service failed to load \(1004\), needed by .*captcha\.service\.js$/m,
        );
        expect(server.output()).not.toMatch(/listening on http/);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });
});
