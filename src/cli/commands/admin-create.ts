import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';

import { RegistrationService } from '../../accounts/registration.service';
import { AuditService } from '../../audit/audit.service';
import { randomToken } from '../../core/crypto/tokens';
import { CommandValues, printResult, stringOption, UsageError } from '../command';
import { runWithApp } from '../run-with-app';

const ARGUMENT_WARNING =
  'warning: --password leaves the password in the process list and the shell history; use --password-stdin or --password-file <path>\n';

interface PasswordOptions {
  password?: string;
  'password-stdin'?: boolean;
  'password-file'?: string;
}

/** Asks on the terminal without echoing what is typed. */
async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (text: string) =>
    write(text.startsWith(question) ? text : '');
  try {
    return await rl.question(question);
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What `echo`, a here-string or an editor put after the password is not part of it. */
const withoutFinalNewline = (text: string): string => text.replace(/\r?\n$/, '');

/** From standard input, a file, the terminal, or (discouraged, warned) an argument; generated when none can give one. */
async function choosePassword(options: PasswordOptions): Promise<{ password: string; generated: boolean }> {
  const sources = [options.password !== undefined, options['password-stdin'] === true, options['password-file'] !== undefined];
  if (sources.filter(Boolean).length > 1) throw new UsageError('give the password one way only');
  if (options['password-stdin']) return { password: withoutFinalNewline(await readStdin()), generated: false };
  if (options['password-file'] !== undefined)
    return { password: withoutFinalNewline(readFileSync(options['password-file'], 'utf8')), generated: false };
  if (options.password !== undefined) {
    process.stderr.write(ARGUMENT_WARNING);
    return { password: options.password, generated: false };
  }
  if (process.stdin.isTTY) {
    const password = await prompt('Password: ');
    if ((await prompt('Password again: ')) !== password) throw new Error('the passwords differ');
    return { password, generated: false };
  }
  return { password: randomToken(18), generated: true };
}

/** `platform admin:create --username root --email root@example.com`: the first administrator, active at once. */
export async function run(values: CommandValues): Promise<void> {
  const username = stringOption(values, 'username', true);
  const email = stringOption(values, 'email', true);
  const { password, generated } = await choosePassword(values);
  await runWithApp(async (app) => {
    const admin = await app.get(RegistrationService).createActivated({ username, email, password }, 'admin');
    await app
      .get(AuditService)
      .record({ action: 'admin.create', targetType: 'user', targetId: admin.uuid, details: { via: 'cli', username: admin.username } });
    printResult({ uuid: admin.uuid, username: admin.username });
    if (generated) {
      printResult({ password });
      process.stderr.write('The password is shown this once; change it after logging in (POST /api/v1/users/me/password).\n');
    }
  });
}
