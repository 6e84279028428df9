import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { assertBuilt, DIST, runProcess } from './support/server-process';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The .env file of the working directory, read at start by the server and by `platform`, with
 * the semantics of Node's --env-file: comments, quotes, values with spaces and angle brackets;
 * a variable of the real environment wins over the file's.
 */
describe('.env in the working directory', () => {
  let dir: string;
  let database: TestDatabase;
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    runProcess(process.execPath, [path.join(DIST, script), ...args], { env, cwd: dir });

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'platform-env-'));
    database = await createTestDatabase({ migrated: false });
    writeFileSync(
      path.join(dir, '.env'),
      [
        '# a copy of .env.example, edited',
        `DATABASE_URL="${database.url}"`,
        'MAIL_FROM=Platform <no-reply@example.com>',
        "LOG_LEVEL='warn'",
        'PORT=eighty # wrong on purpose: the real environment corrects it',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('gives the command its settings, the real environment winning', async () => {
    const migrate = run('cli/platform.js', ['migrate'], { PORT: '3000' });
    expect(await migrate.exited).toBe(0);
    expect(Number(/^applied: (\d+)$/m.exec(migrate.output())![1])).toBeGreaterThan(10); // the database of the file
  });

  it('is where a bad setting comes from when the environment does not correct it (server and command alike)', async () => {
    for (const script of ['main.js', 'cli/platform.js']) {
      const child = run(script, script === 'main.js' ? [] : ['migrate']);
      expect(await child.exited).toBe(script === 'main.js' ? 1 : 3);
      expect(child.output()).toMatch(/^ {2}PORT: /m);
      expect(child.output()).not.toMatch(/MAIL_FROM|DATABASE_URL/);
    }
  });

  it('ENV_FILE names another file (which must exist), and ENV_FILE= reads none', async () => {
    writeFileSync(path.join(dir, 'other.env'), 'PORT=70000\n');
    const other = run('cli/platform.js', ['migrate'], { ENV_FILE: 'other.env' });
    expect(await other.exited).toBe(3);
    expect(other.output()).toMatch(/^ {2}PORT: must not be greater than 65535$/m);

    const missing = run('cli/platform.js', ['migrate'], { ENV_FILE: 'missing.env' });
    expect(await missing.exited).toBe(3);
    expect(missing.output()).toContain(`ENV_FILE: cannot read ${path.join(dir, 'missing.env')}`);

    const none = run('cli/platform.js', ['migrate'], { ENV_FILE: '', DATABASE_URL: 'mysql://elsewhere' });
    expect(await none.exited).toBe(3);
    expect(none.output()).toMatch(/^ {2}DATABASE_URL: /m);
    expect(none.output()).not.toMatch(/PORT/); // the .env beside it, with its bad PORT, was not read
  });
});
