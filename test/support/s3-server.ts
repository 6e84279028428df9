import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** s3rver's one account: any other key is refused. */
const ACCESS_KEY = 'S3RVER';

/** A real S3-compatible server (s3rver) in this process, on a port of its own, its objects in a temporary folder. */
export interface TestS3 {
  bucket: string;
  endpoint: string;
  /** The app's settings for it (STORAGE_DRIVER=s3 and the S3_* variables). */
  env: Record<string, string>;
  /** Keys of the objects in the bucket, sorted. */
  keys(): Promise<string[]>;
  /** Multipart uploads begun and neither completed nor aborted (their parts are stored all the same). */
  openMultipartUploads(): string[];
  /** Stops answering (the port stays known, for `start` again). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'platform-test'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'platform-s3-'));
  let server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
  });
  let running = true;
  return {
    bucket,
    endpoint,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: ACCESS_KEY,
      S3_SECRET_ACCESS_KEY: ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    keys: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys.sort();
    },
    // s3rver keeps each multipart upload in flight as a folder of its own until completed.
    openMultipartUploads: () => {
      const uploads = path.join(directory, bucket, '._S3rver_uploads');
      return existsSync(uploads) ? readdirSync(uploads) : [];
    },
    stop: async () => {
      if (running) await server.close();
      running = false;
    },
    start: async () => {
      server = new S3rver({ address: '127.0.0.1', port, silent: true, directory });
      await server.run();
      running = true;
    },
    close: async () => {
      client.destroy();
      if (running) await server.close();
      running = false;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
