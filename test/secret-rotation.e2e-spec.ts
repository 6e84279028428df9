import { randomBytes, randomUUID } from 'node:crypto';

import { SecretCipher } from '../src/core/crypto/secret-cipher';
import { MailOutboxRepository } from '../src/mail/mail-outbox.repository';
import { AppsService } from '../src/signing/apps.service';
import { developerKeySeal } from '../src/signing/sealed-keys.service';
import { insertUser, loginAs } from './support/fixtures';
import { AppCredentials } from './support/http-client';
import { assertBuilt, runPlatform } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const HEALTH_TOKEN = 'health-token-of-the-rotation-suite';
const newKey = (): string => randomBytes(32).toString('hex');
const fields = (output: string): Record<string, string> =>
  Object.fromEntries([...output.matchAll(/^([a-z_]+): (.*)$/gm)].map((match) => [match[1], match[2]]));
const MAIL_VALUES = { code: '123456', link: 'https://example.com/secret-link' };

/**
 * APP_SECRET_KEY rotation end to end: values sealed under the old key; the new key with the old
 * one decrypt-only; `platform secret:reseal`; the old key removed; everything still opens.
 */
describe('APP_SECRET_KEY rotation', () => {
  const OLD = newKey();
  const NEW = newKey();
  let database: TestDatabase;
  let rotated: AppCredentials & { previousKey: string };
  let developer: { apiId: string; apiKey: string };
  const mailId = randomUUID();

  const boot = (keys: Record<string, string>): Promise<TestApp> =>
    createTestApp({ databaseUrl: database.url, env: { ...keys, BCRYPT_COST: '4', DEVELOPER_APP_PRICE_CENTS: '0', HEALTH_TOKEN } });
  const ready = (t: TestApp) => t.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } });
  const reseal = (keys: Record<string, string>) =>
    runPlatform(['secret:reseal'], { DATABASE_URL: database.url, LOG_LEVEL: 'warn', ...keys });

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase();
    const t = await boot({ APP_SECRET_KEY: OLD });
    try {
      const apps = t.app.get(AppsService);
      const issued = await apps.create({ name: 'rotated' });
      const { appKey } = await apps.rotateKey(issued.appId); // a current and a previous key, both sealed
      rotated = { id: issued.appId, key: appKey, previousKey: issued.appKey };

      const owner = await insertUser(t.prisma, { password: 'developer-pass-1', group: 'developer' });
      const headers = await loginAs(t.http, owner.username, 'developer-pass-1');
      developer = (await t.http.post('/api/v1/developer/apps', { name: 'mine' }, { headers })).body.data;

      // A mail waiting for its next attempt, its payload sealed as the outbox seals it.
      const payload = t.app.get(SecretCipher).seal(JSON.stringify(MAIL_VALUES), { table: 'mail_outbox', id: mailId, keyVersion: 1 });
      await t.prisma.mailOutbox.create({
        data: {
          id: mailId,
          recipient: 'someone@example.com',
          template: 'verify',
          locale: 'en',
          payload,
          nextAttemptAt: new Date(Date.now() + 86_400_000),
        },
      });
    } finally {
      await t.close();
    }
  });
  afterAll(() => database.drop());

  it('with the new key alone before the re-seal, nothing opens and readiness says so', async () => {
    const t = await boot({ APP_SECRET_KEY: NEW });
    try {
      expect((await ready(t)).body.data.checks.keys.status).toBe('down');
      expect((await t.http.signedAs(rotated).get('/api/v1/apps/me')).body.code).toBe(1013);
    } finally {
      await t.close();
    }
  });

  it('serves with the new key and the old one decrypt-only, then re-seals everything once, and the old key can go', async () => {
    const keys = { APP_SECRET_KEY: NEW, APP_SECRET_KEY_PREVIOUS: OLD };
    const during = await boot(keys);
    try {
      expect((await ready(during)).status).toBe(200);
      expect((await during.http.signedAs(rotated).get('/api/v1/apps/me')).status).toBe(200);
      // New values are sealed under the new key at once.
      const fresh = await during.app.get(AppsService).create({ name: 'fresh' });
      const row = await during.prisma.app.findUniqueOrThrow({ where: { appId: fresh.appId } });
      expect(during.app.get(SecretCipher).sealedUnderCurrentKey(row.keyCiphertext!)).toBe(true);
    } finally {
      await during.close();
    }

    const first = reseal(keys);
    expect(await first.exited).toBe(0);
    // The app's current and previous keys, the developer app's key, the mail's payload.
    expect(fields(first.output())).toEqual({ key_id: expect.stringMatching(/^[0-9a-f]{16}$/), resealed: '4', failed: '0' });
    const again = reseal(keys);
    expect(await again.exited).toBe(0);
    expect(fields(again.output())).toMatchObject({ resealed: '0', failed: '0' });

    const after = await boot({ APP_SECRET_KEY: NEW });
    try {
      expect((await ready(after)).status).toBe(200);
      for (const key of [rotated.key, rotated.previousKey]) {
        expect((await after.http.signedAs({ id: rotated.id, key }).get('/api/v1/apps/me')).status).toBe(200);
      }
      const cipher = after.app.get(SecretCipher);
      const developerRow = await after.prisma.developerApp.findUniqueOrThrow({ where: { apiId: developer.apiId } });
      expect(cipher.open(developerRow.keyCiphertext, developerKeySeal(developer.apiId, 1))).toBe(developer.apiKey);
      const mail = await after.prisma.mailOutbox.findUniqueOrThrow({ where: { id: mailId } });
      const values = after.app.get(MailOutboxRepository).values({ ...mail, locale: 'en', payload: mail.payload!, attempt: 0 });
      expect(values).toEqual(MAIL_VALUES);
    } finally {
      await after.close();
    }
  });

  it('names a value no configured key opens, exits 1, and re-seals the rest', async () => {
    const stray = await boot({ APP_SECRET_KEY: newKey() });
    let strayId: string;
    try {
      strayId = (await stray.app.get(AppsService).create({ name: 'sealed under a lost key' })).appId;
    } finally {
      await stray.close();
    }
    const LATEST = newKey();
    const cli = reseal({ APP_SECRET_KEY: LATEST, APP_SECRET_KEY_PREVIOUS: NEW });
    expect(await cli.exited).toBe(1);
    expect(fields(cli.output())).toMatchObject({ resealed: '5', failed: '1' });
    expect(cli.output()).toMatch(new RegExp(`^apps ${strayId!}: sealed under key id [0-9a-f]{16}, not the configured`, 'm'));
    expect(cli.output()).toMatch(/^error: 1 sealed values open under no configured key/m);
  });
});
