import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { OnModuleDestroy } from '@nestjs/common';

import type { AppConfig } from '../core/config/app-config';
import { ReadinessFailure } from '../core/process/readiness-check';
import type { ByteRange } from './byte-range';
import { DirectDownload, FileStore } from './file-store';

/** Parts of a multipart upload (S3's smallest), and how many are in flight at once: at most 10 MiB of memory per upload. */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_AT_ONCE = 2;

/** Milliseconds to open a connection to the store, and of silence on one (a stalled store, or a download client that stopped reading). */
const CONNECT_TIMEOUT_MS = 5000;
const SOCKET_TIMEOUT_MS = 120_000;

/** The S3 settings of AppConfig. */
export type S3Settings = Pick<
  AppConfig,
  | 'S3_ENDPOINT'
  | 'S3_BUCKET'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_PRESIGNED_DOWNLOADS'
  | 'S3_PRESIGNED_TTL_SECONDS'
  | 'UPLOAD_TIMEOUT_SECONDS'
  | 'storageDir'
>;

const isMissing = (error: unknown): boolean =>
  error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);

/**
 * Files as objects of one bucket, at the same keys as on disk (`<2 hex>/<uuid>`), so replicas
 * share them. An upload is spooled and checked locally first (see FileStore), then streamed from
 * the spool: one PutObject, or a multipart upload of 5 MiB parts, which S3 shows only once it is
 * completed and which lib-storage aborts (its parts removed) when a part fails.
 */
export class S3FileStore extends FileStore implements OnModuleDestroy {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly config: S3Settings) {
    super(config.storageDir);
    this.bucket = config.S3_BUCKET!;
    this.client = new S3Client({
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
      // The SDK's default since 2025 sends CRC32 checksums as an aws-chunked trailer, which many
      // S3-compatible stores (older MinIO, Ceph, s3rver) store as part of the bytes or refuse. The
      // upload's SHA-256 is computed and recorded here anyway (it is the download's ETag).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: SOCKET_TIMEOUT_MS },
    });
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  /** Bounded by UPLOAD_TIMEOUT_SECONDS of its own: a store that stops answering fails the upload rather than holding it. */
  protected async put(file: string, key: string): Promise<void> {
    const { size } = await stat(file);
    const body = createReadStream(file);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentLength: size, ContentType: 'application/octet-stream' },
      partSize: PART_BYTES,
      queueSize: PARTS_AT_ONCE,
    });
    const timer = setTimeout(() => void upload.abort(), this.config.UPLOAD_TIMEOUT_SECONDS * 1000);
    try {
      await upload.done();
    } finally {
      clearTimeout(timer);
      body.destroy(); // read to its end already, unless the upload failed or was aborted half-way
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range && `bytes=${range.start}-${range.end}` }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** The bucket exists and the keys may use it (HeadBucket: nothing is written to find out). */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (error instanceof S3ServiceException) {
        const status = error.$metadata.httpStatusCode;
        if (status === 404) throw new ReadinessFailure('bucket missing');
        if (status === 401 || status === 403) throw new ReadinessFailure('bucket refused to the access key');
      }
      throw new ReadinessFailure('object store unreachable');
    }
  }

  /**
   * With S3_PRESIGNED_DOWNLOADS, a GET URL valid S3_PRESIGNED_TTL_SECONDS that answers with the
   * download's name and type. A range is signed into the URL (as the Range header the client must
   * send with it), so the store serves no other bytes than those taken from the credential's budget.
   */
  override async directUrl(key: string, download: DirectDownload): Promise<string | undefined> {
    if (!this.config.S3_PRESIGNED_DOWNLOADS) return undefined;
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Range: download.range && `bytes=${download.range.start}-${download.range.end}`,
      ResponseContentDisposition: download.contentDisposition,
      ResponseContentType: 'application/octet-stream',
      ResponseCacheControl: 'private, no-store',
    });
    return getSignedUrl(this.client, command, { expiresIn: this.config.S3_PRESIGNED_TTL_SECONDS });
  }
}
