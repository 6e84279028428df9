import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

import type { Multipart } from '@fastify/multipart';
import { Injectable, Logger } from '@nestjs/common';

import { CurrentSessionUser } from '../auth/caller';
import { AppConfig } from '../core/config/app-config';
import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { Db } from '../core/database/transaction';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { Metrics } from '../core/metrics/metrics';
import { ArchiveRejected, checkZip, startsAsZip } from './archive-check';
import { archiveLimits } from './archive-probe';
import { attachment, ByteRange, lengthOf, readRange, resolveRange } from './byte-range';
import { DownloadRow, PEEK_DOWNLOAD, PeekedDownload, TAKE_DOWNLOAD } from './download.query';
import { CreateCredentialDto, CredentialDto, FileDto } from './dto/file.dto';
import { FileStore, Received, TemporaryFile } from './file-store';
import { credentialFileGone, downloadRow, withdrawFile } from './files.sql';
import { IMAGE_HEAD_BYTES, IMAGE_TYPES, imageMediaType } from './image-type';
import { Reservation, StorageQuota } from './storage-quota';

const TYPE = /^[0-9A-Za-z]{1,8}$/;
const CREDENTIAL = /^[A-Za-z0-9_-]{43}$/;
const NAME_MAX = 255;

/** What a download answers: the status, its headers, and the bytes (none for 302 and 416). */
export interface Download {
  status: 200 | 206 | 302 | 416;
  headers: Record<string, string>;
  body?: Readable;
}

/**
 * The name a client sent, without folders, control characters or bidirectional overrides (which
 * can disguise an extension), at most 255 characters.
 */
