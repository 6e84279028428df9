import type { FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';

/**
 * Bytes read from disk at a time. Node's default (64 KiB) makes a 1 MiB file 16 reads, 16 promise
 * round trips through the thread pool and 16 socket writes; 256 KiB makes it 4, for 45% fewer
 * instructions per MiB streamed (callgrind, read-to-socket path). 1 MiB buffers cost more again.
 */
const READ_BYTES = 256 * 1024;

/** At most this many idle read buffers are kept (8 MiB); more in flight at once are allocated. */
const SPARE_BUFFERS = 32;

/**
 * Read buffers reused from one answer to the next. Each fresh buffer counts as memory outside
 * the JavaScript heap, and V8 runs a full garbage collection for every 64 MiB or so of it: at
 * 400 downloads of 1 MiB a second that was one every 150 ms, each marking the whole heap of the
 * process (70 MB here), a third of the CPU a download cost. A buffer comes back once the socket
 * has taken its bytes (the write's callback, which Node calls at most once, after libuv is done
 * with the bytes); a write that never calls back (its connection gone first) leaves its buffer to
 * the garbage collector. `lent` makes a second return of one buffer do nothing, so no buffer can
 * ever be filled for two answers at once.
 */
const spare: Buffer[] = [];
const lent = new WeakSet<Buffer>();
function takeBuffer(): Buffer {
  const buffer = spare.pop() ?? Buffer.allocUnsafeSlow(READ_BYTES);
  lent.add(buffer);
  return buffer;
}
function giveBack(buffer: Buffer): void {
  if (lent.delete(buffer) && spare.length < SPARE_BUFFERS) spare.push(buffer);
}

/**
 * Resolves once `response` can take more, or it or its connection is gone. A pipelined answer
 * waiting for its turn on a connection that closes never hears of it from the answer itself.
 */
function drained(response: ServerResponse, connection: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      connection.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
    connection.on('close', done);
  });
}

/** How `sendTo` ended: every byte handed to the answer, or the client gone first. */
export type SendOutcome = 'sent' | 'client-gone';

/**
 * Bytes `position` to `end` (inclusive) of an open file: either read as a stream, into fresh
 * buffers, by any consumer, or written to an HTTP answer by `sendTo` with reused buffers; one or
 * the other, not both. Either way the file is closed when it is done, failed or destroyed. As a
 * stream, a file that turns out shorter ends early.
 */
export class FileSlice extends Readable {
  constructor(
    private readonly handle: FileHandle,
    private position: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: READ_BYTES });
  }

  /**
   * Writes the slice as the body of `response`, calling `writeHead` before its first byte, once
   * the first read has succeeded: a file that cannot be read fails here with nothing sent, and the
   * caller can still answer with an error. A failure after that (the file unreadable or shorter
   * than the head's Content-Length, with `strictContentLength`) destroys the answer, cutting the
   * connection, and is thrown. Resolves once the last byte is queued and the answer ended, or the
   * client has gone.
   */
  async sendTo(response: ServerResponse, writeHead: () => void): Promise<SendOutcome> {
    const connection = response.req.socket;
    const gone = (): boolean => response.destroyed || connection.destroyed;
    let buffer: Buffer | undefined = takeBuffer();
    try {
      let bytesRead = await this.readInto(buffer);
      writeHead();
      while (bytesRead > 0 && !gone()) {
        const chunk: Buffer = buffer;
        buffer = undefined;
        const more = response.write(bytesRead < chunk.length ? chunk.subarray(0, bytesRead) : chunk, () => giveBack(chunk));
        if (!more && !gone()) await drained(response, connection);
        if (this.position > this.end || gone()) break;
        buffer = takeBuffer();
        bytesRead = await this.readInto(buffer);
      }
      if (gone()) return 'client-gone';
      response.end();
      return 'sent';
    } catch (error) {
      if (response.headersSent) response.destroy();
      throw error;
    } finally {
      if (buffer) giveBack(buffer);
      this.destroy();
    }
  }

  override _read(): void {
    const buffer = Buffer.allocUnsafeSlow(Math.min(READ_BYTES, this.end + 1 - this.position));
    this.readInto(buffer).then(
      (bytesRead) => this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead)),
      (error: Error) => this.destroy(error),
    );
  }

  // Readable calls this once, however many times the slice is destroyed.
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.handle.close().then(
      () => callback(error),
      (closeError: Error) => callback(error ?? closeError),
    );
  }

  /** Reads the next bytes of the slice into `buffer`; 0 once it is all read (or the file ended). */
  private async readInto(buffer: Buffer): Promise<number> {
    const length = Math.min(buffer.length, this.end + 1 - this.position);
    if (length <= 0) return 0;
    const { bytesRead } = await this.handle.read(buffer, 0, length, this.position);
    this.position += bytesRead;
    return bytesRead;
  }
}
