import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DomainError } from '../src/core/errors/domain-error';
import { assertBuilt, runBuilt } from './support/server-process';
import { createTestApp, freePort } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const TEMPLATES = path.resolve(__dirname, '../templates');
const MARKER = '<!-- templates-suite-copy -->';

/**
 * Start-up refuses a templates directory without a mail or message template (1056, naming the
 * file) instead of failing a user later; a complete one, wherever TEMPLATES_DIR points, is what
 * the app serves from. (A missing page asset is a readiness failure instead, 1023: see
 * runtime-checks.e2e-spec.ts.)
 */
describe('templates required at start-up', () => {
  let scratch: string;
  let database: TestDatabase;

  /** A full copy of templates/ under the scratch directory, then `change` applied to it. */
  function copy(name: string, change: (dir: string) => void = () => undefined): string {
    const dir = path.join(scratch, name);
    cpSync(TEMPLATES, dir, { recursive: true });
    change(dir);
    return dir;
  }
  const without = (file: string) => (dir: string) => rmSync(path.join(dir, file));

  /** Boots through createTestApp (which closes what a failed boot opened) and returns what it rejects with. */
  async function bootFailure(templatesDir: string): Promise<unknown> {
    try {
      const t = await createTestApp({ env: { TEMPLATES_DIR: templatesDir }, databaseUrl: database.url });
      await t.close();
    } catch (error) {
      return error;
    }
    throw new Error('the app booted without a required template');
  }

  beforeAll(async () => {
    assertBuilt();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'platform-templates-'));
    chmodSync(scratch, 0o755);
    // One database for the boots that fail: createTestApp cannot drop one it made itself when the boot fails.
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each(['mail/password-reset.en.html', 'mail/verify-email.zh.txt', 'messages/report-upheld.en.txt'])(
    'refuses to boot without %s (1056, naming the file)',
    async (file) => {
      const dir = copy(`without-${file.replace(/\W/g, '_')}`, without(file));
      const error = await bootFailure(dir);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(1056);
      expect((error as DomainError).message).toContain(path.join(dir, file));
    },
  );

  it('refuses a directory where a template file should be (1056)', async () => {
    const dir = copy('directory-instead', (d) => {
      rmSync(path.join(d, 'mail/password-reset.en.html'));
      mkdirSync(path.join(d, 'mail/password-reset.en.html'));
    });
    const error = await bootFailure(dir);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(1056);
    expect((error as DomainError).message).toContain('mail/password-reset.en.html');
  });

  it('boots with a complete copy and serves the pages from it', async () => {
    const dir = copy('complete', (d) => appendFileSync(path.join(d, 'pages/verify.html'), MARKER));
    const t = await createTestApp({ env: { TEMPLATES_DIR: dir } });
    try {
      expect(t.config.TEMPLATES_DIR).toBe(dir);
      const ready = await t.http.get('/api/v1/health/live');
      expect(ready.status).toBe(200);
      const page = await t.http.get('/verify?token=abc', { headers: { 'accept-language': 'en' } });
      expect(page.status).toBe(200);
      expect(page.text).toContain(MARKER);
    } finally {
      await t.close();
    }
  });

  describe('the real server (dist/main.js)', () => {
    const env = async (templatesDir: string): Promise<Record<string, string>> => {
      const dataDir = mkdtempSync(path.join(scratch, 'data-'));
      chmodSync(dataDir, 0o755);
      return {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        TEMPLATES_DIR: templatesDir,
        ...(process.env.TEST_REDIS_URL
          ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: `test:${path.basename(dataDir)}:` }
          : {}),
      };
    };

    it('exits non-zero and says which template is missing', async () => {
      const dir = copy('server-incomplete', without('mail/password-reset.en.html'));
      const server = runBuilt('main.js', await env(dir));
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        server.exited,
        new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still running'), 30_000))),
      ]);
      clearTimeout(timer);
      if (code === 'still running') server.child.kill('SIGKILL');
      expect(code).toBe(1);
      const missing = path.join(dir, 'mail/password-reset.en.html');
      expect(server.output()).toMatch(/^could not start: .*\(1056\).*$/m);
      expect(
        server
          .output()
          .split('\n')
          .find((line) => line.startsWith('could not start:')),
      ).toContain(missing);
      expect(server.output()).not.toMatch(/listening on http/);
    });

    it('starts with the complete copy and serves from it', async () => {
      const dir = copy('server-complete', (d) => appendFileSync(path.join(d, 'pages/verify.html'), MARKER));
      const serverEnv = await env(dir);
      const server = runBuilt('main.js', serverEnv);
      try {
        await server.waitFor(/"msg":"listening on http/, 30_000);
        const page = await fetch(`http://127.0.0.1:${serverEnv.PORT}/verify?token=abc`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain(MARKER);
      } finally {
        server.child.kill('SIGTERM');
      }
      expect(await server.exited).toBe(0);
    });
  });
});
