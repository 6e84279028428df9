import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, truncateSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

import { insertUser, loginAs } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { until } from './support/until';

const FILES = '/api/v1/files';
const PASSWORD = 'large-files-pass-2026';
const KIB = 1024;
const GIB = 1024 * 1024 * 1024;
/** The bytes of every file here: this block over and over. Its odd length puts its edges anywhere in the server's read buffers. */
const BLOCK = randomBytes(1024 * 1024 + 7);

/** Bytes `start` to `end` (inclusive) of a file of BLOCK repeated. */
function expectedBytes(start: number, end: number): Buffer {
  const parts: Buffer[] = [];
  for (let at = start; at <= end;) {
    const offset = at % BLOCK.length;
    const take = Math.min(BLOCK.length - offset, end - at + 1);
    parts.push(BLOCK.subarray(offset, offset + take));
    at += take;
  }
  return Buffer.concat(parts);
}

interface Streamed {
  status: number;
  headers: http.IncomingHttpHeaders;
  length: number;
  sha256: string;
  /** The body itself when it is small (a range); only its length and hash otherwise. */
  bytes?: Buffer;
}

/** Writes `chunk`, waiting for the socket to take it when its buffer is full. */
const write = (request: http.ClientRequest, chunk: Buffer): Promise<void> =>
  request.write(chunk) ? Promise.resolve() : new Promise((resolve) => request.once('drain', resolve));

/** Reads an answer as it streams, hashing it (a 1 GiB body is never held in memory). */
function readStreamed(response: http.IncomingMessage, keep: boolean): Promise<Streamed> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let length = 0;
  return new Promise((resolve, reject) => {
    response.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      length += chunk.length;
      if (keep) kept.push(chunk);
    });
    response.on('end', () =>
      resolve({
        status: response.statusCode!,
        headers: response.headers,
        length,
        sha256: hash.digest('hex'),
        ...(keep ? { bytes: Buffer.concat(kept) } : {}),
      }),
    );
    response.on('error', reject);
  });
}

/**
 * Files from 1 KiB to 1 GiB through the whole path, upload and download streamed both ways: every
 * byte comes back, whole and in ranges, and the credential counts what it served. Local storage
 * (the S3 store streams the same bytes; the files suite covers it at smaller sizes).
 */
