import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { insertUser, loginAs, WEB } from './support/fixtures';
import { TestResponse } from './support/http-client';
import { createTestApp, TestApp } from './support/test-app';
import { zip } from './support/zip';

const PASSWORD = 'files-pass-2026';
const FILES = '/api/v1/files';
const FILE_MAX_BYTES = 1024 * 1024;
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

/** A multipart form as a browser sends it: `file` (unless omitted) and `type` (unless omitted). */
function form(file: Buffer | undefined, type: string | undefined, name = 'data.bin'): FormData {
  const body = new FormData();
  if (type !== undefined) body.append('type', type);
  if (file) body.append('file', new Blob([file]), name);
  return body;
}

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
  /** A download as a browser or curl makes it: no app header, no session. */
  const download = async (url: string, headers: Record<string, string> = {}): Promise<Downloaded> => {
    const response = await fetch(new URL(url, t.http.baseUrl), { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    const code = response.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()).code : undefined;
    return { status: response.status, headers: response.headers, bytes, code };
  };
  const downloads = async (token: string): Promise<number> =>
    (await t.prisma.downloadCredential.findUniqueOrThrow({ where: { tokenHash: createHash('sha256').update(token).digest() } })).downloads;
  /** Every file under the storage folder but the readiness probe's. */
  const stored = (): string[] =>
    (readdirSync(t.config.storageDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.ready-'))
      .map((entry) => path.relative(t.config.storageDir, path.join(entry.parentPath, entry.name)))
      .sort();
  /** The refusal, and proof that it left nothing behind: no row, no byte in the storage folder. */
  const refused = async (response: TestResponse, status: number, code: number, before: { files: string[]; rows: number }) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(stored()).toEqual(before.files);
    expect(await t.prisma.file.count()).toBe(before.rows);
  };
  const snapshot = async () => ({ files: stored(), rows: await t.prisma.file.count() });

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
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
      expect(stored()).toContain(`${file.flid.slice(0, 2)}/${file.flid}`);
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
      const cut = ['--XyZ', 'Content-Disposition: form-data; name="type"', '', 'bin', '--XyZ',
        'Content-Disposition: form-data; name="file"; filename="a.bin"', 'Content-Type: application/octet-stream', '', 'half of a fi'].join('\r\n');
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
      ]);
      const response = await upload(owner, form(archive, 'zip', 'bundle.zip'));
      expect(response.status).toBe(201);
      expect(response.body.data).toMatchObject({ type: 'zip', size: archive.length, sha256: sha256(archive) });
    });

    it.each([
      ['an entry that climbs out (../evil)', () => zip([{ name: 'ok.txt', data: Buffer.from('ok') }, { name: '../evil', data: Buffer.from('x') }])],
      ['a nested climb (a/../../evil)', () => zip([{ name: 'a/../../evil', data: Buffer.from('x') }])],
      ['an absolute path', () => zip([{ name: '/etc/evil', data: Buffer.from('x') }])],
      ['a bomb: 10 MB of zeros', () => zip([{ name: 'zeros.bin', data: Buffer.alloc(10_000_000) }])],
      ['a bomb whose headers understate its size', () => zip([{ name: 'zeros.bin', data: Buffer.alloc(1_000_000), declaredSize: 1000 }])],
      ['more entries than ARCHIVE_MAX_ENTRIES', () => zip(Array.from({ length: 51 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x'), store: true })))],
      ['more bytes unpacked than ARCHIVE_MAX_UNPACKED_BYTES', () => zip([1, 2, 3].map((i) => ({ name: `f${i}.bin`, data: randomBytes(40_000), store: true })))],
      ['garbage', () => randomBytes(2000)],
      ['a zip cut in half', () => zip([{ name: 'a.bin', data: randomBytes(4000), store: true }]).subarray(0, 2000)],
    ])('refuses %s (1016) and keeps nothing', async (_, archive) => {
      const before = await snapshot();
      await refused(await upload(owner, form(archive(), 'zip', 'x.zip')), 422, 1016, before);
    });

    it('checks only files sent as zip', async () => {
      expect((await upload(owner, form(randomBytes(2000), 'bin'))).status).toBe(201);
    });
  });

  describe('metadata and deletion', () => {
    it("answers 1048 for a file that does not exist or is another's", async () => {
      const flid = await uploaded(randomBytes(100));
      const other = await account();
      for (const [who, id] of [[owner, randomUUID()], [owner, 'not-a-uuid'], [other, flid]] as const) {
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
      expect(stored().some((file) => file.endsWith(flid))).toBe(false);
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

    it('serves one Range (206), counting only downloads that start at byte 0; 416 past the end', async () => {
      const bytes = randomBytes(1000);
      const id = await uploaded(bytes);
      const { credential: token, url } = await newCredential(id, 2);

      const middle = await download(url, { range: 'bytes=100-199' });
      expect(middle.status).toBe(206);
      expect(middle.bytes.equals(bytes.subarray(100, 200))).toBe(true);
      expect(middle.headers.get('content-range')).toBe('bytes 100-199/1000');
      expect(middle.headers.get('content-length')).toBe('100');
      expect(await downloads(token)).toBe(0);

      const first = await download(url, { range: 'bytes=0-9' });
      expect(first.status).toBe(206);
      expect(first.bytes.equals(bytes.subarray(0, 10))).toBe(true);
      expect(await downloads(token)).toBe(1);

      const tail = await download(url, { range: 'bytes=-10' });
      expect(tail.bytes.equals(bytes.subarray(990))).toBe(true);
      expect(await downloads(token)).toBe(2);

      // Used up: even a resumption is refused.
      expect(await download(url, { range: 'bytes=500-' })).toMatchObject({ status: 403, code: 1050 });

      const other = await newCredential(id, 1);
      const unsatisfiable = await download(other.url, { range: 'bytes=1000-' });
      expect(unsatisfiable.status).toBe(416);
      expect(unsatisfiable.headers.get('content-range')).toBe('bytes */1000');
      expect(await downloads(other.credential)).toBe(0);
      // Several ranges are not served as such: the whole file is, and counted.
      const whole = await download(other.url, { range: 'bytes=0-1,5-6' });
      expect(whole.status).toBe(200);
      expect(whole.bytes.equals(bytes)).toBe(true);
      expect(await downloads(other.credential)).toBe(1);
    });
  });
});
