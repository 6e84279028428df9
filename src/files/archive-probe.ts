import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';
import { ErrorCode } from '../core/errors/catalogue';
import { ReadinessFailure } from '../core/process/readiness-check';
import { ArchiveLimits, checkZip } from './archive-check';
import { zip } from './zip-writer';

/** The limits every uploaded archive is checked against. */
export const archiveLimits = (config: AppConfig): ArchiveLimits => ({
  maxEntries: config.ARCHIVE_MAX_ENTRIES,
  maxUnpackedBytes: config.ARCHIVE_MAX_UNPACKED_BYTES,
  maxRatio: config.ARCHIVE_MAX_RATIO,
});

/**
 * Whether uploads can still be checked as archives: a small zip (one deflated entry, one stored)
 * is made once at start-up under DATA_DIR/runtime, and readiness has the upload's archive checker
 * open and inflate it (998 when it cannot). Nothing is written after start-up.
 */
@Injectable()
export class ArchiveProbe implements OnModuleInit {
  private readonly logger = new Logger(ArchiveProbe.name);
  readonly file: string;
  private made = false;

  constructor(private readonly config: AppConfig) {
    this.file = path.join(config.dataDir, 'runtime', 'archive-probe.zip');
  }

  onModuleInit(): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const text = Buffer.from('archive support probe\n'.repeat(20));
      writeFileSync(
        this.file,
        zip([
          { name: 'probe/deflated.txt', data: text },
          { name: 'probe/stored.txt', data: text, store: true },
        ]),
      );
      this.made = true;
    } catch (error) {
      this.logger.error({ code: ErrorCode.RUNTIME_ARCHIVE, err: error }, 'the archive probe could not be made (998)');
    }
  }

  async check(): Promise<void> {
    if (!this.made) throw new ReadinessFailure('the archive probe could not be made at start-up');
    try {
      await checkZip(this.file, archiveLimits(this.config));
    } catch {
      throw new ReadinessFailure('the archive checker cannot open its probe archive');
    }
  }
}
