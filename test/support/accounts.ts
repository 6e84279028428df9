import { SmtpSink } from './smtp-sink';
import { createTestApp, TestApp } from './test-app';

export const TEST_PASSWORD = 'Tr0ub4dor&3-horse';

let counter = 0;
/** A valid sign-up body with names no other test uses; `overrides` change single fields. */
export function signUpBody(overrides: Record<string, unknown> = {}): Record<string, any> {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  return { username: `u${tag}`, email: `u${tag}@example.com`, password: TEST_PASSWORD, passwordConfirm: TEST_PASSWORD, nickname: '小明', ...overrides };
}

export interface MailedTestApp {
  t: TestApp;
  sink: SmtpSink;
  close(): Promise<void>;
}

/**
 * The app wired to a real SMTP server of its own (cheap bcrypt, no per-address mail limit; the
 * mail outbox looked at every 100 ms and a failed mail retried after 1 s, then 2 s ...).
 */
export async function createMailedTestApp(env: Record<string, string> = {}): Promise<MailedTestApp> {
  const sink = await new SmtpSink().start();
  const t = await createTestApp({
    env: { SMTP_URL: sink.url, BCRYPT_COST: '4', MAIL_LIMIT_PER_ADDRESS: '0', MAIL_OUTBOX_POLL_MS: '100', MAIL_RETRY_BASE_SECONDS: '1', ...env },
  });
  return {
    t,
    sink,
    close: async () => {
      await t.close();
      await sink.stop();
    },
  };
}
