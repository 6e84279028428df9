import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { multipartForm, stalledRequest } from './support/raw-http';
import { startTestS3, TestS3 } from './support/s3-server';
import { createTestApp, TestApp } from './support/test-app';
import { zip } from './support/zip';

const PASSWORD = 'files-pass-2026';
const FILES = '/api/v1/files';
const MIB = 1024 * 1024;
const FILE_MAX_BYTES = MIB;
const ENV = {
  BCRYPT_COST: '4',
  LOGIN_LIMIT_PER_IP: '0',
  RATE_LIMIT_PER_IP: '0',
  FILE_MAX_BYTES: String(FILE_MAX_BYTES),
  ARCHIVE_MAX_ENTRIES: '50',
  ARCHIVE_MAX_UNPACKED_BYTES: '100000',
  CREDENTIAL_MAX_SECONDS: '3600',
};

interface Account {
  id: string;
  headers: Record<string, string>;
}

interface Downloaded {
  status: number;
  headers: Headers;
  bytes: Buffer;
  code?: number;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Waits (up to `ms`) until `condition` holds, then asserts it. */
async function untilWithin(ms: number, condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < ms && !(await condition()); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await condition()).toBe(true);
}

/** Waits (up to 5 s) until `condition` holds, then asserts it. */
const until = (condition: () => Promise<boolean>): Promise<void> => untilWithin(5000, condition);

/**
 * Every stored file: the storage folder's (kept files with the local store, and uploads in flight
 * under tmp/ with either) and the bucket's objects with S3, but the readiness probe's.
 */
async function storedFiles(app: TestApp, s3: TestS3 | undefined): Promise<string[]> {
  const dir = app.config.storageDir;
  const onDisk = (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }) : [])
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.ready-'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  return [...onDisk, ...(s3 ? await s3.keys() : [])].sort();
}

/** A download as a browser or curl makes it: no app header, no session. */
async function fetchDownload(t: TestApp, url: string, init: RequestInit = {}): Promise<Downloaded> {
  const response = await fetch(new URL(url, t.http.baseUrl), init);
  const bytes = Buffer.from(await response.arrayBuffer());
  const code = response.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()).code : undefined;
  return { status: response.status, headers: response.headers, bytes, code };
}

/** What a credential has served: whole files, and bytes. */
async function countedFor(t: TestApp, token: string): Promise<{ downloads: number; bytesServed: number }> {
  const row = await t.prisma.downloadCredential.findUniqueOrThrow({ where: { tokenHash: createHash('sha256').update(token).digest() } });
  return { downloads: row.downloads, bytesServed: Number(row.bytesServed) };
}

/** A multipart form as a browser sends it: `file` (unless omitted) and `type` (unless omitted). */
function form(file: Buffer | undefined, type: string | undefined, name = 'data.bin'): FormData {
  const body = new FormData();
  if (type !== undefined) body.append('type', type);
  if (file) body.append('file', new Blob([file]), name);
  return body;
}

