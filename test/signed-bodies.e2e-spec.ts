import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

import { AppsService } from '../src/signing/apps.service';
import { signedHeaders } from '../src/signing/sign';
import { insertUser } from './support/fixtures';
import { AppCredentials, encodeForm, HttpClient, randomNonce } from './support/http-client';
import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'signed-bodies-2026';
const MiB = 1024 * 1024;
const now = (): number => Math.floor(Date.now() / 1000);
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A form with `type` and `file`, as the bytes fetch sends and the content type that names its boundary. */
function uploadForm(file: Buffer, type = 'bin'): Promise<[Buffer, string]> {
  const form = new FormData();
  form.append('type', type);
  form.append('file', new Blob([file]), 'data.bin');
  return encodeForm(form);
}

/**
 * Signatures cover the exact bytes of every body, whatever its content type: JSON, text, forms and
 * multipart uploads, which are hashed as they stream (never held whole in memory) and whose file is
 * kept only once the signature over all of them holds.
 */
describe('signed bodies of every content type', () => {
  let t: TestApp;
  let app: AppCredentials;
  let signed: HttpClient;
  let session: Record<string, string>;

  /** Sends `sent` with the headers of a request that signed `signedBytes` (the same bytes unless tampering). */
  const send = (
    method: string,
    url: string,
    sent: Buffer | string,
    contentType: string,
    signedBytes: Buffer | string = sent,
    extra: Record<string, string> = {},
  ) =>
    t.http.request(method, url, {
      body: sent,
      headers: {
        ...signedHeaders(app, { method, url, timestamp: now(), nonce: randomNonce(), body: signedBytes }),
        'content-type': contentType,
        ...session,
        ...extra,
      },
    });

  /** Every file under the storage folder (kept files and uploads in flight) but the readiness probe's. */
  const stored = (): string[] =>
    readdirSync(t.config.storageDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.ready-'))
      .map((entry) => path.relative(t.config.storageDir, path.join(entry.parentPath, entry.name)))
      .sort();
  const snapshot = async () => ({ files: stored(), rows: await t.prisma.file.count() });

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ProbeModule],
      env: {
        BCRYPT_COST: '4',
        LOGIN_LIMIT_PER_IP: '0',
        RATE_LIMIT_PER_IP: '0',
        FILE_MAX_BYTES: String(64 * MiB),
        UPLOAD_TIMEOUT_SECONDS: '600',
      },
    });
    const issued = await t.app.get(AppsService).create({ name: 'uploader', scopes: ['auth', 'files', 'points', 'probe'] });
    app = { id: issued.appId, key: issued.appKey };
    mkdirSync(t.config.storageDir, { recursive: true });
    signed = t.http.signedAs(app);
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const login = await signed.post('/api/v1/auth/login', { account: user.username, password: PASSWORD });
    expect(login.body.code).toBe(0);
    session = { authorization: `Bearer ${login.body.data.uuid}.${login.body.data.ukey}` };
  });
  afterAll(() => t.close());

  describe('multipart uploads (POST /files)', () => {
    it('accepts a small and a large upload a keyed app signed, and keeps them', async () => {
      for (const file of [randomBytes(1000), randomBytes(8 * MiB)]) {
        const [body, contentType] = await uploadForm(file);
        const response = await send('POST', '/api/v1/files', body, contentType);
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 201, code: 0 });
        const { flid } = response.body.data;
        expect(response.body.data).toMatchObject({ size: file.length, sha256: sha256(file) });
        expect(stored()).toContain(`${flid.slice(0, 2)}/${flid}`);
        expect(await t.prisma.file.count({ where: { id: flid } })).toBe(1);
      }
    });

    it('refuses an upload changed after signing (1014) and keeps nothing, not even when only its last byte differs', async () => {
      for (const size of [1000, 8 * MiB]) {
        const file = randomBytes(size);
        const [body, contentType] = await uploadForm(file);
        const tampered = Buffer.from(body);
        const boundary = contentType.split('boundary=')[1];
        tampered[tampered.lastIndexOf(`\r\n--${boundary}--`) - 1] ^= 1; // the file's last byte
        const before = await snapshot();
        const response = await send('POST', '/api/v1/files', tampered, contentType, body);
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 1014 });
        expect(await snapshot()).toEqual(before);
      }
    });

    it('refuses a replay of a signed upload (1015), keeping one file', async () => {
      const [body, contentType] = await uploadForm(randomBytes(4 * MiB));
      const headers = {
        ...signedHeaders(app, { method: 'POST', url: '/api/v1/files', timestamp: now(), nonce: randomNonce(), body }),
        'content-type': contentType,
        ...session,
      };
      const first = await t.http.post('/api/v1/files', body, { headers });
      expect(first.status).toBe(201);
      const before = await snapshot();
      const replay = await t.http.post('/api/v1/files', body, { headers });
      expect({ status: replay.status, code: replay.body.code }).toEqual({ status: 401, code: 1015 });
      expect(await snapshot()).toEqual(before);
    });

    it('hashes a large upload as it streams: memory does not grow with its size', async () => {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      const size = 64 * MiB;
      const block = randomBytes(MiB);
      const boundary = `----signed-${randomBytes(8).toString('hex')}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nbin\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      // The body is produced as it is sent, so neither side of this test holds it whole.
      const chunks = function* (): Generator<Buffer> {
        yield head;
        for (let sent = 0; sent < size; sent += MiB) yield block;
        yield tail;
      };
      const digest = createHash('sha256');
      for (const chunk of chunks()) digest.update(chunk);
      const bodyDigest = digest.digest('hex');
      const headers = {
        ...signedHeaders(app, { method: 'POST', url: '/api/v1/files', timestamp: now(), nonce: randomNonce(), bodyDigest }),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        ...session,
      };
      const live = (): number => {
        gc();
        const usage = process.memoryUsage();
        return usage.heapUsed + usage.arrayBuffers;
      };

      const baseline = live();
      let peak = baseline;
      // A forced collection is costly in a test process that also serves the app: once a second,
      // over an upload that lasts seconds, still sees a body held whole (it grows from the start).
      const sampler = setInterval(() => (peak = Math.max(peak, live())), 1000);
      try {
        // node:http, each chunk written once the last has drained: this side holds one chunk at a
        // time (fetch with a stream body may queue many, and they would count in this process).
        const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const request = http.request(new URL('/api/v1/files', t.http.baseUrl), { method: 'POST', headers }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (part: string) => (text += part));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          });
          request.on('error', reject);
          const send = async (): Promise<void> => {
            for (const chunk of chunks()) if (!request.write(chunk)) await once(request, 'drain');
            request.end();
          };
          send().catch(reject);
        });
        const answer = JSON.parse(response.text) as { code: number; data?: { size: number } };
        expect({ status: response.status, code: answer.code, size: answer.data?.size }).toEqual({ status: 201, code: 0, size });
      } finally {
        clearInterval(sampler);
      }
      expect(peak - baseline).toBeLessThan(size / 3);
    }, 300_000);
  });

  describe('other content types', () => {
    it('signs text/plain bodies: the exact text passes, one changed character is 1014', async () => {
      const ok = await send('POST', '/api/v1/probe/signed-echo', 'hello, signed world', 'text/plain');
      expect({ status: ok.status, body: ok.body.data?.body }).toEqual({ status: 201, body: 'hello, signed world' });
      const tampered = await send('POST', '/api/v1/probe/signed-echo', 'hello, signed World', 'text/plain', 'hello, signed world');
      expect({ status: tampered.status, code: tampered.body.code }).toEqual({ status: 401, code: 1014 });
    });

    it('signs url-encoded forms the same way', async () => {
      const form = 'note=hi&amount=1';
      const ok = await send('POST', '/api/v1/probe/signed-echo', form, 'application/x-www-form-urlencoded');
      expect(ok.body.data?.body).toEqual({ note: 'hi', amount: '1' });
      const tampered = await send('POST', '/api/v1/probe/signed-echo', 'note=hi&amount=9', 'application/x-www-form-urlencoded', form);
      expect(tampered.body.code).toBe(1014);
    });

    it('refuses a badly signed streamed body on a route that never reads it (1014), doing nothing', async () => {
      // Without this, a multipart body nobody reads would leave its signature unchecked.
      const [body, contentType] = await uploadForm(randomBytes(4 * MiB));
      const forged = await send('POST', '/api/v1/checkin', body, contentType, 'something else');
      expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 401, code: 1014 });
      expect(await t.prisma.checkin.count()).toBe(0);
    });
  });
});
