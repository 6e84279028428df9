import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { simpleParser } from 'mailparser';

import { MailService } from '../src/mail/mail.service';
import { MailTransport } from '../src/mail/mail-transport.service';
import { signUpBody } from './support/accounts';
import { WEB } from './support/fixtures';
import { mailedEnv, useMailedTestApp } from './support/mailed-test-app';
import { assertBuilt, runBuilt } from './support/server-process';
import { linkIn } from './support/smtp-sink';
import { createTestApp, freePort } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { until } from './support/until';

/** One key for every process of a suite, as in production: a mail sealed by one opens in another. */
const APP_SECRET_KEY = randomBytes(32).toString('hex');
/** Each SMTP phase may take 1 s, so a stalled server costs an attempt 1 s, not nodemailer's 600. */
const SHORT_TIMEOUTS = { SMTP_CONNECTION_TIMEOUT_SECONDS: '1', SMTP_GREETING_TIMEOUT_SECONDS: '1', SMTP_SOCKET_TIMEOUT_SECONDS: '1' };
const RESET_VALUES = { nickname: 'n', code: '123456', minutes: '10' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mail outbox against a real SMTP server that is down, stalled or dropping', () => {
  const { t, sink } = useMailedTestApp({ CAPTCHA_REQUIRED: 'false', MAIL_MAX_ATTEMPTS: '5', APP_SECRET_KEY, ...SHORT_TIMEOUTS });

  beforeAll(async () => {
    // A first registration warms the process up (and its mail is taken before the cases misbehave).
    const warmUp = signUpBody();
    expect((await register(warmUp)).status).toBe(201);
    await sink.next(warmUp.email as string);
  });
  afterEach(() => sink.accept());

  const register = (body: Record<string, unknown>) => t.http.post('/api/v1/accounts/register', body, { headers: WEB });
  const rowOf = (email: string) => t.prisma.mailOutbox.findFirstOrThrow({ where: { recipient: email } });

  it('down: registration answers 201 at once, the sealed link waits, and arrives when SMTP is back, without a restart', async () => {
    const body = signUpBody();
    const email = body.email as string;
    await sink.stop();
    let waiting;
    try {
      const response = await register(body);
      expect(response.status).toBe(201);
      // Tried, failed, tried again: still waiting, nothing lost.
      await until(async () => (await rowOf(email)).attempts >= 2);
      waiting = await rowOf(email);
      expect(waiting).toMatchObject({ template: 'verify-email', sentAt: null, failedAt: null });
      expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await sink.start();
    }

    const token = linkIn(await sink.next(email)).searchParams.get('token') as string;
    // The link's token was sealed at rest, and once sent nothing of it is kept.
    expect(Buffer.from(waiting.payload as Uint8Array).includes(Buffer.from(token))).toBe(false);
    // Recorded as sent (just after the server took it), with nothing of it kept.
    await until(async () => (await rowOf(email)).sentAt !== null);
    expect(await rowOf(email)).toMatchObject({ payload: null, failedAt: null, lastError: null });
    expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
  });

  it('stalled: registration answers at once; the worker gives the attempt up after the 1 s socket timeout, then delivers once', async () => {
    const body = signUpBody();
    const email = body.email as string;
    const connectionsBefore = sink.connections;
    sink.stall();
    const response = await register(body);
    expect(response.status).toBe(201);
    // The request never waits for the mail server: when its answer arrives, the first attempt
    // (which cannot end before 1 s of silence on the socket) is still under way. An order, not a
    // wall-clock bound, so a loaded machine cannot fail it.
    expect(await rowOf(email)).toMatchObject({ lastError: null, sentAt: null });

    await until(async () => (await rowOf(email)).lastError !== null, 10_000);
    const failed = await rowOf(email);
    // The socket's 1 s timeout ended it, not the attempt's own deadline ("no end within 4 s").
    expect(failed.lastError).toMatch(/timeout/i);
    expect(failed.lastError).not.toMatch(/no end within/);
    expect(failed.sentAt).toBeNull();
    expect(sink.connections).toBeGreaterThan(connectionsBefore);
    expect(sink.count(email)).toBe(0);

    sink.accept();
    const token = linkIn(await sink.next(email)).searchParams.get('token');
    expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
    await until(async () => (await rowOf(email)).sentAt !== null);
    await sleep(1500);
    expect(sink.count(email)).toBe(0); // no second copy
  });

  it('dropping: hung up on at the end of the data twice, the mail is retried and arrives exactly once', async () => {
    const body = signUpBody();
    const email = body.email as string;
    const connectionsBefore = sink.connections;
    sink.drop(2, email);
    expect((await register(body)).status).toBe(201);

    await sink.next(email);
    await until(async () => (await rowOf(email)).sentAt !== null);
    expect(await rowOf(email)).toMatchObject({ attempts: 3, payload: null, failedAt: null });
    expect(sink.connections - connectionsBefore).toBe(3);
    await sleep(1500);
    expect(sink.count(email)).toBe(0);
  });

  it('two processes delivering one outbox send each of 40 mails exactly once', async () => {
    // A second process of the same deployment: the same database, mail server and secret key.
    const other = await createTestApp({ databaseUrl: t.database.url, env: mailedEnv(sink, { APP_SECRET_KEY, ...SHORT_TIMEOUTS }) });
    // Counted, not replaced: each process's real transport still sends.
    const sends = [t, other].map((app) => jest.spyOn(app.app.get(MailTransport), 'send'));
    try {
      const tag = randomBytes(4).toString('hex');
      const addresses = Array.from({ length: 40 }, (_, i) => `race${i}-${tag}@example.com`);
      // One transaction: all 40 become due at the same moment for both workers.
      await t.prisma.$transaction(async (tx) => {
        for (const to of addresses) await t.app.get(MailService).enqueue(tx, to, 'password-reset', 'en', RESET_VALUES);
      });

      await until(
        async () => (await t.prisma.mailOutbox.count({ where: { recipient: { in: addresses }, sentAt: { not: null } } })) === 40,
        20_000,
      );
      await sleep(1000);
      expect(addresses.map((to) => sink.count(to))).toEqual(addresses.map(() => 1));
      const rows = await t.prisma.mailOutbox.findMany({ where: { recipient: { in: addresses } } });
      expect(rows.every((row) => row.attempts === 1 && row.sentAt !== null && row.payload === null)).toBe(true);
      // Both workers took part, and together made exactly one attempt per mail.
      const [mine, theirs] = sends.map((spy) => spy.mock.calls.length);
      expect(mine).toBeGreaterThan(0);
      expect(theirs).toBeGreaterThan(0);
      expect(mine + theirs).toBe(40);
    } finally {
      for (const spy of sends) spy.mockRestore();
      await other.close();
    }
  });
});

