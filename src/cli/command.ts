import type { ParseArgsConfig } from 'node:util';

/**
 * Exit codes of `platform`, for scripts: 0 done; 1 the command ran and failed (a refusal of the
 * platform's rules, a database or file error); 2 the command line is wrong (unknown command or
 * option, a missing argument); 3 the configuration is invalid (one line per problem).
 */
export const EXIT = { DONE: 0, FAILED: 1, USAGE: 2, CONFIG: 3 } as const;

export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** The parsed options of a command line: strings and booleans by name. */
export type CommandValues = Record<string, string | boolean | undefined>;

/** A wrong command line: exit code 2, with the command's usage. */
export class UsageError extends Error {}

/** One command of `platform`: what `--help` shows, its options, and its work (loaded when it runs). */
export interface Command {
  name: string;
  /** One line, for the list of commands. */
  summary: string;
  /** The arguments after the command's name. */
  usage: string;
  /** Everything else to know: what it prints, what it needs. */
  details: string;
  options: CommandOptions;
  load(): Promise<{ run: (values: CommandValues) => Promise<void> }>;
}

/** A string option's value; UsageError when it is required and missing (or empty). */
export function stringOption(values: CommandValues, name: string, required: true): string;
export function stringOption(values: CommandValues, name: string, required?: false): string | undefined;
export function stringOption(values: CommandValues, name: string, required = false): string | undefined {
  const value = values[name];
  if (typeof value === 'string' && (value !== '' || !required)) return value;
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
}

/** A comma-separated option as a list (`a, b,,c` is `['a', 'b', 'c']`); undefined when not given. */
export const commaList = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

/** Results go to standard output as `name: value` lines, one per result, for scripts to read. */
export function printResult(fields: Record<string, string | number>): void {
  process.stdout.write(
    Object.entries(fields)
      .map(([name, value]) => `${name}: ${value}\n`)
      .join(''),
  );
}
