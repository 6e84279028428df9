import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { SecretCipher } from '../src/core/crypto/secret-cipher';
import { migrate, MIGRATIONS_DIR } from '../src/core/database/migrator';
import { AppsService } from '../src/signing/apps.service';
import { developerKeySeal, SealedKeys } from '../src/signing/sealed-keys.service';
import { insertUser, loginAs } from './support/fixtures';
import { AppCredentials } from './support/http-client';
import { legacySeal } from './support/legacy-seal';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** The migration that bound keys to their rows and made allowed domains origins. */
const BOUND_KEYS_MIGRATION = '20261130030000';

const newSecretKey = (): Buffer => randomBytes(32);
const signedMe = (t: TestApp, app: AppCredentials) => t.http.signedAs(app).get('/api/v1/apps/me');
const HEALTH_TOKEN = 'health-token-of-the-sealed-keys-suite';
/** Readiness as its token holder sees it: each check's state under data.checks. */
const ready = (t: TestApp) => t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } });

describe('sealed keys, bound to their rows and to APP_SECRET_KEY', () => {
  const secretKey = newSecretKey();
  let t: TestApp;
  let apps: AppsService;

  const newApp = async (name: string): Promise<AppCredentials> => {
    const issued = await apps.create({ name });
    return { id: issued.appId, key: issued.appKey };
  };
  const keyOf = async (appId: string): Promise<Uint8Array<ArrayBuffer>> =>
    (await t.prisma.app.findUniqueOrThrow({ where: { appId } })).keyCiphertext!;
  /** Writes a sealed value straight into an app's row, as someone with write access to the table could. */
  const plant = async (appId: string, sealed: Uint8Array<ArrayBuffer>): Promise<void> => {
    await t.prisma.app.update({ where: { appId }, data: { keyCiphertext: sealed } });
    await apps.update(appId, {}); // drops the cached app in every process
  };

  beforeAll(async () => {
    t = await createTestApp({
      env: { APP_SECRET_KEY: secretKey.toString('hex'), BCRYPT_COST: '4', DEVELOPER_APP_PRICE_CENTS: '0', HEALTH_TOKEN },
    });
    apps = t.app.get(AppsService);
  });
  afterAll(() => t.close());

  it("refuses another app's key copied into a row (1013), while it still works in its own", async () => {
    const first = await newApp('first');
    const second = await newApp('second');
    await plant(second.id, await keyOf(first.id));
    expect((await signedMe(t, { id: second.id, key: first.key })).body.code).toBe(1013);
    expect((await signedMe(t, first)).status).toBe(200);
  });

  it("refuses a developer's own api key copied into an app's row (1013)", async () => {
    const developer = await insertUser(t.prisma, { password: 'developer-pass-1', group: 'developer' });
    const created = await t.http.post(
      '/api/v1/developer/apps',
      { name: 'mine' },
      { headers: await loginAs(t.http, developer.username, 'developer-pass-1') },
    );
    const { apiId, apiKey } = created.body.data;
    const row = await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId } });
    const target = await newApp('target');
    await plant(target.id, row.keyCiphertext);
    expect((await signedMe(t, { id: target.id, key: apiKey })).body.code).toBe(1013);
    expect(t.app.get(SecretCipher).open(row.keyCiphertext, developerKeySeal(apiId, 1))).toBe(apiKey);
  });

  it("refuses an app's old key written back over its newer one (1013)", async () => {
    const app = await newApp('rolled back');
    const old = await keyOf(app.id);
    const { appKey } = await apps.rotateKey(app.id);
    await plant(app.id, old);
    expect((await signedMe(t, app)).body.code).toBe(1013);
    expect((await signedMe(t, { id: app.id, key: appKey })).body.code).toBe(1013);
  });

  it('applies 10 parallel rotations of one app each once, in turn: only the last key and the one before it work', async () => {
    const app = await newApp('rotated in a race');
    const issued = await Promise.all(Array.from({ length: 10 }, () => apps.rotateKey(app.id)));
    expect((await t.prisma.app.findUniqueOrThrow({ where: { appId: app.id } })).keyVersion).toBe(11);
    const working: string[] = [];
    for (const key of [app.key, ...issued.map((rotation) => rotation.appKey)]) {
      if ((await signedMe(t, { id: app.id, key })).status === 200) working.push(key);
    }
    expect(working).toHaveLength(2); // the current key, and the previous one in its grace period
    expect(working).not.toContain(app.key);
  });

  it('re-seals a key of the first format once, however many processes start together', async () => {
    const appId = `app_legacy${randomBytes(4).toString('hex')}`;
    await t.prisma.app.create({
      data: { appId, name: 'legacy', keyCiphertext: legacySeal(secretKey, 'legacy-key-1'), keyVersion: 0, scopes: ['app'] },
    });
    const sealedKeys = t.app.get(SealedKeys);
    const counts = await Promise.all(Array.from({ length: 5 }, () => sealedKeys.resealLegacy()));
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(1);
    const row = await t.prisma.app.findUniqueOrThrow({ where: { appId } });
    expect({ version: row.keyVersion, format: row.keyCiphertext![0] }).toEqual({ version: 1, format: 2 });
    expect((await signedMe(t, { id: appId, key: 'legacy-key-1' })).status).toBe(200);
  });

  it('leaves a key of the first format that does not open under APP_SECRET_KEY, and readiness says so', async () => {
    const appId = `app_foreign${randomBytes(4).toString('hex')}`;
    const foreign = legacySeal(newSecretKey(), 'foreign-key-1');
    await t.prisma.app.create({ data: { appId, name: 'foreign', keyCiphertext: foreign, keyVersion: 0 } });
    try {
      expect(await t.app.get(SealedKeys).resealLegacy()).toBe(0);
      const row = await t.prisma.app.findUniqueOrThrow({ where: { appId } });
      expect({ version: row.keyVersion, sealed: Buffer.from(row.keyCiphertext!).equals(Buffer.from(foreign)) }).toEqual({
        version: 0,
        sealed: true,
      });
      const report = await ready(t);
      expect({ status: report.status, code: report.body.code }).toEqual({ status: 503, code: 1000 });
      expect(report.body.data.checks.keys).toMatchObject({ status: 'down', code: 1000 });
    } finally {
      await t.prisma.app.delete({ where: { appId } });
    }
    expect((await ready(t)).status).toBe(200);
  });

  it('is not ready when started with another APP_SECRET_KEY than the one that sealed the stored keys', async () => {
    const app = await newApp('sealed under the first key');
    const other = await createTestApp({
      databaseUrl: t.database.url,
      env: { APP_SECRET_KEY: newSecretKey().toString('hex'), REDIS_KEY_PREFIX: t.config.REDIS_KEY_PREFIX, HEALTH_TOKEN },
    });
    try {
      const report = await ready(other);
      expect({ status: report.status, code: report.body.code }).toEqual({ status: 503, code: 1000 });
      expect(report.body.data.checks.keys.message).toMatch(/^\d+ stored keys do not open under APP_SECRET_KEY \(key id [0-9a-f]{16}\)/);
      expect(report.body.data.checks.keys).toMatchObject({ status: 'down', code: 1000 });
      expect(report.body.data.checks.database.status).toBe('up');
      expect((await signedMe(other, app)).body.code).toBe(1013);

      const fine = await ready(t);
      expect(fine.status).toBe(200);
      expect(fine.body.data.checks.keys.status).toBe('up');
    } finally {
      await other.close();
    }
  });
});