// The same cases with each store: STORAGE_DRIVER=local, and s3 against a real S3-compatible server.
describe.each(['local', 's3'] as const)('files (%s storage)', (driver) => {
  let s3: TestS3 | undefined;
  beforeAll(async () => {
    if (driver === 's3') s3 = await startTestS3();
  });
  afterAll(() => s3?.close());

  describe('files', () => {
    let t: TestApp;
    let owner: Account;

    const account = async (group = 'member'): Promise<Account> => {
      const user = await insertUser(t.prisma, { password: PASSWORD, group });
      return { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
    };
    const upload = (who: Account, body: FormData | Buffer | string, headers: Record<string, string> = {}) =>
      t.http.post(FILES, body, { headers: { ...who.headers, ...headers } });
    const uploaded = async (bytes: Buffer, type = 'bin', name?: string): Promise<string> => {
      const response = await upload(owner, form(bytes, type, name));
      expect(response.status).toBe(201);
      return response.body.data.flid;
    };
    const credential = (flid: string, body: Record<string, unknown>, who = owner) =>
      t.http.post(`${FILES}/${flid}/credentials`, body, { headers: who.headers });
    const newCredential = async (flid: string, maxDownloads = 5, expiresInSeconds = 600): Promise<{ credential: string; url: string }> => {
      const response = await credential(flid, { maxDownloads, expiresInSeconds });
      expect(response.status).toBe(201);
      return response.body.data;
    };
    const download = (url: string, headers: Record<string, string> = {}): Promise<Downloaded> => fetchDownload(t, url, { headers });
    /** HEAD as a link scanner sends it. */
    const head = async (url: string, headers: Record<string, string> = {}) => {
      const response = await fetch(new URL(url, t.http.baseUrl), { method: 'HEAD', headers });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const counted = (token: string) => countedFor(t, token);
    const downloads = async (token: string): Promise<number> => (await counted(token)).downloads;
    const stored = (app = t): Promise<string[]> => storedFiles(app, s3);
    type Snapshot = { files: string[]; rows: number };
    const snapshot = async (app = t): Promise<Snapshot> => ({ files: await stored(app), rows: await app.prisma.file.count() });
    /** Proof that a refusal left nothing behind: no row, no byte in the storage folder or the bucket, no reservation of quota. */
    const nothingLeft = async (before: Snapshot, app = t) => {
      expect(await stored(app)).toEqual(before.files);
      expect(await app.prisma.file.count()).toBe(before.rows);
      expect(await app.prisma.uploadReservation.count()).toBe(0);
    };
    const refused = async (response: TestResponse, status: number, code: number, before: Snapshot) => {
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      await nothingLeft(before);
    };
    /** An upload of `file` over a raw socket that stops sending after `stallAfter` bytes of the body. */
    const stalledUpload = (who: Account, file: Buffer, stallAfter: number, waitMs = 5000, app = t) => {
      const { body, contentType } = multipartForm(file);
      const headers = Object.entries(who.headers).map(([name, value]) => `${name}: ${value}`);
      return stalledRequest({
        port: app.config.PORT,
        head: [
          'POST /api/v1/files HTTP/1.1',
          'Host: 127.0.0.1',
          `Content-Type: ${contentType}`,
          `Content-Length: ${body.length}`,
          ...headers,
        ],
        body,
        stallAfter,
        waitMs,
      });
    };

    beforeAll(async () => {
      t = await createTestApp({ env: { ...ENV, ...s3?.env } });
      owner = await account();
    });
    afterAll(() => t.close());

    describe('upload', () => {
      it('keeps the file, and a credential downloads the very same bytes', async () => {
        const bytes = randomBytes(300_000);
        const response = await upload(owner, form(bytes, 'bin', '../../etc/报告 (final).bin'));
        expect(response.status).toBe(201);
        const file = response.body.data;
        expect(file).toEqual({
          flid: expect.stringMatching(/^[0-9a-f-]{36}$/),
          name: '报告 (final).bin',
          type: 'bin',
          size: bytes.length,
          sha256: sha256(bytes),
          createdAt: expect.any(String),
        });
        expect(await stored()).toContain(`${file.flid.slice(0, 2)}/${file.flid}`);
        expect((await t.http.get(`${FILES}/${file.flid}`, { headers: owner.headers })).body.data).toEqual(file);

        const { credential: token, url } = await newCredential(file.flid);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(url).toBe(`/api/v1/download/${token}`);
        const row = await t.prisma.downloadCredential.findFirstOrThrow({ where: { fileId: file.flid } });
        expect(Buffer.from(row.tokenHash).toString('hex')).toBe(sha256(Buffer.from(token)));

        const got = await download(url);
        expect(got.status).toBe(200);
        expect(sha256(got.bytes)).toBe(file.sha256);
        expect(got.bytes.equals(bytes)).toBe(true);
        expect(got.headers.get('content-type')).toBe('application/octet-stream');
        expect(got.headers.get('content-length')).toBe(String(bytes.length));
        expect(got.headers.get('etag')).toBe(`"${file.sha256}"`);
        expect(got.headers.get('content-disposition')).toBe(
          `attachment; filename="__ (final).bin"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%28final%29.bin`,
        );
        expect(await downloads(token)).toBe(1);
      });

      it('needs a session (1030) and a group holding file.upload (1042)', async () => {
        const before = await snapshot();
        await refused(await t.http.post(FILES, form(randomBytes(10), 'bin'), { headers: WEB }), 401, 1030, before);
        await refused(await upload(await account('banned'), form(randomBytes(10), 'bin')), 403, 1042, before);
      });

      it('refuses a file over FILE_MAX_BYTES (1046) and leaves no part of it behind', async () => {
        const before = await snapshot();
        await refused(await upload(owner, form(randomBytes(FILE_MAX_BYTES + 1), 'bin')), 413, 1046, before);
        expect((await upload(owner, form(randomBytes(FILE_MAX_BYTES), 'bin'))).status).toBe(201);
      });

      it('refuses no file, an empty one, a form that is not multipart or is cut short (1017)', async () => {
        const before = await snapshot();
        await refused(await upload(owner, form(undefined, 'bin')), 400, 1017, before);
        await refused(await upload(owner, form(Buffer.alloc(0), 'bin')), 400, 1017, before);
        await refused(await upload(owner, { type: 'bin' } as unknown as string), 400, 1017, before);
        const cut = [
          '--XyZ',
          'Content-Disposition: form-data; name="type"',
          '',
          'bin',
          '--XyZ',
          'Content-Disposition: form-data; name="file"; filename="a.bin"',
          'Content-Type: application/octet-stream',
          '',
          'half of a fi',
        ].join('\r\n');
        await refused(await upload(owner, cut, { 'content-type': 'multipart/form-data; boundary=XyZ' }), 400, 1017, before);
      });

      it('refuses a type that is not 1-8 of [0-9A-Za-z] (1047)', async () => {
        const before = await snapshot();
        for (const type of [undefined, '', 'tar.gz', 'toolongtype', 'zïp']) {
          await refused(await upload(owner, form(randomBytes(10), type)), 400, 1047, before);
        }
        expect((await upload(owner, form(randomBytes(10), 'Ab12cd34'))).status).toBe(201);
      });
    });

    describe('archives', () => {
      it('keeps a sound zip', async () => {
        const archive = zip([
          { name: 'readme.txt', data: Buffer.from('hello '.repeat(100)) },
          { name: 'docs/', data: Buffer.alloc(0), store: true },
          { name: 'docs/data.bin', data: randomBytes(5000), store: true },
          { name: 'run.sh', data: Buffer.from('#!/bin/sh\n'), store: true, mode: 0o100755 },
        ]);
        const response = await upload(owner, form(archive, 'zip', 'bundle.zip'));
        expect(response.status).toBe(201);
        expect(response.body.data).toMatchObject({ type: 'zip', size: archive.length, sha256: sha256(archive) });
      });

      it.each([
        [
          'an entry that climbs out (../evil)',
          () =>
            zip([
              { name: 'ok.txt', data: Buffer.from('ok') },
              { name: '../evil', data: Buffer.from('x') },
            ]),
        ],
        ['a nested climb (a/../../evil)', () => zip([{ name: 'a/../../evil', data: Buffer.from('x') }])],
        ['an absolute path', () => zip([{ name: '/etc/evil', data: Buffer.from('x') }])],
        [
          'a symbolic link',
          () =>
            zip([
              { name: 'ok.txt', data: Buffer.from('ok') },
              { name: 'passwd', data: Buffer.from('/etc/passwd'), store: true, mode: 0o120777 },
            ]),
        ],
        ['a bomb: 10 MB of zeros', () => zip([{ name: 'zeros.bin', data: Buffer.alloc(10_000_000) }])],
        ['a bomb whose headers understate its size', () => zip([{ name: 'zeros.bin', data: Buffer.alloc(1_000_000), declaredSize: 1000 }])],
        [
          'more entries than ARCHIVE_MAX_ENTRIES',
          () => zip(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x'), store: true }))),
        ],
        [
          'more bytes unpacked than ARCHIVE_MAX_UNPACKED_BYTES',
          () => zip([1, 2, 3].map((i) => ({ name: `f${i}.bin`, data: randomBytes(40_000), store: true }))),
        ],
        ['garbage', () => randomBytes(2000)],
        ['a zip cut in half', () => zip([{ name: 'a.bin', data: randomBytes(4000), store: true }]).subarray(0, 2000)],
      ])('refuses %s (1016) and keeps nothing', async (_, archive) => {
        const before = await snapshot();
        await refused(await upload(owner, form(archive(), 'zip', 'x.zip')), 422, 1016, before);
      });

      it.each(['jar', 'bin', 'docx', 'ZIP2'])(
        'checks a zip sent as %s as an archive all the same (1016), by its first bytes',
        async (type) => {
          const before = await snapshot();
          const bomb = zip([{ name: 'zeros.bin', data: Buffer.alloc(10_000_000) }]);
          await refused(await upload(owner, form(bomb, type, `x.${type}`)), 422, 1016, before);
          // An empty archive starts with its end record: checked too, and sound.
          const empty = zip([]);
          expect(empty.subarray(0, 4)).toEqual(Buffer.from('PK\x05\x06', 'latin1'));
          expect((await upload(owner, form(empty, type))).status).toBe(201);
          await refused(await upload(owner, form(empty.subarray(0, 10), type)), 422, 1016, await snapshot());
          const sound = zip([{ name: 'META-INF/MANIFEST.MF', data: Buffer.from('Manifest-Version: 1.0\n') }]);
          expect((await upload(owner, form(sound, type))).body.data).toMatchObject({ type, size: sound.length });
        },
      );

      it('checks nothing else as an archive, whatever its type', async () => {
        expect((await upload(owner, form(Buffer.concat([Buffer.from('PK\x03\x05', 'latin1'), randomBytes(2000)]), 'bin'))).status).toBe(
          201,
        );
        expect((await upload(owner, form(randomBytes(2000), 'bin'))).status).toBe(201);
      });
    });

    describe('metadata and deletion', () => {
      it("answers 1048 for a file that does not exist or is another's", async () => {
        const flid = await uploaded(randomBytes(100));
        const other = await account();
        for (const [who, id] of [
          [owner, randomUUID()],
          [owner, 'not-a-uuid'],
          [other, flid],
        ] as const) {
          const response = await t.http.get(`${FILES}/${id}`, { headers: who.headers });
          expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 1048 });
          expect((await t.http.delete(`${FILES}/${id}`, { headers: who.headers })).body.code).toBe(1048);
          expect((await credential(id, { maxDownloads: 1, expiresInSeconds: 60 }, who)).body.code).toBe(1048);
        }
        expect((await t.http.get(`${FILES}/${flid}`, { headers: owner.headers })).status).toBe(200);
      });

      it('deletes the bytes, answers 1051 after, and its credentials stop working (1051)', async () => {
        const flid = await uploaded(randomBytes(100));
        const { url } = await newCredential(flid);
        const deleted = await t.http.delete(`${FILES}/${flid}`, { headers: owner.headers });
        expect(deleted.status).toBe(200);
        expect((await stored()).some((file) => file.endsWith(flid))).toBe(false);
        expect((await t.prisma.file.findUniqueOrThrow({ where: { id: flid } })).deletedAt).toBeInstanceOf(Date);
        for (const response of [
          await t.http.get(`${FILES}/${flid}`, { headers: owner.headers }),
          await t.http.delete(`${FILES}/${flid}`, { headers: owner.headers }),
          await credential(flid, { maxDownloads: 1, expiresInSeconds: 60 }),
        ]) {
          expect({ status: response.status, code: response.body.code }).toEqual({ status: 410, code: 1051 });
        }
        expect(await download(url)).toMatchObject({ status: 410, code: 1051 });
      });
    });

    describe('credentials', () => {
      let flid: string;
      beforeAll(async () => {
        flid = await uploaded(randomBytes(1000));
      });

      it('takes 1-1000 downloads (1049 otherwise) and at most CREDENTIAL_MAX_SECONDS', async () => {
        for (const maxDownloads of [0, 1001, -1, 1.5, '3']) {
          const response = await credential(flid, { maxDownloads, expiresInSeconds: 60 });
          expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 1049 });
        }
        expect((await credential(flid, { expiresInSeconds: 60 })).body.code).toBe(1011);
        expect((await credential(flid, { maxDownloads: 1, expiresInSeconds: 3601 })).body.code).toBe(1074);
        expect((await credential(flid, { maxDownloads: 1, expiresInSeconds: 0 })).body.code).toBe(1074);
        for (const maxDownloads of [1, 1000]) expect((await credential(flid, { maxDownloads, expiresInSeconds: 3600 })).status).toBe(201);
        expect(await t.prisma.downloadCredential.count({ where: { fileId: flid } })).toBe(2);
      });

      it('lets exactly maxDownloads of 20 parallel downloads through', async () => {
        const { credential: token, url } = await newCredential(flid, 3);
        const results = await Promise.all(Array.from({ length: 20 }, () => download(url)));
        const statuses = results.map((r) => r.status).sort();
        expect(statuses.filter((s) => s === 200)).toHaveLength(3);
        expect(results.filter((r) => r.status === 403 && r.code === 1050)).toHaveLength(17);
        expect(await downloads(token)).toBe(3);
      });

      it('refuses an unknown, malformed or expired credential (1050)', async () => {
        const { credential: token, url } = await newCredential(flid);
        await t.prisma.downloadCredential.updateMany({
          where: { tokenHash: createHash('sha256').update(token).digest() },
          data: { expiresAt: new Date(Date.now() - 1000) },
        });
        for (const path of [url, `/api/v1/download/${randomBytes(32).toString('base64url')}`, '/api/v1/download/short']) {
          expect(await download(path)).toMatchObject({ status: 403, code: 1050 });
        }
        expect(await downloads(token)).toBe(0);
      });

      it('serves one Range (206), each taking its bytes from maxDownloads x size; 416 past the end', async () => {
        const bytes = randomBytes(1000);
        const id = await uploaded(bytes);
        const { credential: token, url } = await newCredential(id, 2);

        const middle = await download(url, { range: 'bytes=100-199' });
        expect(middle.status).toBe(206);
        expect(middle.bytes.equals(bytes.subarray(100, 200))).toBe(true);
        expect(middle.headers.get('content-range')).toBe('bytes 100-199/1000');
        expect(middle.headers.get('content-length')).toBe('100');
        expect(await counted(token)).toEqual({ bytesServed: 100, downloads: 0 });

        const tail = await download(url, { range: 'bytes=-10' });
        expect(tail.bytes.equals(bytes.subarray(990))).toBe(true);
        expect(await counted(token)).toEqual({ bytesServed: 110, downloads: 0 });

        const whole = await download(url);
        expect(whole.bytes.equals(bytes)).toBe(true);
        expect(await counted(token)).toEqual({ bytesServed: 1110, downloads: 1 });

        // 890 bytes are left: a range that does not fit is refused, one that does is served, then nothing more.
        expect(await download(url, { range: 'bytes=100-' })).toMatchObject({ status: 403, code: 1050 });
        const rest = await download(url, { range: 'bytes=0-889' });
        expect(rest.bytes.equals(bytes.subarray(0, 890))).toBe(true);
        expect(await counted(token)).toEqual({ bytesServed: 2000, downloads: 2 });
        expect(await download(url, { range: 'bytes=0-0' })).toMatchObject({ status: 403, code: 1050 });

        const other = await newCredential(id, 1);
        const unsatisfiable = await download(other.url, { range: 'bytes=1000-' });
        expect(unsatisfiable.status).toBe(416);
        expect(unsatisfiable.headers.get('content-range')).toBe('bytes */1000');
        expect(await counted(other.credential)).toEqual({ bytesServed: 0, downloads: 0 });
        // Several ranges are not served as such: the whole file is, and counted.
        const several = await download(other.url, { range: 'bytes=0-1,5-6' });
        expect(several.status).toBe(200);
        expect(several.bytes.equals(bytes)).toBe(true);
        expect(await counted(other.credential)).toEqual({ bytesServed: 1000, downloads: 1 });
      });

      it('serves a file of many read buffers exactly, whole and in ranges that start and end inside them', async () => {
        const bytes = randomBytes(FILE_MAX_BYTES);
        const { credential: token, url } = await newCredential(await uploaded(bytes), 3);
        const whole = await download(url);
        expect({ status: whole.status, length: whole.bytes.length }).toEqual({ status: 200, length: bytes.length });
        expect(whole.bytes.equals(bytes)).toBe(true);
        // Around the 64 KiB and 256 KiB marks, where a read buffer ends, and the very last byte.
        for (const [start, end] of [
          [64 * 1024 - 1, 64 * 1024],
          [256 * 1024 - 3, 512 * 1024 + 2],
          [1, FILE_MAX_BYTES - 2],
          [FILE_MAX_BYTES - 1, FILE_MAX_BYTES - 1],
        ]) {
          const part = await download(url, { range: `bytes=${start}-${end}` });
          expect(part.status).toBe(206);
          expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/${FILE_MAX_BYTES}`);
          expect(part.bytes.equals(bytes.subarray(start, end + 1))).toBe(true);
        }
        // The whole file, then 2 + (256 KiB + 6) + (1 MiB - 2) + 1 bytes in ranges.
        expect((await counted(token)).bytesServed).toBe(FILE_MAX_BYTES + 2 + (256 * 1024 + 6) + (FILE_MAX_BYTES - 2) + 1);
      });

      it('serves a single-use credential its file once in bytes, whatever the ranges asked (10 x bytes=1-)', async () => {
        const bytes = randomBytes(1000);
        const { credential: token, url } = await newCredential(await uploaded(bytes), 1);
        const fetches = [];
        for (let i = 0; i < 10; i++) fetches.push(await download(url, { range: 'bytes=1-' }));
        expect(fetches.map((f) => f.status)).toEqual([206, ...Array(9).fill(403)]);
        expect(fetches[0].bytes.equals(bytes.subarray(1))).toBe(true);
        expect(fetches.slice(1).every((f) => f.code === 1050)).toBe(true);
        expect(await counted(token)).toEqual({ bytesServed: 999, downloads: 0 });

        // The one byte left, and then nothing, ranged or whole.
        const last = await download(url, { range: 'bytes=0-0' });
        expect({ status: last.status, bytes: last.bytes }).toEqual({ status: 206, bytes: bytes.subarray(0, 1) });
        expect(await download(url, { range: 'bytes=0-0' })).toMatchObject({ status: 403, code: 1050 });
        expect(await download(url)).toMatchObject({ status: 403, code: 1050 });
        expect(await counted(token)).toEqual({ bytesServed: 1000, downloads: 1 });
      });

      it('answers HEAD with the headers and takes nothing, so link scanners do not spend a credential', async () => {
        const bytes = randomBytes(1000);
        const flid = await uploaded(bytes);
        const { credential: token, url } = await newCredential(flid, 1);
        for (let i = 0; i < 5; i++) {
          const probe = await head(url);
          expect(probe.status).toBe(200);
          expect(probe.bytes.length).toBe(0);
          expect(probe.headers.get('content-length')).toBe('1000');
          expect(probe.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
        }
        const ranged = await head(url, { range: 'bytes=0-9' });
        expect({ status: ranged.status, length: ranged.headers.get('content-length'), range: ranged.headers.get('content-range') }).toEqual(
          {
            status: 206,
            length: '10',
            range: 'bytes 0-9/1000',
          },
        );
        expect(await counted(token)).toEqual({ bytesServed: 0, downloads: 0 });

        const got = await download(url);
        expect(got.status).toBe(200);
        expect(got.bytes.equals(bytes)).toBe(true);
        expect(await counted(token)).toEqual({ bytesServed: 1000, downloads: 1 });
        const spent = await head(url);
        expect({ status: spent.status, body: spent.bytes.length }).toEqual({ status: 403, body: 0 });
      });

      it('lets 20 parallel ranged downloads serve no more than the budget', async () => {
        const bytes = randomBytes(1000);
        const { credential: token, url } = await newCredential(await uploaded(bytes), 3);
        const results = await Promise.all(Array.from({ length: 20 }, () => download(url, { range: 'bytes=500-' })));
        const served = results.filter((r) => r.status === 206);
        expect(served).toHaveLength(6); // 3 x 1000 bytes, 500 at a time
        expect(served.every((r) => r.bytes.equals(bytes.subarray(500)))).toBe(true);
        expect(results.filter((r) => r.status === 403 && r.code === 1050)).toHaveLength(14);
        expect(await counted(token)).toEqual({ bytesServed: 3000, downloads: 3 });
      });
    });

    describe('limits as the bytes arrive', () => {
      let admin: Account;
      const QUOTA = 1.5 * MIB;
      beforeAll(async () => {
        admin = await account('admin');
        const created = await t.http.post(
          '/api/v1/admin/groups',
          { name: 'quota-test', rank: 15, permissions: ['file.upload'], storageQuotaBytes: QUOTA },
          { headers: admin.headers },
        );
        expect(created.body.data).toMatchObject({ name: 'quota-test', storageQuotaBytes: QUOTA });
      });

      it('sets a storage quota per group (bytes, 0 unlimited; 1043 otherwise), seeded for the built-in groups', async () => {
        const groups = (await t.http.get('/api/v1/admin/groups', { headers: admin.headers })).body.data;
        const quotas = Object.fromEntries(groups.map((g: { name: string; storageQuotaBytes: number }) => [g.name, g.storageQuotaBytes]));
        expect(quotas).toMatchObject({ member: 1024 * MIB, vip: 10240 * MIB, admin: 0, 'quota-test': QUOTA });
        for (const storageQuotaBytes of [-1, 1.5, '5', 2 ** 60]) {
          const response = await t.http.patch('/api/v1/admin/groups/vip', { storageQuotaBytes }, { headers: admin.headers });
          expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 1043 });
        }
        const changed = await t.http.patch('/api/v1/admin/groups/vip', { storageQuotaBytes: 5 * 1024 * MIB }, { headers: admin.headers });
        expect(changed.body.data.storageQuotaBytes).toBe(5 * 1024 * MIB);
        expect((await t.prisma.group.findUniqueOrThrow({ where: { name: 'vip' } })).storageQuotaBytes).toBe(BigInt(5 * 1024 * MIB));
      });

      it('cuts an upload off as soon as it passes FILE_MAX_BYTES (1046), answering and closing without reading the rest', async () => {
        const before = await snapshot();
        const answer = await stalledUpload(owner, randomBytes(20 * MIB), FILE_MAX_BYTES + 64 * 1024);
        expect({ status: answer.status, code: JSON.parse(answer.body).code, closed: answer.closed }).toEqual({
          status: 413,
          code: 1046,
          closed: true,
        });
        expect(answer.headers.connection).toBe('close');
        await nothingLeft(before);
      });

      it("refuses an upload as soon as it passes the group's quota (1046), and a deleted file frees its bytes", async () => {
        const member = await account('quota-test');
        const kept = await upload(member, form(randomBytes(MIB), 'bin'));
        expect(kept.status).toBe(201);

        const before = await snapshot();
        // 0.5 MiB are left: the answer comes while the client still holds back the rest of its 1 MiB.
        const answer = await stalledUpload(member, randomBytes(MIB), 768 * 1024);
        expect({ status: answer.status, connection: answer.headers.connection, closed: answer.closed }).toEqual({
          status: 413,
          connection: 'close',
          closed: true,
        });
        expect(JSON.parse(answer.body)).toMatchObject({ code: 1046, detail: expect.stringContaining(`quota of ${QUOTA} bytes`) });
        await nothingLeft(before);
        await refused(await upload(member, form(randomBytes(600 * 1024), 'bin')), 413, 1046, before);

        expect((await t.http.delete(`${FILES}/${kept.body.data.flid}`, { headers: member.headers })).status).toBe(200);
        expect((await upload(member, form(randomBytes(MIB), 'bin'))).status).toBe(201);
      });

      it('counts the bytes of an upload still arriving against the quota', async () => {
        const member = await account('quota-test');
        const before = await snapshot();
        // A slow upload of 1 MiB holds its bytes while it streams...
        const slow = stalledUpload(member, randomBytes(MIB), 256 * 1024, 3000);
        await until(async () => (await t.prisma.uploadReservation.count({ where: { userId: member.id } })) === 1);
        // ...so another that would fit on its own, but not beside it, is refused.
        const other = await upload(member, form(randomBytes(768 * 1024), 'bin'));
        expect({ status: other.status, code: other.body.code }).toEqual({ status: 413, code: 1046 });
        // The slow one gives up: its reservation goes with it, and the space is there again.
        expect((await slow).status).toBeUndefined();
        await until(async () => (await t.prisma.uploadReservation.count()) === 0);
        await nothingLeft(before);
        expect((await upload(member, form(randomBytes(MIB), 'bin'))).status).toBe(201);
      });

      it('lets exactly as many of 6 parallel uploads through as the quota holds', async () => {
        const member = await account('quota-test');
        const results = await Promise.all(Array.from({ length: 6 }, () => upload(member, form(randomBytes(700 * 1024), 'bin'))));
        expect(results.filter((r) => r.status === 201)).toHaveLength(2); // 2 x 700 KiB of 1.5 MiB
        expect(results.filter((r) => r.status === 413 && r.body.code === 1046)).toHaveLength(4);
        const files = await t.prisma.file.findMany({ where: { ownerId: member.id, deletedAt: null } });
        expect(files.map((f) => Number(f.size))).toEqual([700 * 1024, 700 * 1024]);
        expect(await t.prisma.uploadReservation.count()).toBe(0);
        expect((await stored()).filter((file) => file.startsWith('tmp/'))).toEqual([]);
      });
    });
  });

  describe('files: server timeouts', () => {
    let t: TestApp;
    let member: Account;

    beforeAll(async () => {
      t = await createTestApp({ env: { ...ENV, ...s3?.env, UPLOAD_TIMEOUT_SECONDS: '2', KEEP_ALIVE_TIMEOUT_SECONDS: '1' } });
      const user = await insertUser(t.prisma, { password: PASSWORD });
      member = { id: user.id, headers: await loginAs(t.http, user.username, PASSWORD) };
    });
    afterAll(() => t.close());

    it('refuses an upload still arriving after UPLOAD_TIMEOUT_SECONDS (1017), closes the connection and keeps nothing', async () => {
      const { body, contentType } = multipartForm(randomBytes(200_000));
      const headers = Object.entries(member.headers).map(([name, value]) => `${name}: ${value}`);
      const answer = await stalledRequest({
        port: t.config.PORT,
        head: [
          'POST /api/v1/files HTTP/1.1',
          'Host: 127.0.0.1',
          `Content-Type: ${contentType}`,
          `Content-Length: ${body.length}`,
          ...headers,
        ],
        body,
        stallAfter: 100_000,
        waitMs: 8000,
      });
      expect({ status: answer.status, code: JSON.parse(answer.body).code, closed: answer.closed }).toEqual({
        status: 400,
        code: 1017,
        closed: true,
      });
      expect(answer.headers.connection).toBe('close');
      expect(JSON.parse(answer.body).detail).toMatch(/longer than 2 s/);
      expect(answer.answeredAfterMs).toBeGreaterThanOrEqual(1900);
      expect(answer.answeredAfterMs).toBeLessThan(7000);
      expect(await t.prisma.file.count()).toBe(0);
      expect(await t.prisma.uploadReservation.count()).toBe(0);
      expect(readdirSync(t.config.storageDir, { recursive: true }).filter((name) => String(name).endsWith('.part'))).toEqual([]);
    });

    it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_SECONDS', async () => {
      const answer = await stalledRequest({
        port: t.config.PORT,
        head: ['GET /api/v1/health/live HTTP/1.1', 'Host: 127.0.0.1', 'Connection: keep-alive'],
        body: Buffer.alloc(0),
        stallAfter: 0,
        waitMs: 5000,
      });
      expect({ status: answer.status, closed: answer.closed }).toEqual({ status: 200, closed: true });
      expect(answer.headers['keep-alive']).toBe('timeout=1');
      expect(answer.closedAfterMs! - answer.answeredAfterMs!).toBeGreaterThanOrEqual(900);
      expect(answer.closedAfterMs! - answer.answeredAfterMs!).toBeLessThan(3000);
    });
  });
});

describe('files in S3 only', () => {
  const HEALTH_TOKEN = 'health-token-of-the-files-suite';
  let s3: TestS3;
  let t: TestApp;
  let presigned: TestApp;
  let owner: Account;
  let presignedOwner: Account;

  const account = async (app: TestApp): Promise<Account> => {
    const user = await insertUser(app.prisma, { password: PASSWORD });
    return { id: user.id, headers: await loginAs(app.http, user.username, PASSWORD) };
  };
  const upload = (app: TestApp, who: Account, bytes: Buffer) => app.http.post(FILES, form(bytes, 'bin'), { headers: who.headers });
  const newCredential = async (
    app: TestApp,
    who: Account,
    flid: string,
    maxDownloads: number,
  ): Promise<{ credential: string; url: string }> => {
    const response = await app.http.post(`${FILES}/${flid}/credentials`, { maxDownloads, expiresInSeconds: 600 }, { headers: who.headers });
    expect(response.status).toBe(201);
    return response.body.data;
  };
  const storage = async (app: TestApp) => {
    const res = await app.http.get('/api/v1/health/ready', { headers: { 'x-health-token': HEALTH_TOKEN } });
    return { status: res.status, storage: res.body.data.checks.storage };
  };

  beforeAll(async () => {
    s3 = await startTestS3();
    // Big enough for an upload of several parts (5 MiB each).
    const env = { ...ENV, ...s3.env, FILE_MAX_BYTES: String(16 * MIB), HEALTH_TOKEN };
    [t, presigned] = await Promise.all([createTestApp({ env }), createTestApp({ env: { ...env, S3_PRESIGNED_DOWNLOADS: 'true' } })]);
    [owner, presignedOwner] = await Promise.all([account(t), account(presigned)]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), presigned?.close()]);
    await s3?.close();
  });

  it('stores a file of several parts as one object, and serves ranges of it from the bucket', async () => {
    const bytes = randomBytes(12 * MIB + 12345);
    const response = await upload(t, owner, bytes);
    expect(response.status).toBe(201);
    const { flid } = response.body.data;
    expect(await s3.keys()).toContain(`${flid.slice(0, 2)}/${flid}`);
    expect(s3.openMultipartUploads()).toEqual([]);
    const { credential: token, url } = await newCredential(t, owner, flid, 1);
    const across = await fetchDownload(t, url, { headers: { range: `bytes=${5 * MIB - 50}-${5 * MIB + 49}` } });
    expect({ status: across.status, range: across.headers.get('content-range') }).toEqual({
      status: 206,
      range: `bytes ${5 * MIB - 50}-${5 * MIB + 49}/${bytes.length}`,
    });
    expect(across.bytes.equals(bytes.subarray(5 * MIB - 50, 5 * MIB + 50))).toBe(true);
    const tail = await fetchDownload(t, url, { headers: { range: 'bytes=-1000' } });
    expect(tail.bytes.equals(bytes.subarray(bytes.length - 1000))).toBe(true);
    expect(await countedFor(t, token)).toEqual({ bytesServed: 1100, downloads: 0 });
  });

  it('leaves no object, no multipart upload, no row and no reservation behind an upload its client abandons', async () => {
    const before = { keys: await s3.keys(), rows: await t.prisma.file.count() };
    const { body, contentType } = multipartForm(randomBytes(12 * MIB));
    const answer = await stalledRequest({
      port: t.config.PORT,
      head: [
        'POST /api/v1/files HTTP/1.1',
        'Host: 127.0.0.1',
        `Content-Type: ${contentType}`,
        `Content-Length: ${body.length}`,
        ...Object.entries(owner.headers).map(([name, value]) => `${name}: ${value}`),
      ],
      body,
      stallAfter: 7 * MIB,
      waitMs: 1500,
    });
    expect(answer.status).toBeUndefined(); // the client gave up before any answer
    await until(async () => (await t.prisma.uploadReservation.count()) === 0);
    expect(await s3.keys()).toEqual(before.keys);
    expect(s3.openMultipartUploads()).toEqual([]);
    expect(await t.prisma.file.count()).toBe(before.rows);
    expect(readdirSync(path.join(t.config.storageDir, 'tmp'))).toEqual([]);
  });

  it('fails an upload while the store is down with nothing recorded, reports the store down, and recovers', async () => {
    expect(await storage(t)).toEqual({ status: 200, storage: { status: 'up', via: 's3' } });
    const doomed = (await upload(t, owner, randomBytes(1000))).body.data.flid;
    const before = { rows: await t.prisma.file.count() };
    await s3.stop();
    try {
      // A deletion is the row's: it happens, and the object the store could not remove is only left over.
      expect((await t.http.delete(`${FILES}/${doomed}`, { headers: owner.headers })).status).toBe(200);
      expect((await t.http.get(`${FILES}/${doomed}`, { headers: owner.headers })).body.code).toBe(1051);
      const failed = await upload(t, owner, randomBytes(1000));
      expect({ status: failed.status, code: failed.body.code }).toEqual({ status: 500, code: 1076 });
      expect(await t.prisma.file.count()).toBe(before.rows);
      expect(await t.prisma.uploadReservation.count()).toBe(0);
      expect(readdirSync(path.join(t.config.storageDir, 'tmp'))).toEqual([]);
      // Readiness reuses a check's result for 5 s.
      await untilWithin(10_000, async () => (await storage(t)).status === 503);
      expect((await storage(t)).storage).toEqual({ status: 'down', via: 's3', code: 1000, message: 'object store unreachable' });
    } finally {
      await s3.start();
    }
    await untilWithin(10_000, async () => (await storage(t)).status === 200);
    expect(await s3.keys()).toContain(`${doomed.slice(0, 2)}/${doomed}`);
    expect((await upload(t, owner, randomBytes(1000))).status).toBe(201);
  });

  describe('with S3_PRESIGNED_DOWNLOADS', () => {
    const redirected = (url: string, headers: Record<string, string> = {}) =>
      fetchDownload(presigned, url, { headers, redirect: 'manual' });

    it('answers 302 to a short-lived URL of the store serving exactly the bytes it counted, once', async () => {
      const bytes = randomBytes(300_000);
      const flid = (await upload(presigned, presignedOwner, bytes)).body.data.flid;
      const { credential: token, url } = await newCredential(presigned, presignedOwner, flid, 2);

      const whole = await redirected(url);
      expect(whole.status).toBe(302);
      expect(whole.headers.get('cache-control')).toBe('private, no-store');
      const location = new URL(whole.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(`${s3.endpoint}/${s3.bucket}/${flid.slice(0, 2)}/${flid}`);
      expect(location.searchParams.get('X-Amz-Expires')).toBe('60');
      expect(await countedFor(presigned, token)).toEqual({ bytesServed: 300_000, downloads: 1 });
      const fromStore = await fetch(location);
      expect(fromStore.status).toBe(200);
      expect(fromStore.headers.get('content-disposition')).toBe('attachment; filename="data.bin"; filename*=UTF-8\'\'data.bin');
      expect(Buffer.from(await fromStore.arrayBuffer()).equals(bytes)).toBe(true);
      expect(await countedFor(presigned, token)).toEqual({ bytesServed: 300_000, downloads: 1 });

      // HEAD answers the headers itself and takes nothing; a Range is signed into the URL it redirects to.
      const probe = await fetch(new URL(url, presigned.http.baseUrl), { method: 'HEAD', redirect: 'manual' });
      expect({ status: probe.status, length: probe.headers.get('content-length') }).toEqual({ status: 200, length: '300000' });
      const ranged = await redirected(url, { range: 'bytes=1000-1099' });
      expect(ranged.status).toBe(302);
      const rangedLocation = new URL(ranged.headers.get('location')!);
      expect(rangedLocation.searchParams.get('X-Amz-SignedHeaders')).toBe('host;range');
      const part = await fetch(rangedLocation, { headers: { range: 'bytes=1000-1099' } });
      expect(part.status).toBe(206);
      expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 1100))).toBe(true);
      expect(await countedFor(presigned, token)).toEqual({ bytesServed: 300_100, downloads: 1 });

      // What is left does not hold the whole file: refused, with no URL.
      const spent = await redirected(url);
      expect({ status: spent.status, code: spent.code, location: spent.headers.get('location') }).toEqual({
        status: 403,
        code: 1050,
        location: null,
      });
      // A browser follows the redirect to the bytes.
      const other = await newCredential(presigned, presignedOwner, flid, 1);
      const followed = await fetchDownload(presigned, other.url);
      expect({ status: followed.status, same: followed.bytes.equals(bytes) }).toEqual({ status: 200, same: true });
    });

    it('redirects exactly maxDownloads of 20 parallel downloads', async () => {
      const flid = (await upload(presigned, presignedOwner, randomBytes(1000))).body.data.flid;
      const { credential: token, url } = await newCredential(presigned, presignedOwner, flid, 3);
      const results = await Promise.all(Array.from({ length: 20 }, () => redirected(url)));
      expect(results.filter((r) => r.status === 302)).toHaveLength(3);
      expect(results.filter((r) => r.status === 403 && r.code === 1050)).toHaveLength(17);
      expect(await countedFor(presigned, token)).toEqual({ bytesServed: 3000, downloads: 3 });
    });
  });
});
