import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { OnModuleInit } from '@nestjs/common';

import type { ByteRange } from './byte-range';

const STALE_UPLOAD_MS = 24 * 3600 * 1000;

/** What was written of an upload: its length and the SHA-256 of its bytes. */
export interface Received {
  size: number;
  sha256: Buffer;
}

/** An upload being spooled to a local file under STORAGE_DIR/tmp, not yet a stored file. */
export interface TemporaryFile {
  /** The spooled bytes, for the checks that need the whole file (a zip's central directory is at its end). */
  path: string;
  /**
   * Streams `source` into the file, hashing and counting as it goes. `admit` sees the running
   * size before each chunk is written and stops the upload by throwing; aborting `signal` stops it too.
   */
  receive(source: Readable, admit?: (size: number) => unknown, signal?: AbortSignal): Promise<Received>;
  /** Stores the complete file under `key`, all at once for readers; the caller records it. */
  keep(key: string): Promise<void>;
  /**
   * Removes the spooled file (nothing when the local store took it by a rename, or it was never
   * written). A receive still under way is stopped and waited for first; none can start after.
   */
  discard(): Promise<void>;
}

/** What a presigned download URL answers with: the Content-Disposition naming the file, and the bytes counted for it. */
export interface DirectDownload {
  contentDisposition: string;
  range?: ByteRange;
}

/**
 * Where the bytes of files live, behind one interface so that FilesService does not care which:
 * the local disk (LocalFileStore) or an S3 bucket (S3FileStore), by STORAGE_DRIVER.
 *
 * Every upload is first spooled to a local file, whichever the store. The archive check needs
 * random access to the whole file (yauzl reads a zip from its central directory at the end), and
 * an upload can turn out to be a zip only by its first bytes or by a `type` field sent after the
 * file. Checking the spooled copy and storing it only once accepted means a refused or cut-off
 * upload never reaches the store at all, and the stored object appears whole or not at all (a
 * rename on disk; a PutObject or a completed multipart upload in S3), with no object to clean up
 * behind a refusal. Ranged reads of an object in S3 would need the object stored before it is
 * checked, so a refused archive would be visible there until removed.
 */
export abstract class FileStore implements OnModuleInit {
  /** What serves the bytes, as readiness names it: disk or s3. */
  abstract readonly kind: 'disk' | 's3';

  /** Where uploads are spooled: STORAGE_DIR/tmp (on the same file system as the local store's files, so keeping one is a rename). */
  protected readonly spoolDir: string;

  protected constructor(storageDir: string) {
    this.spoolDir = path.join(storageDir, 'tmp');
  }

  /** Stores the complete spooled file at `file` under `key`; a reader sees all of it or nothing. */
  protected abstract put(file: string, key: string): Promise<void>;

  /** The bytes of a stored file (the inclusive `range` of them, when given); undefined when they are gone. */
  abstract read(key: string, range?: ByteRange): Promise<Readable | undefined>;

  /** Removes a stored file's bytes (nothing when they are already gone). */
  abstract remove(key: string): Promise<void>;

  /** Resolves when the store can be written; throws a ReadinessFailure otherwise. */
  abstract check(): Promise<void>;

  /**
   * A short-lived URL that serves the file (or `download.range` of it) straight from the store, when
   * the store can sign one and is configured to; undefined: the server streams the bytes itself.
   */
  directUrl(_key: string, _download: DirectDownload): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }

  /**
   * Removes what a crashed process left in the spool. Other processes may be writing there: an
   * upload in flight touches its file with every chunk, so only files untouched for a day are taken.
   */
  async onModuleInit(): Promise<void> {
    const names = await fs.readdir(this.spoolDir).catch(() => [] as string[]);
    const before = Date.now() - STALE_UPLOAD_MS;
    for (const name of names) {
      const file = path.join(this.spoolDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < before) await fs.rm(file, { force: true });
    }
  }

  /** A fresh storage key for a file id. */
  keyFor(id: string): string {
    return `${id.slice(0, 2)}/${id}`;
  }

  /** The first `bytes` bytes of a stored file (fewer when it is shorter); undefined when it is gone. */
  async head(key: string, bytes: number): Promise<Buffer | undefined> {
    const stream = await this.read(key, { start: 0, end: bytes - 1 });
    if (!stream) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).subarray(0, bytes);
  }

  async temporary(): Promise<TemporaryFile> {
    await fs.mkdir(this.spoolDir, { recursive: true });
    const file = path.join(this.spoolDir, `${randomUUID()}.part`);
    // An upload cut short or timed out can be discarded while its receive is still settling (the
    // file still being opened or closed, a chunk still being admitted). Discarding stops that
    // receive, waits for it and only then removes the file; nothing is written after, so no .part
    // is left behind.
    const discarding = new AbortController();
    let writing: Promise<unknown> = Promise.resolve();
    return {
      path: file,
      receive: (source, admit, signal) => {
        if (discarding.signal.aborted) return Promise.reject(new Error('the upload was discarded'));
        const stop = signal ? AbortSignal.any([signal, discarding.signal]) : discarding.signal;
        const spooled = spool(source, file, admit, stop);
        writing = Promise.all([writing, spooled.catch(() => undefined)]);
        return spooled;
      },
      keep: (key) => this.put(file, key),
      // After a rename there is nothing left at `file` (its name is never used again), so this is a no-op then.
      discard: async () => {
        discarding.abort(new Error('the upload was discarded'));
        await writing;
        await fs.rm(file, { force: true });
      },
    };
  }
}

/**
 * Streams `source` into a new `file`, hashing and counting as it goes. Settles only once the file
 * is closed and the last `admit` is over, whether the stream ended or failed: a failed pipeline
 * answers as soon as one stream errs, before the others have let go.
 */
async function spool(
  source: Readable,
  file: string,
  admit: ((size: number) => unknown) | undefined,
  signal: AbortSignal,
): Promise<Received> {
  const hash = createHash('sha256');
  let size = 0;
  let admitting: Promise<unknown> = Promise.resolve();
  const sink = createWriteStream(file, { flags: 'wx' });
  const closed = new Promise<void>((resolve) => sink.once('close', () => resolve()));
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          admitting = Promise.resolve(admit?.(size));
          await admitting;
          hash.update(chunk);
          yield chunk;
        }
      },
      sink,
      { signal },
    );
    return { size, sha256: hash.digest() };
  } finally {
    await closed;
    await admitting.catch(() => undefined);
  }
}