export function sanitiseName(sent: string | undefined): string {
  const base = (sent ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what a file name may not keep
  const clean = [...base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim()].slice(0, NAME_MAX).join('');
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

const fileDto = (row: { id: string; name: string; type: string; size: bigint; sha256: Uint8Array; createdAt: Date }): FileDto => ({
  flid: row.id,
  name: row.name,
  type: row.type,
  size: Number(row.size),
  sha256: Buffer.from(row.sha256).toString('hex'),
  createdAt: row.createdAt,
});

/**
 * A failure while reading the form: ours (1046, the deadline) as thrown; what @fastify/multipart
 * or busboy throws (not multipart, a part cut short, too many parts) is the client's, 1017. Errors
 * of the file system (a full disk) stay server errors.
 */
function formError(error: unknown): unknown {
  if (error instanceof DomainError || (error as NodeJS.ErrnoException).syscall !== undefined) return error;
  return new DomainError(ErrorCode.UPLOAD_FAILED, 'the form was not multipart, or was cut short or malformed');
}

/** `work`, or the signal's reason as soon as it aborts (`work` is then left to fail on its own). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Files: uploaded by holders of file.upload, seen and deleted by their owner, downloaded by
 * anyone holding a credential the owner handed out. Uploads are spooled to a temporary file and
 * only a complete, accepted one is stored (on disk or in S3, FileStore) and recorded.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly store: FileStore,
    private readonly quota: StorageQuota,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The `file` part (one) and the `type` field of a multipart upload whose body is `formLength`
   * bytes long (Content-Length, when sent). The file is refused as soon as it passes
   * FILE_MAX_BYTES or the owner's storage quota (1046), or when the form has not arrived within
   * UPLOAD_TIMEOUT_SECONDS (1017): the rest is not read, and the answer closes the connection.
   */
  async upload(owner: CurrentSessionUser, parts: AsyncIterable<Multipart>, formLength: number | undefined): Promise<FileDto> {
    const deadline = AbortSignal.timeout(this.config.UPLOAD_TIMEOUT_SECONDS * 1000);
    const temp = await this.store.temporary();
    let reservation: Reservation | undefined;
    try {
      reservation = await this.quota.open(owner.id, formLength);
      const form = this.receive(parts, temp, reservation, deadline);
      const { received, name, type } = await unlessAborted(form, deadline).catch((error: unknown) => {
        throw deadline.aborted
          ? new DomainError(ErrorCode.UPLOAD_FAILED, `the upload took longer than ${this.config.UPLOAD_TIMEOUT_SECONDS} s`)
          : formError(error);
      });
      if (!received || received.size === 0) throw new DomainError(ErrorCode.UPLOAD_FAILED, 'no file, or an empty one, was sent as `file`');
      if (type === undefined || !TYPE.test(type)) throw new DomainError(ErrorCode.FILE_TYPE_INVALID, 'type is 1-8 of [0-9A-Za-z]');
      if (type.toLowerCase() === 'zip' || (await startsAsZip(temp.path))) await this.checkArchive(temp.path);
      const kept = await this.record(owner, temp, reservation, { name, type, ...received });
      this.metrics.files.uploads.inc({});
      this.metrics.files.uploadBytes.inc({}, received.size);
      return kept;
    } finally {
      await temp.discard();
      await reservation?.release();
    }
  }

  /** Your file's metadata: 1048 when it is not yours, 1051 once deleted. */
  async describe(owner: CurrentSessionUser, flid: string): Promise<FileDto> {
    return fileDto(await this.ownLiveFile(owner, flid));
  }

  /** Marks the file deleted (its credentials stop at once), then removes its bytes. */
  async remove(owner: CurrentSessionUser, flid: string): Promise<void> {
    const file = await this.ownLiveFile(owner, flid);
    const withdrawn = await this.withdrawIn(this.prisma, file.id);
    if (!withdrawn) throw new DomainError(ErrorCode.FILE_GONE);
    await this.discard(withdrawn);
  }

  /**
   * Withdraws a live file inside the caller's transaction: marked deleted, and its credentials
   * expire now (they answer 1051 from then on). Returns its storage key, for `discard` once the
   * transaction has committed; undefined when the file is unknown or already withdrawn.
   */
  withdrawIn(db: Db, fileId: string): Promise<string | undefined> {
    return withdrawFile(db, fileId);
  }

  /**
   * Removes a withdrawn file's bytes. The withdrawal is committed by then and is what clients see
   * (1051), so a store that fails now (S3 unreachable) leaves the bytes behind, logged, rather
   * than failing a deletion that happened: bytes without a row are only wasted space.
   */
  async discard(storageKey: string): Promise<void> {
    try {
      await this.store.remove(storageKey);
    } catch (error) {
      this.logger.warn({ err: error, storageKey }, 'the bytes of a withdrawn file could not be removed from the store');
    }
  }

  /**
   * One of the owner's live files whose bytes are a PNG, JPEG, GIF or WebP image (declared as such
   * too), for a tutorial's cover: 1048 not theirs, 1051 deleted, 1047 not such an image.
   */
  async ownImage(ownerId: string, flid: string): Promise<string> {
    const file = await this.ownLiveFile({ id: ownerId }, flid);
    const head = (IMAGE_TYPES as readonly string[]).includes(file.type.toLowerCase())
      ? await this.store.head(file.storageKey, IMAGE_HEAD_BYTES)
      : undefined;
    if (!head || !imageMediaType(head)) throw new DomainError(ErrorCode.FILE_TYPE_INVALID, 'a cover is a png, jpeg, gif or webp image');
    return file.id;
  }

  /** A live image file's bytes as its real media type (a cover, shown to the tutorial's readers); 1051 once deleted. */
  async image(fileId: string): Promise<Download> {
    const file = await this.prisma.file.findUnique({ where: { id: fileId } });
    const head = file && !file.deletedAt ? await this.store.head(file.storageKey, IMAGE_HEAD_BYTES) : undefined;
    if (!file || !head) throw new DomainError(ErrorCode.FILE_GONE);
    const mediaType = imageMediaType(head);
    if (!mediaType) throw new DomainError(ErrorCode.FILE_GONE, 'the file is no longer an image');
    const body = await this.store.read(file.storageKey, { start: 0, end: Number(file.size) - 1 });
    if (!body) throw new DomainError(ErrorCode.FILE_GONE);
    const headers = {
      'content-type': mediaType,
      'content-length': String(file.size),
      'content-disposition': 'inline',
      etag: `"${Buffer.from(file.sha256).toString('hex')}"`,
      'cache-control': 'private, max-age=300',
    };
    this.metrics.files.bytesServed.inc({ via: 'image' }, Number(file.size));
    return { status: 200, headers, body };
  }

  /** A new credential for your file; the answer is the only place it appears. */
  async createCredential(owner: CurrentSessionUser, flid: string, input: CreateCredentialDto): Promise<CredentialDto> {
    if (input.expiresInSeconds > this.config.CREDENTIAL_MAX_SECONDS) {
      throw new DomainError(ErrorCode.MALFORMED_REQUEST, `expiresInSeconds is at most ${this.config.CREDENTIAL_MAX_SECONDS}`);
    }
    const file = await this.ownLiveFile(owner, flid);
    const credential = randomToken(32);
    const expiresAt = new Date(Date.now() + input.expiresInSeconds * 1000);
    await this.prisma.downloadCredential.create({
      data: { fileId: file.id, tokenHash: sha256(credential), maxDownloads: input.maxDownloads, expiresAt },
    });
    return { credential, url: `/api/v1/download/${credential}`, expiresAt };
  }

  /**
   * The bytes behind a credential, whole or one Range. A credential serves at most maxDownloads
   * times the file's size in bytes, however the requests are shaped: a GET takes the bytes it
   * answers with from that budget before sending them, and is refused once they do not fit (1050);
   * HEAD answers the same headers and takes nothing. Unknown or expired is 1050, a deleted file 1051.
   * With presigned downloads a GET takes its bytes the same way, then answers 302 to a URL of the
   * store serving exactly those bytes.
   */
  async download(credential: string, rangeHeader: string | undefined, method: 'GET' | 'HEAD'): Promise<Download> {
    if (!CREDENTIAL.test(credential)) throw new DomainError(ErrorCode.CREDENTIAL_INVALID);
    const tokenHash = sha256(credential);
    const request = readRange(rangeHeader);
    // The common case, a whole file, takes its bytes in the one statement that finds it.
    if (!request && method === 'GET')
      return this.answer(await this.downloadRow<DownloadRow>(TAKE_DOWNLOAD, [tokenHash, null]), undefined, true);

    const file = await this.downloadRow<PeekedDownload>(PEEK_DOWNLOAD, [tokenHash]);
    const size = Number(file.size);
    const range = request && resolveRange(request, size);
    if (range === 'unsatisfiable') return { status: 416, headers: { 'content-range': `bytes */${size}` } };
    const bytes = range ? lengthOf(range) : size;
    if (bytes > Number(file.remaining)) throw new DomainError(ErrorCode.CREDENTIAL_INVALID, `${file.remaining} bytes are left to download`);
    if (method === 'GET') await this.downloadRow(TAKE_DOWNLOAD, [tokenHash, bytes]);
    return this.answer(file, range, method === 'GET');
  }

  /**
   * The answer for `range` of the file (all of it when undefined): its bytes, or a redirect to the
   * store's URL for them; without a body for HEAD.
   */
  private async answer(file: DownloadRow, range: ByteRange | undefined, withBody: boolean): Promise<Download> {
    const size = Number(file.size);
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const contentDisposition = attachment(file.name);
    const direct = withBody ? await this.store.directUrl(file.storage_key, { contentDisposition, range }) : undefined;
    if (direct) {
      this.metrics.files.bytesServed.inc({ via: 'redirect' }, end - start + 1);
      return { status: 302, headers: { location: direct, 'cache-control': 'private, no-store' } };
    }
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'content-length': String(end - start + 1),
      'content-disposition': contentDisposition,
      etag: `"${file.sha256.toString('hex')}"`,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    const status = range ? 206 : 200;
    // HEAD: an empty stream, as an empty body would make Fastify answer Content-Length: 0.
    if (!withBody) return { status, headers, body: Readable.from([]) };
    const body = await this.store.read(file.storage_key, { start, end });
    if (!body) throw new DomainError(ErrorCode.FILE_GONE);
    // Counted as handed to the answer (a client that hangs up early was still charged them).
    this.metrics.files.bytesServed.inc({ via: 'download' }, end - start + 1);
    return { status, headers, body };
  }

  /** Reads the form; the file's bytes are counted against FILE_MAX_BYTES and the reservation as they arrive. */
  private async receive(
    parts: AsyncIterable<Multipart>,
    temp: TemporaryFile,
    reservation: Reservation,
    deadline: AbortSignal,
  ): Promise<{ received?: Received; name: string; type?: string }> {
    const admit = async (size: number): Promise<void> => {
      if (size > this.config.FILE_MAX_BYTES)
        throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `a file is at most ${this.config.FILE_MAX_BYTES} bytes`);
      await reservation.cover(size);
    };
    let received: Received | undefined;
    let name = 'file';
    let type: string | undefined;
    for await (const part of parts) {
      deadline.throwIfAborted(); // the answer has gone: start no new file
      if (part.type === 'field') {
        if (part.fieldname === 'type' && typeof part.value === 'string') type = part.value;
      } else if (part.fieldname === 'file') {
        name = sanitiseName(part.filename);
        received = await temp.receive(part.file, admit, deadline);
      } else {
        // Not read: bytes in a part that is not kept would pass every limit.
        throw new DomainError(ErrorCode.UPLOAD_FAILED, 'the file goes in the part named `file`, and only there');
      }
    }
    return { received, name, type };
  }

  private async checkArchive(file: string): Promise<void> {
    try {
      await checkZip(file, archiveLimits(this.config));
    } catch (error) {
      if (error instanceof ArchiveRejected) throw new DomainError(ErrorCode.ARCHIVE_INVALID, error.message);
      throw error;
    }
  }

  /**
   * Moves the complete file into place, then records it against the quota (1046 if it no longer
   * fits); the bytes go again if the row cannot be written.
   */
  private async record(
    owner: CurrentSessionUser,
    temp: TemporaryFile,
    reservation: Reservation,
    file: { name: string; type: string } & Received,
  ): Promise<FileDto> {
    const id = randomUUID();
    const storageKey = this.store.keyFor(id);
    await temp.keep(storageKey);
    try {
      const row = await reservation.keep(file.size, (tx) =>
        tx.file.create({
          data: {
            id,
            ownerId: owner.id,
            name: file.name,
            type: file.type,
            size: BigInt(file.size),
            sha256: new Uint8Array(file.sha256),
            storageKey,
          },
        }),
      );
      return fileDto(row);
    } catch (error) {
      await this.store.remove(storageKey);
      throw error;
    }
  }

  private async ownLiveFile(owner: Pick<CurrentSessionUser, 'id'>, flid: string) {
    const id = read.uuid(flid);
    const file = id ? await this.prisma.file.findUnique({ where: { id } }) : null;
    if (!file || file.ownerId !== owner.id) throw new DomainError(ErrorCode.FILE_NOT_FOUND);
    if (file.deletedAt) throw new DomainError(ErrorCode.FILE_GONE);
    return file;
  }

  /** The row `statement` finds for a credential; none: the credential's file is deleted (1051), else 1050. */
  private async downloadRow<T>(statement: string, values: [Buffer, ...unknown[]]): Promise<T> {
    const row = await downloadRow<T>(this.prisma, statement, values);
    if (row) return row;
    throw new DomainError((await credentialFileGone(this.prisma, values[0])) ? ErrorCode.FILE_GONE : ErrorCode.CREDENTIAL_INVALID);
  }
}
