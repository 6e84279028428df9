import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { RegistrationService } from '../accounts/registration.service';
import { AuditService } from '../audit/audit.service';
import { randomToken } from '../core/crypto/tokens';
import { failCommand, runWithApp } from './run-with-app';

const USAGE = 'usage: npm run admin:create -- --username <name> --email <address> [--password <password>]';

/** Asks on the terminal without echoing what is typed. */
async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text: string) => write(text.startsWith(question) ? text : '');
  try {
    return await rl.question(question);
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}

async function choosePassword(given: string | undefined): Promise<{ password: string; generated: boolean }> {
  if (given) return { password: given, generated: false };
  if (process.stdin.isTTY) {
    const password = await prompt('Password: ');
    if ((await prompt('Password again: ')) !== password) throw new Error('the passwords differ');
    return { password, generated: false };
  }
  return { password: randomToken(18), generated: true };
}

/** `npm run admin:create -- --username root --email root@example.com`: the first administrator, active at once. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } } });
  if (!values.username || !values.email) throw new Error(USAGE);
  const { password, generated } = await choosePassword(values.password);
  await runWithApp(async (app) => {
    const admin = await app.get(RegistrationService).createActivated({ username: values.username!, email: values.email!, password }, 'admin');
    await app.get(AuditService).record({ action: 'admin.create', targetType: 'user', targetId: admin.uuid, details: { via: 'cli', username: admin.username } });
    process.stdout.write(`uuid: ${admin.uuid}\nusername: ${admin.username}\n`);
    if (generated) {
      process.stdout.write(`password: ${password}\n`);
      process.stderr.write('The password is shown this once; change it after logging in (POST /api/v1/users/me/password).\n');
    }
  });
}

main().catch((error: unknown) => {
  const code = (error as { code?: number }).code;
  failCommand(code ? new Error(`${code}: ${(error as Error).message}`) : error);
});