describe('upgrading a deployment whose keys and allowed domains predate their binding', () => {
  const secretKey = newSecretKey();
  let database: TestDatabase;
  let t: TestApp;
  let migrationsBefore: string;

  async function sql(text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    migrationsBefore = mkdtempSync(path.join(os.tmpdir(), 'migrations-before-'));
    for (const name of readdirSync(MIGRATIONS_DIR).filter((entry) => entry < BOUND_KEYS_MIGRATION)) {
      cpSync(path.join(MIGRATIONS_DIR, name), path.join(migrationsBefore, name), { recursive: true });
    }
    await migrate(database.url, migrationsBefore);

    // Rows as the previous release left them.
    await sql(
      `INSERT INTO apps (app_id, name, key_ciphertext, previous_key_ciphertext, previous_key_expires_at, scopes, allowed_domains)
       VALUES ('app_before', 'before', $1, $2, now() + interval '1 hour', '{*}', '{Example.com,*.example.org}')`,
      [legacySeal(secretKey, 'current-key-1'), legacySeal(secretKey, 'previous-key-1')],
    );
    const [owner] = await sql(
      `INSERT INTO users (username, email, password_hash, nickname, group_id)
       VALUES ('olddev', 'olddev@example.com', 'x', 'Old dev', (SELECT id FROM groups WHERE name = 'developer')) RETURNING id`,
    );
    await sql(
      `INSERT INTO developer_apps (api_id, owner_id, name, key_ciphertext, user_cap, expires_at)
       VALUES ('dkbefore', $1, 'before', $2, 10, now() + interval '30 days')`,
      [owner.id, legacySeal(secretKey, 'api-key-1')],
    );

    await migrate(database.url);
    t = await createTestApp({ databaseUrl: database.url, env: { APP_SECRET_KEY: secretKey.toString('hex') } });
  });
  afterAll(async () => {
    await t?.close();
    await database.drop();
    rmSync(migrationsBefore, { recursive: true, force: true });
  });

  it('re-seals every stored key bound to its row at start-up: current and previous app keys sign, the api key opens', async () => {
    const app = await t.prisma.app.findUniqueOrThrow({ where: { appId: 'app_before' } });
    expect({ version: app.keyVersion, current: app.keyCiphertext![0], previous: app.previousKeyCiphertext![0] }).toEqual({
      version: 1,
      current: 2,
      previous: 2,
    });
    expect((await signedMe(t, { id: 'app_before', key: 'current-key-1' })).status).toBe(200);
    expect((await signedMe(t, { id: 'app_before', key: 'previous-key-1' })).status).toBe(200);

    const developerApp = await t.prisma.developerApp.findUniqueOrThrow({ where: { apiId: 'dkbefore' } });
    expect(developerApp.keyVersion).toBe(1);
    expect(t.app.get(SecretCipher).open(developerApp.keyCiphertext, developerKeySeal('dkbefore', 1))).toBe('api-key-1');
    expect((await ready(t)).status).toBe(200);
  });

  it('turns host-only allowed domains into https origins on the default port', async () => {
    const app = await t.prisma.app.findUniqueOrThrow({ where: { appId: 'app_before' } });
    expect(app.allowedDomains).toEqual(['https://example.com', 'https://*.example.org']);
    const from = (origin: string) =>
      t.http.signedAs({ id: 'app_before', key: 'current-key-1' }).get('/api/v1/apps/me', { headers: { origin } });
    expect((await from('https://example.com')).status).toBe(200);
    expect((await from('https://shop.example.org')).status).toBe(200);
    expect((await from('http://example.com')).body.code).toBe(-1);
    expect((await from('https://example.com:8443')).body.code).toBe(-1);
  });
});