describe('the hourly mail limit of an address counts only mail that went out or still may', () => {
  // Two mails an hour; a mail is given up after its second failed attempt, 3 s after the first.
  const { t, sink } = useMailedTestApp({
    CAPTCHA_REQUIRED: 'false',
    MAIL_LIMIT_PER_ADDRESS: '2',
    MAIL_MAX_ATTEMPTS: '2',
    MAIL_RETRY_BASE_SECONDS: '3',
    ...SHORT_TIMEOUTS,
  });

  const resend = (email: string) => t.http.post('/api/v1/accounts/verification/resend', { email }, { headers: WEB });
  const rowsOf = (email: string) => t.prisma.mailOutbox.findMany({ where: { recipient: email }, orderBy: { createdAt: 'asc' } });

  it('after an SMTP outage, mail that was given up leaves the person their link', async () => {
    const body = signUpBody();
    const email = body.email as string;
    await sink.stop();
    try {
      const registered = await t.http.post('/api/v1/accounts/register', body, { headers: WEB });
      expect(registered.status).toBe(201);
      await resend(email);
      await until(async () => (await rowsOf(email)).length === 2);
      // The third within the hour is over the limit: no mail, and no link made for it.
      await resend(email);
      await sleep(300);
      expect(await rowsOf(email)).toHaveLength(2);
      expect(await t.prisma.emailVerification.count({ where: { userId: registered.body.data.uuid } })).toBe(2);
      // SMTP stays down: both are given up, their secrets erased.
      await until(async () => (await rowsOf(email)).every((row) => row.failedAt !== null), 15_000);
      expect((await rowsOf(email)).every((row) => row.payload === null && row.attempts === 2)).toBe(true);
    } finally {
      await sink.start();
    }

    // Mail works again, and the person is not locked out for the rest of the hour.
    await resend(email);
    const token = linkIn(await sink.next(email)).searchParams.get('token');
    expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
  });

  it('queues exactly the limit of 20 parallel mails to one address, whatever its letter case', async () => {
    const to = `burst-${randomBytes(4).toString('hex')}@example.com`;
    const mail = t.app.get(MailService);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => mail.send(i % 2 ? to : to.toUpperCase(), 'password-reset', 'en', RESET_VALUES)),
    );
    expect(results.filter(Boolean)).toHaveLength(2);
    expect(await t.prisma.mailOutbox.count({ where: { recipient: { equals: to, mode: 'insensitive' } } })).toBe(2);
    await until(() => sink.count(to) === 2);
  });
});

describe('mail transport of the server process', () => {
  let scratch: string;
  let database: TestDatabase;

  beforeAll(async () => {
    assertBuilt();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'platform-mail-'));
    chmodSync(scratch, 0o755);
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const env = async (extra: Record<string, string>): Promise<Record<string, string>> => {
    const dataDir = mkdtempSync(path.join(scratch, 'data-'));
    chmodSync(dataDir, 0o755);
    return {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: `test:${path.basename(dataDir)}:` } : {}),
      ...extra,
    };
  };

  it('refuses to start in production without SMTP_URL, saying why', async () => {
    const server = runBuilt('main.js', await env({ NODE_ENV: 'production', APP_SECRET_KEY, LOG_LEVEL: 'info' }));
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/^ {2}SMTP_URL: is required in production/m);
    expect(server.output()).not.toMatch(/listening on http/);
  });

  it('in development without SMTP_URL, writes the mail to the outbox folder and no log line at any level holds the link', async () => {
    const serverEnv = await env({
      NODE_ENV: 'development',
      LOG_LEVEL: 'trace',
      CAPTCHA_REQUIRED: 'false',
      BCRYPT_COST: '4',
      MAIL_OUTBOX_POLL_MS: '100',
    });
    const server = runBuilt('main.js', serverEnv);
    try {
      await server.waitFor(/"msg":"listening on http/, 30_000);
      const body = signUpBody();
      const response = await fetch(`http://127.0.0.1:${serverEnv.PORT}/api/v1/accounts/register`, {
        method: 'POST',
        headers: { ...WEB, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);

      const folder = path.join(serverEnv.DATA_DIR, 'outbox');
      await until(() => readdirSafe(folder).length === 1);
      await server.waitFor(/mail written to the outbox folder/);
      const mail = await simpleParser(readFileSync(path.join(folder, readdirSafe(folder)[0])));
      const token = linkIn(mail).searchParams.get('token') as string;
      expect(token.length).toBeGreaterThanOrEqual(43);
      expect(server.output()).not.toContain(token);
      expect(server.output()).not.toContain(encodeURIComponent(token));
      expect(server.output()).not.toMatch(/verify\?token/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
}
