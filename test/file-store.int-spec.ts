import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import { loadConfig } from '../src/core/config/app-config';
import { ReadinessFailure } from '../src/core/process/readiness-check';
import { FileStore } from '../src/files/file-store';
import { LocalFileStore } from '../src/files/local-file-store';
import { S3FileStore } from '../src/files/s3-file-store';
import { startTestS3, TestS3 } from './support/s3-server';
import { until } from './support/until';

async function bytesOf(stream: Readable | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The contract FilesService relies on, held by both drivers alike. */
describe.each(['local', 's3'] as const)('FileStore (%s)', (driver) => {
  let s3: TestS3 | undefined;
  let dataDir: string;
  let store: FileStore;
  const storeWith = (env: Record<string, string> = {}): FileStore => {
    const config = loadConfig({ DATA_DIR: dataDir, ...s3?.env, ...env });
    return driver === 's3' ? new S3FileStore(config) : new LocalFileStore(config);
  };
  const kept = async (bytes: Buffer, key: string): Promise<void> => {
    const temp = await store.temporary();
    try {
      expect((await temp.receive(Readable.from([bytes]))).size).toBe(bytes.length);
      await temp.keep(key);
    } finally {
      await temp.discard();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-store-'));
    if (driver === 's3') s3 = await startTestS3();
    store = storeWith();
  });
  afterAll(async () => {
    (store as Partial<S3FileStore>).onModuleDestroy?.();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a spooled file under its key, reads it whole or by an inclusive range, and removes it', async () => {
    const bytes = randomBytes(70_000);
    const key = store.keyFor('0f1e2d3c-0000-4000-8000-000000000001');
    expect(key).toBe('0f/0f1e2d3c-0000-4000-8000-000000000001');
    await kept(bytes, key);
    expect((await bytesOf(await store.read(key)))!.equals(bytes)).toBe(true);
    expect((await bytesOf(await store.read(key, { start: 100, end: 199 })))!.equals(bytes.subarray(100, 200))).toBe(true);
    expect((await store.head(key, 12))!.equals(bytes.subarray(0, 12))).toBe(true);
    await store.remove(key);
    expect(await store.read(key)).toBeUndefined();
    expect(await store.head(key, 12)).toBeUndefined();
    await expect(store.remove(key)).resolves.toBeUndefined();
  });

  it('reads the head of a file shorter than asked as what there is', async () => {
    const key = store.keyFor('0f1e2d3c-0000-4000-8000-000000000002');
    await kept(Buffer.from('GIF'), key);
    expect(await store.head(key, 12)).toEqual(Buffer.from('GIF'));
  });

  it('leaves nothing in the spool once a file is kept or discarded', async () => {
    await kept(randomBytes(10), store.keyFor('0f1e2d3c-0000-4000-8000-000000000003'));
    const dropped = await store.temporary();
    await dropped.receive(Readable.from([randomBytes(10)]));
    await dropped.discard();
    expect(readdirSync(path.join(dataDir, 'storage', 'tmp'))).toEqual([]);
  });

  describe('an upload cut short leaves nothing in the spool', () => {
    const spooled = (): string[] => readdirSync(path.join(dataDir, 'storage', 'tmp'));
    const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

    it('discarded while its bytes still arrive: the receive stops, and its file goes', async () => {
      const temp = await store.temporary();
      const source = new Readable({ read() {} }); // sends one chunk, then neither ends nor fails
      source.push(randomBytes(1000));
      const receiving = temp.receive(source);
      await until(() => existsSync(temp.path));
      await temp.discard();
      await expect(receiving).rejects.toThrow();
      await settled();
      expect(spooled()).toEqual([]);
    });

    it('no receive starts once discarded, and none creates a file', async () => {
      const temp = await store.temporary();
      await temp.discard();
      await expect(temp.receive(Readable.from([randomBytes(10)]))).rejects.toThrow('the upload was discarded');
      await settled();
      expect(spooled()).toEqual([]);
    });

    it('a source that fails at once: the receive settles after its file is open and closed, so discarding removes it', async () => {
      for (let round = 0; round < 20; round += 1) {
        const temp = await store.temporary();
        const failing = new Readable({
          read() {
            this.destroy(new Error('connection reset'));
          },
        });
        await expect(temp.receive(failing)).rejects.toThrow('connection reset');
        await temp.discard();
      }
      await settled();
      expect(spooled()).toEqual([]);
    });

    it('a source that fails while a chunk is being admitted: the receive settles once the admission is over', async () => {
      const temp = await store.temporary();
      let admitted = false;
      const admit = async (): Promise<void> => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        admitted = true;
      };
      const source = new Readable({ read() {} });
      source.push(randomBytes(10));
      setTimeout(() => source.destroy(new Error('connection reset')), 20);
      await expect(temp.receive(source, admit)).rejects.toThrow('connection reset');
      expect(admitted).toBe(true);
      await temp.discard();
      expect(spooled()).toEqual([]);
    });
  });

  it('is ready when it can be written, and says why not otherwise (no address, no path)', async () => {
    await expect(store.check()).resolves.toBeUndefined();
    const broken =
      driver === 's3'
        ? [
            [storeWith({ S3_BUCKET: 'no-such-bucket' }), 'bucket missing'],
            [storeWith({ S3_ACCESS_KEY_ID: 'not-a-key' }), 'bucket refused to the access key'],
            [storeWith({ S3_ENDPOINT: 'http://127.0.0.1:9' }), 'object store unreachable'],
          ]
        : [[new LocalFileStore({ storageDir: '/proc/version/storage' }), 'storage directory missing or not writable']];
    for (const [other, message] of broken as [FileStore, string][]) {
      await expect(other.check()).rejects.toEqual(new ReadinessFailure(message));
      (other as Partial<S3FileStore>).onModuleDestroy?.();
    }
  });

  it('streams downloads itself unless S3_PRESIGNED_DOWNLOADS says otherwise', async () => {
    expect(await store.directUrl('0f/x', { contentDisposition: 'attachment; filename="a.bin"' })).toBeUndefined();
  });
});
