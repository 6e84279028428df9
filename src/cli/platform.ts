#!/usr/bin/env node
import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { ConfigError } from '../core/config/app-config';
import { Command, CommandValues, EXIT, UsageError } from './command';
import { COMMANDS } from './commands';

const HELP_FLAGS = ['--help', '-h'];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'usage: platform <command> [options]        platform <command> --help',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Settings come from the environment and the .env file of the working directory, as for the server.',
    'Exit codes: 0 done, 1 failed (the message says why), 2 wrong command line, 3 invalid configuration.',
    '',
  ].join('\n');
}

const usageOf = (command: Command): string => `usage: platform ${command.name}${command.usage ? ` ${command.usage}` : ''}\n`;

const helpOf = (command: Command): string => `${usageOf(command)}\n${command.summary}.\n\n${command.details}\n`;

/** The message a script can match: a catalogue refusal carries its name and code, "USERNAME_TAKEN (1020): ...". */
function failure(error: unknown): { code: number; message: string } {
  if (error instanceof ConfigError) return { code: EXIT.CONFIG, message: error.message };
  if (error instanceof UsageError) return { code: EXIT.USAGE, message: `error: ${error.message}` };
  return { code: EXIT.FAILED, message: `error: ${(error as Error).message}` };
}

/** Runs `platform <argv>`; answers the exit code. */
export async function runPlatform(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || HELP_FLAGS.includes(name) || name === 'help') {
    process.stdout.write(overview());
    return name === undefined ? EXIT.USAGE : EXIT.DONE;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${overview()}`);
    return EXIT.USAGE;
  }
  if (args.some((arg) => HELP_FLAGS.includes(arg))) {
    process.stdout.write(helpOf(command));
    return EXIT.DONE;
  }
  try {
    let values;
    try {
      ({ values } = parseArgs({ args, options: command.options, strict: true, allowPositionals: false }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    await (await command.load()).run(values as CommandValues);
    return EXIT.DONE;
  } catch (error) {
    const { code, message } = failure(error);
    process.stderr.write(`${message}\n${code === EXIT.USAGE ? usageOf(command) : ''}`);
    return code;
  }
}

if (require.main === module) {
  void runPlatform(process.argv.slice(2)).then((code) => process.exit(code));
}