describe('files from 1 KiB to 1 GiB', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({
      env: { BCRYPT_COST: '4', FILE_MAX_BYTES: String(GIB), UPLOAD_TIMEOUT_SECONDS: '600', CREDENTIAL_MAX_SECONDS: '3600' },
    });
    // A member keeps 1 GiB in all, counted with the form around each file: here the group keeps without limit (0).
    await t.prisma.group.update({ where: { name: 'member' }, data: { storageQuotaBytes: 0 } });
    const user = await insertUser(t.prisma, { password: PASSWORD });
    headers = await loginAs(t.http, user.username, PASSWORD);
  });
  afterAll(() => t?.close());

  /** Uploads a file of `size` bytes of BLOCK repeated, streamed as a multipart body; its flid and the SHA-256 of what was sent. */
  async function upload(size: number): Promise<{ flid: string; sha256: string }> {
    const boundary = `----large${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nbin\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="large.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const url = new URL(FILES, t.http.baseUrl);
    const request = http.request(url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
    });
    const answered = new Promise<Streamed>((resolve, reject) => {
      request.on('response', (response) => resolve(readStreamed(response, true)));
      request.on('error', reject);
    });
    const sent = createHash('sha256');
    await write(request, head);
    for (let at = 0; at < size; at += BLOCK.length) {
      const chunk = BLOCK.subarray(0, Math.min(BLOCK.length, size - at));
      sent.update(chunk);
      await write(request, chunk);
    }
    request.end(tail);
    const answer = await answered;
    expect(answer.status).toBe(201);
    const body = JSON.parse(answer.bytes!.toString()) as { data: { flid: string; size: number } };
    expect(body.data.size).toBe(size);
    return { flid: body.data.flid, sha256: sent.digest('hex') };
  }

  /** Uploads `bytes` as one small multipart file; its flid. */
  async function uploadBytes(bytes: Buffer): Promise<{ flid: string }> {
    const form = new FormData();
    form.append('type', 'bin');
    form.append('file', new Blob([bytes]), 'random.bin');
    const response = await fetch(new URL(FILES, t.http.baseUrl), { method: 'POST', headers, body: form });
    const body = (await response.json()) as { data: { flid: string } };
    expect(response.status).toBe(201);
    return body.data;
  }

  async function credentialFor(flid: string, maxDownloads = 3): Promise<{ credential: string; url: string }> {
    const response = await t.http.post(`${FILES}/${flid}/credentials`, { maxDownloads, expiresInSeconds: 3600 }, { headers });
    expect(response.status).toBe(201);
    return response.body.data;
  }

  function download(path: string, range?: string): Promise<Streamed> {
    return new Promise((resolve, reject) => {
      const request = http.get(new URL(path, t.http.baseUrl), { headers: range ? { range } : {} }, (response) =>
        resolve(readStreamed(response, range !== undefined)),
      );
      request.on('error', reject);
    });
  }

  /** A whole download kept in memory, its reader pausing `pauseMs` after every chunk. */
  function downloadSlowly(path: string, pauseMs: number): Promise<Streamed> {
    return new Promise((resolve, reject) => {
      const request = http.get(new URL(path, t.http.baseUrl), (response) => {
        if (pauseMs > 0) {
          response.on('data', () => {
            response.pause();
            setTimeout(() => response.resume(), pauseMs);
          });
        }
        resolve(readStreamed(response, true));
      });
      request.on('error', reject);
    });
  }

  async function bytesServed(credential: string): Promise<number> {
    const tokenHash = createHash('sha256').update(credential).digest();
    return Number((await t.prisma.downloadCredential.findUniqueOrThrow({ where: { tokenHash } })).bytesServed);
  }

  it.each([
    ['1 KiB', KIB],
    ['1 GiB', GIB],
  ])(
    '%s: uploaded and served byte for byte, whole and in ranges across read buffers and at the end',
    async (_, size) => {
      const { flid, sha256 } = await upload(size);
      const { credential, url } = await credentialFor(flid);

      const whole = await download(url);
      expect({ status: whole.status, length: whole.length, sha256: whole.sha256 }).toEqual({ status: 200, length: size, sha256 });
      expect(whole.headers['content-length']).toBe(String(size));

      // Inside the first read buffer, across BLOCK's edge and a 256 KiB mark, the last bytes, and one past the end.
      const ranges: [number, number][] = [
        [1, Math.min(size - 1, 700)],
        [Math.max(0, Math.min(size - 1, BLOCK.length - 5)), Math.min(size - 1, BLOCK.length + 256 * KIB + 3)],
        [size - 10, size - 1],
      ];
      for (const [start, end] of ranges) {
        const part = await download(url, `bytes=${start}-${end}`);
        expect(part.status).toBe(206);
        expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
        expect(part.bytes!.equals(expectedBytes(start, end))).toBe(true);
      }
      const beyond = await download(url, `bytes=${size}-`);
      expect(beyond.status).toBe(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${size}`);

      const rangedBytes = ranges.reduce((sum, [start, end]) => sum + end - start + 1, 0);
      expect(await bytesServed(credential)).toBe(size + rangedBytes);
    },
    600_000,
  );

  /** Stored files this process holds open (the app runs in it). */
  const openStoredFiles = (): number =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(t.config.storageDir);
      } catch {
        return false; // closed since it was listed
      }
    }).length;

  it('answers many downloads at once, read at different speeds, each with its own bytes and the head of any answer', async () => {
    // Read buffers are reused from one answer to the next: one refilled while still being sent
    // would put another file's bytes into this one. Distinct files, and readers that pause, make
    // buffers wait in sockets while others are read.
    const files = await Promise.all(
      [3, 5, 7].map(async (seed) => {
        // Larger than what loopback sockets buffer, so a paused reader leaves writes in flight.
        const bytes = randomBytes(12 * 1024 * 1024 + seed * 1000);
        const { flid } = await uploadBytes(bytes);
        return { bytes, url: (await credentialFor(flid, 20)).url };
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const file = files[i % files.length];
        return downloadSlowly(file.url, i % 2 === 0 ? 0 : 5).then((answer) => ({ answer, file }));
      }),
    );
    for (const { answer, file } of answers) {
      expect(answer.status).toBe(200);
      expect(answer.bytes!.equals(file.bytes)).toBe(true);
      expect(answer.headers['x-request-id']).toMatch(/./);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['content-length']).toBe(String(file.bytes.length));
    }
  }, 120_000);

  it('closes the file of a download whose client hangs up half way, and goes on serving', async () => {
    const bytes = randomBytes(8 * 1024 * 1024);
    const { flid } = await uploadBytes(bytes);
    const { url } = await credentialFor(flid, 20);
    await until(() => openStoredFiles() === 0, 2000); // the files of earlier answers, closed just after them
    // Five downloads begun and not read further: the server's writes back up with their files open.
    const stalled = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<http.ClientRequest>((resolve, reject) => {
            const request = http.get(new URL(url, t.http.baseUrl), (response) => {
              response.once('data', () => {
                response.pause();
                resolve(request);
              });
            });
            request.on('error', reject);
          }),
      ),
    );
    await until(() => openStoredFiles() === 5, 5000);
    for (const request of stalled) {
      request.on('error', () => undefined);
      request.destroy();
    }
    await until(() => openStoredFiles() === 0, 2000);
    const again = await downloadSlowly(url, 0);
    expect(again.bytes!.equals(bytes)).toBe(true);
  }, 60_000);

  it('cuts the connection when a stored file turns out shorter than its record, never ending the answer short', async () => {
    const bytes = randomBytes(1024 * 1024);
    const { flid } = await uploadBytes(bytes);
    const { url } = await credentialFor(flid, 20);
    const { storageKey } = await t.prisma.file.findUniqueOrThrow({ where: { id: flid } });
    truncateSync(path.join(t.config.storageDir, storageKey), 300 * 1024);
    // The head promised 1 MiB. Were the answer ended after 300 KiB, the connection's next answer
    // (pipelined behind it) would arrive as the rest of this body; cut, the connection just ends.
    const socket = net.connect(Number(new URL(t.http.baseUrl).port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    socket.write(`GET ${url} HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/v1/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await ended;
    const answer = Buffer.concat(received);
    const head = answer.subarray(0, answer.indexOf('\r\n\r\n')).toString();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/content-length: 1048576/i);
    expect(answer.indexOf('HTTP/1.1', 1)).toBe(-1);
    expect(answer.length - head.length - 4).toBeLessThan(1024 * 1024);
    // The server closes the file just after the connection (the close is asynchronous).
    await until(() => openStoredFiles() === 0, 2000);
  }, 60_000);

  it('closes the file of a pipelined download whose connection closes before its turn', async () => {
    const bytes = randomBytes(8 * 1024 * 1024);
    const { flid } = await uploadBytes(bytes);
    const { url } = await credentialFor(flid, 20);
    const { port } = new URL(t.http.baseUrl);
    await until(() => openStoredFiles() === 0, 2000); // the files of earlier answers, closed just after them
    // Two requests in one write on one connection, nothing read: the second answer waits behind the first.
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET ${url} HTTP/1.1\r\nHost: localhost\r\n\r\n`.repeat(2));
    await until(() => openStoredFiles() === 2, 5000);
    socket.destroy();
    await until(() => openStoredFiles() === 0, 2000);
  }, 60_000);
});
