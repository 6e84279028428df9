import { randomBytes } from 'node:crypto';

import { decodeSecretKey, secretKeyWeakness } from '../src/core/crypto/secret-key';
import { UserStatus } from '../src/generated/prisma/client';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { assertBuilt, runPlatform } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { TEST_REDIS_URL } from './support/test-redis';

const COMMANDS = [
  'migrate',
  'admin:create',
  'app:create',
  'app:update',
  'app:rotate-key',
  'user:unlock',
  'secret:generate',
  'secret:reseal',
];

/** The `name: value` lines a command printed. */
const fields = (output: string): Record<string, string> =>
  Object.fromEntries([...output.matchAll(/^([a-z_]+): (.*)$/gm)].map((match) => [match[1], match[2]]));

/**
 * `platform`, the operators' command line, run from dist/ as a child process (as in the image and
 * after `npm install`) against a real database the booted server shares.
 */
describe('platform (the command line)', () => {
  const APP_SECRET_KEY = randomBytes(32).toString('hex');
  let t: TestApp;
  // The server's own environment, as an operator runs the command: with its Redis too, where the
  // server keeps its rate-limit counters and hears cache invalidations (under its key prefix).
  const env = (): Record<string, string> => ({
    DATABASE_URL: t.database.url,
    APP_SECRET_KEY,
    BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
    ...(TEST_REDIS_URL && { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: t.config.REDIS_KEY_PREFIX }),
  });

  beforeAll(async () => {
    assertBuilt();
    t = await createTestApp({ env: { APP_SECRET_KEY, BCRYPT_COST: '4', LOGIN_LIMIT_PER_ACCOUNT: '2', LOGIN_LIMIT_PER_IP: '0' } });
  });
  afterAll(() => t.close());

  describe('help and exit codes', () => {
    it('lists every command with --help (exit 0), and without a command exits 2', async () => {
      const help = runPlatform(['--help'], {});
      expect(await help.exited).toBe(0);
      for (const name of COMMANDS) expect(help.output()).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
      const bare = runPlatform([], {});
      expect(await bare.exited).toBe(2);
      expect(bare.output()).toContain('usage: platform <command>');
    });

    it.each(COMMANDS)('explains %s with --help, touching nothing (no configuration needed)', async (name) => {
      const help = runPlatform([name, '--help'], { PORT: 'not-a-port' });
      expect(await help.exited).toBe(0);
      expect(help.output()).toMatch(new RegExp(`^usage: platform ${name}`, 'm'));
    });

    it('exits 2 on an unknown command, an unknown option or a missing one, with the usage', async () => {
      const unknown = runPlatform(['user:delete'], env());
      expect(await unknown.exited).toBe(2);
      expect(unknown.output()).toContain('error: unknown command "user:delete"');
      const option = runPlatform(['app:create', '--name', 'x', '--colour', 'red'], env());
      expect(await option.exited).toBe(2);
      expect(option.output()).toMatch(/^error: Unknown option '--colour'/m);
      expect(option.output()).toMatch(/^usage: platform app:create --name <name>/m);
      const missing = runPlatform(['app:rotate-key'], env());
      expect(await missing.exited).toBe(2);
      expect(missing.output()).toMatch(/^error: --app is required$/m);
    });

    it('exits 3 on an invalid configuration, naming each bad setting', async () => {
      const cli = runPlatform(['migrate'], { ...env(), PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
      expect(await cli.exited).toBe(3);
      expect(cli.output()).toMatch(/^Invalid configuration:$/m);
      expect(cli.output()).toMatch(/^ {2}DATABASE_URL: must be a postgresql:\/\/ URL$/m);
    });

    it('exits 1 with the catalogue name and code when the platform refuses', async () => {
      const cli = runPlatform(['app:rotate-key', '--app', 'app_0000000000000000'], env());
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toMatch(/^error: APP_KEY_MISMATCH \(1013\)/m);
    });
  });

  it('migrate applies every migration to an empty database, then finds nothing to do', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      const first = runPlatform(['migrate'], { ...env(), DATABASE_URL: database.url });
      expect(await first.exited).toBe(0);
      const applied = Number(fields(first.output()).applied);
      expect(applied).toBeGreaterThan(10);
      expect(first.output().match(/^migration: \d{14}_\w+$/gm)).toHaveLength(applied);
      const again = runPlatform(['migrate'], { ...env(), DATABASE_URL: database.url });
      expect(await again.exited).toBe(0);
      expect(fields(again.output()).applied).toBe('0');
      expect(again.output()).toContain('database is up to date');
    } finally {
      await database.drop();
    }
  });

  it('secret:generate prints a key the production configuration accepts, a new one each time', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const cli = runPlatform(['secret:generate'], {});
      expect(await cli.exited).toBe(0);
      keys.push(cli.output().trim());
    }
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(secretKeyWeakness(decodeSecretKey(keys[0]))).toBeUndefined();
  });

  it('app:create, then app:rotate-key: the new key signs at once, the old one for its grace period', async () => {
    const create = runPlatform(['app:create', '--name', 'rotated', '--domains', 'https://rotated.example.com'], env());
    expect(await create.exited).toBe(0);
    const created = fields(create.output());
    expect((await t.http.signedAs({ id: created.app_id, key: created.app_key }).get('/api/v1/apps/me')).body.data.name).toBe('rotated');

    const rotate = runPlatform(['app:rotate-key', '--app', created.app_id], env());
    expect(await rotate.exited).toBe(0);
    const rotated = fields(rotate.output());
    expect(rotated.app_id).toBe(created.app_id);
    expect(rotated.app_key).not.toBe(created.app_key);
    expect(new Date(rotated.previous_key_expires_at).getTime()).toBeGreaterThan(Date.now());
    for (const key of [rotated.app_key, created.app_key]) {
      expect((await t.http.signedAs({ id: created.app_id, key }).get('/api/v1/apps/me')).status).toBe(200);
    }
    expect(rotate.output()).not.toContain(created.app_key);
    expect(await t.prisma.auditEntry.count({ where: { action: 'app.rotate-key', targetId: created.app_id } })).toBe(1);

    const publicApp = runPlatform(['app:rotate-key', '--app', 'web'], env());
    expect(await publicApp.exited).toBe(1);
    expect(publicApp.output()).toMatch(/\(1043\)/);
  });

  describe('user:unlock', () => {
    const PASSWORD = 'an-unlockable-pass';
    const login = (account: string, password: string) => t.http.post('/api/v1/auth/login', { account, password }, { headers: WEB });

    it('lets a user whose attempts ran out log in again, by name, address or uuid', async () => {
      const user = await insertUser(t.prisma, { password: PASSWORD });
      for (const account of [user.username, user.email, user.id]) {
        for (let i = 0; i < 3; i += 1) await login(user.username, 'wrong-password');
        expect((await login(user.username, PASSWORD)).body.code).toBe(1075);
        const cli = runPlatform(['user:unlock', '--user', account.toUpperCase()], env());
        expect(await cli.exited).toBe(0);
        expect(fields(cli.output())).toEqual({ uuid: user.id, username: user.username, status: 'ACTIVE', attempts: 'cleared' });
        expect((await login(user.username, PASSWORD)).body.code).toBe(0);
      }
    });

    it('makes a LOCKED account ACTIVE, audited; a BANNED one stays banned', async () => {
      const locked = await insertUser(t.prisma, { password: PASSWORD, status: UserStatus.LOCKED });
      expect((await login(locked.username, PASSWORD)).body.code).toBe(1032);
      const cli = runPlatform(['user:unlock', '--user', locked.username], env());
      expect(await cli.exited).toBe(0);
      expect(fields(cli.output()).status).toBe('ACTIVE (was LOCKED)');
      await loginAs(t.http, locked.username, PASSWORD);
      expect(await t.prisma.auditEntry.count({ where: { action: 'user.update', targetId: locked.id } })).toBe(1);

      const banned = await insertUser(t.prisma, { password: PASSWORD, status: UserStatus.BANNED });
      const refused = runPlatform(['user:unlock', '--user', banned.email], env());
      expect(await refused.exited).toBe(0);
      expect(fields(refused.output()).status).toBe('BANNED');
      expect((await login(banned.username, PASSWORD)).body.code).toBe(1032);
      expect(await t.prisma.auditEntry.count({ where: { targetId: banned.id } })).toBe(0);
    });

    it('fails with 1053 for a user that does not exist', async () => {
      const cli = runPlatform(['user:unlock', '--user', 'nobody_here'], env());
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toMatch(/^error: USER_NOT_FOUND \(1053\)/m);
    });
  });
});
