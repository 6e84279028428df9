import { readFileSync } from 'node:fs';

import { Logger } from '@nestjs/common';

import { ErrorCode } from '../errors/catalogue';
import { DomainError } from '../errors/domain-error';
import { ReadinessFailure } from './readiness-check';

/**
 * A data file the server needs (a word list, a dictionary): read once at start-up, one entry a
 * line, `#` lines and blank lines skipped. A file that is missing, unreadable or empty does not
 * stop the start: the start-up log names it with 1008, readiness is down with 1008, and what needs
 * the data answers 1008 rather than going on without it.
 */
export class DataFile {
  private readonly entries?: ReadonlySet<string>;

  private constructor(
    /** Its name in messages: as configured. */
    readonly name: string,
    entries: ReadonlySet<string> | undefined,
  ) {
    this.entries = entries;
  }

  static load(name: string, normalise: (line: string) => string = (line) => line): DataFile {
    try {
      const lines = readFileSync(name, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line !== '' && !line.startsWith('#'));
      if (lines.length > 0) return new DataFile(name, new Set(lines.map(normalise)));
      new Logger('DataFile').error({ code: ErrorCode.DATA_FILE_MISSING, file: name }, `data file ${name} is empty (1008)`);
    } catch (error) {
      new Logger('DataFile').error(
        { code: ErrorCode.DATA_FILE_MISSING, file: name, reason: (error as NodeJS.ErrnoException).code },
        `data file ${name} is missing or unreadable (1008)`,
      );
    }
    return new DataFile(name, undefined);
  }

  /** Whether the file holds `entry`; 1008 when the file could not be read at start-up. */
  has(entry: string): boolean {
    if (!this.entries) throw new DomainError(ErrorCode.DATA_FILE_MISSING, 'a data file the server needs is missing');
    return this.entries.has(entry);
  }

  /** For readiness: throws when the file could not be read at start-up. */
  check(): Promise<void> {
    return this.entries ? Promise.resolve() : Promise.reject(new ReadinessFailure(`data file ${this.name} missing, unreadable or empty`));
  }
}
