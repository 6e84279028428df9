import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import { ReadinessFailure } from '../core/process/readiness-check';
import type { ByteRange } from './byte-range';
import { FileSlice } from './file-slice';
import { FileStore } from './file-store';

/**
 * Files on the local disk, under STORAGE_DIR: `<2 hex>/<uuid>` for a stored file. The spool is on
 * the same file system, so storing an upload is one rename: a reader never sees half a file.
 */
export class LocalFileStore extends FileStore {
  readonly kind = 'disk';
  private readonly root: string;

  constructor(config: { storageDir: string }) {
    super(config.storageDir);
    this.root = config.storageDir;
  }

  protected async put(file: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(file, target);
  }

  async read(key: string, range?: ByteRange): Promise<FileSlice | undefined> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return new FileSlice(handle, range?.start ?? 0, range?.end ?? Infinity);
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  /** The storage directory exists (made on first use) and may be written: no file is written to find out. */
  async check(): Promise<void> {
    try {
      await fs.mkdir(this.root, { recursive: true });
      await fs.access(this.root, constants.W_OK | constants.X_OK);
    } catch {
      throw new ReadinessFailure('storage directory missing or not writable');
    }
  }

  private pathOf(key: string): string {
    return path.join(this.root, key);
  }
}
