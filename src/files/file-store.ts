import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { Injectable, OnModuleInit } from '@nestjs/common';

import { AppConfig } from '../core/config/app-config';

const STALE_UPLOAD_MS = 24 * 3600 * 1000;

/** What was written of an upload: its length and the SHA-256 of its bytes. */
export interface Received {
  size: number;
  sha256: Buffer;
}

/** An upload being written under the storage folder's tmp/, not yet a stored file. */
export interface TemporaryFile {
  path: string;
  /**
   * Streams `source` into the file, hashing and counting as it goes. `admit` sees the running
   * size before each chunk is written and stops the upload by throwing; aborting `signal` stops it too.
   */
  receive(source: Readable, admit?: (size: number) => unknown, signal?: AbortSignal): Promise<Received>;
  /** Moves the complete file to `key`; the caller records it. */
  keep(key: string): Promise<void>;
  /** Removes it (nothing when it was kept or never written). */
  discard(): Promise<void>;
}

/**
 * The bytes of stored files, under STORAGE_DIR: `<2 hex>/<uuid>` for a kept file, `tmp/` for
 * uploads in flight. A temporary file is on the same file system as its final place, so keeping
 * it is one rename: a reader never sees half a file.
 */
@Injectable()
export class FileStore implements OnModuleInit {
  private readonly root: string;

  constructor(config: AppConfig) {
    this.root = config.storageDir;
  }

  /**
   * Removes what a crashed process left in tmp/. Other processes may be writing there: an upload
   * in flight touches its file with every chunk, so only files untouched for a day are taken.
   */
  async onModuleInit(): Promise<void> {
    const dir = path.join(this.root, 'tmp');
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const before = Date.now() - STALE_UPLOAD_MS;
    for (const name of names) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < before) await fs.rm(file, { force: true });
    }
  }

  /** A fresh storage key for a file id. */
  keyFor(id: string): string {
    return `${id.slice(0, 2)}/${id}`;
  }

  async temporary(): Promise<TemporaryFile> {
    const dir = path.join(this.root, 'tmp');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${randomUUID()}.part`);
    let kept = false;
    return {
      path: file,
      receive: async (source, admit, signal) => {
        const hash = createHash('sha256');
        let size = 0;
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              size += chunk.length;
              await admit?.(size);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(file, { flags: 'wx' }),
          { signal },
        );
        return { size, sha256: hash.digest() };
      },
      keep: async (key) => {
        const target = this.pathOf(key);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(file, target);
        kept = true;
      },
      discard: async () => {
        if (!kept) await fs.rm(file, { force: true });
      },
    };
  }

  /** Opens a stored file for reading; undefined when its bytes are gone. */
  async open(key: string): Promise<fs.FileHandle | undefined> {
    try {
      return await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.root, key);
  }
}
