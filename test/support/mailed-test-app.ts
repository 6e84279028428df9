import { SmtpSink } from './smtp-sink';
import { createTestApp, TestApp } from './test-app';

/**
 * What an app needs to mail through `sink`: cheap bcrypt, no per-address mail limit, the mail
 * outbox looked at every 100 ms and a failed mail retried after 1 s, then 2 s ...; `env` wins.
 */
export function mailedEnv(sink: SmtpSink, env: Record<string, string> = {}): Record<string, string> {
  return {
    SMTP_URL: sink.url,
    BCRYPT_COST: '4',
    MAIL_LIMIT_PER_ADDRESS: '0',
    MAIL_OUTBOX_POLL_MS: '100',
    MAIL_RETRY_BASE_SECONDS: '1',
    ...env,
  };
}

export interface MailedTestApp {
  /** The app; usable in the tests and in the hooks declared after `useMailedTestApp`. */
  t: TestApp;
  /** The real SMTP server it mails to (stop, stall or drop it to play a failing one). */
  sink: SmtpSink;
}

/**
 * The app wired to a real SMTP server of its own, for the enclosing `describe`: both start before
 * its tests and stop after them.
 */
export function useMailedTestApp(env: Record<string, string> = {}): MailedTestApp {
  const sink = new SmtpSink();
  let booted: TestApp | undefined;
  beforeAll(async () => {
    await sink.start();
    booted = await createTestApp({ env: mailedEnv(sink, env) });
  });
  afterAll(async () => {
    await booted?.close();
    await sink.stop();
  });
  const app = (): TestApp => {
    if (!booted) throw new Error('the mailed test app is used before its beforeAll ran');
    return booted;
  };
  const t: TestApp = {
    get app() {
      return app().app;
    },
    get config() {
      return app().config;
    },
    get http() {
      return app().http;
    },
    get prisma() {
      return app().prisma;
    },
    get database() {
      return app().database;
    },
    close: () => app().close(),
  };
  return { t, sink };
}
