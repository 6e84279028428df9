import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';

import { RegistrationService } from '../accounts/registration.service';
import { AuditService } from '../audit/audit.service';
import { randomToken } from '../core/crypto/tokens';
import { failCommand, runWithApp } from './run-with-app';

const USAGE =
  'usage: npm run admin:create -- --username <name> --email <address> [--password-stdin | --password-file <path>]\n' +
  'Without either it asks on the terminal, or prints a generated password when there is none.';

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
  if (sources.filter(Boolean).length > 1) throw new Error(`give the password one way only\n${USAGE}`);
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

/** `npm run admin:create -- --username root --email root@example.com`: the first administrator, active at once. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'password-file': { type: 'string' },
    },
  });
  if (!values.username || !values.email) throw new Error(USAGE);
  const { password, generated } = await choosePassword(values);
  await runWithApp(async (app) => {
    const admin = await app
      .get(RegistrationService)
      .createActivated({ username: values.username!, email: values.email!, password }, 'admin');
    await app
      .get(AuditService)
      .record({ action: 'admin.create', targetType: 'user', targetId: admin.uuid, details: { via: 'cli', username: admin.username } });
    process.stdout.write(`uuid: ${admin.uuid}\nusername: ${admin.username}\n`);
    if (generated) {
      process.stdout.write(`password: ${password}\n`);
      process.stderr.write('The password is shown this once; change it after logging in (POST /api/v1/users/me/password).\n');
    }
  });
}

main().catch((error: unknown) => {
  // A catalogue code (1020, 1028 ...) leads the message; a system error's (ENOENT) is in it already.
  const code = (error as { code?: unknown }).code;
  failCommand(typeof code === 'number' ? new Error(`${code}: ${(error as Error).message}`) : error);
});
