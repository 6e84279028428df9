import type { Multipart } from '@fastify/multipart';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { CurrentSessionUser } from '../auth/access.decorators';
import { AppConfig } from '../core/config/app-config';
import { randomToken, sha256 } from '../core/crypto/tokens';
import { PrismaService } from '../core/database/prisma.service';
import { ErrorCode } from '../core/errors/catalogue';
import { DomainError } from '../core/errors/domain-error';
import { read } from '../core/http/condition';
import { ArchiveRejected, checkZip } from './archive-check';
import { attachment, parseRange, resumes } from './byte-range';
import { CLAIM_DOWNLOAD, CREDENTIAL_FILE_GONE, DownloadRow, PEEK_DOWNLOAD } from './download.query';
import { CreateCredentialDto, CredentialDto, FileDto } from './dto/file.dto';
import { FileStore, Received, TemporaryFile } from './file-store';

const TYPE = /^[0-9A-Za-z]{1,8}$/;
const CREDENTIAL = /^[A-Za-z0-9_-]{43}$/;
const NAME_MAX = 255;

/** What a download answers: the status, its headers, and the bytes (none for 416). */
export interface Download {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body?: Readable;
}

/**
 * The name a client sent, without folders, control characters or bidirectional overrides (which
 * can disguise an extension), at most 255 characters.
 */
export function sanitiseName(sent: string | undefined): string {
  const base = (sent ?? '').split(/[/\\]/).pop() ?? '';
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
 * A failure while reading the form: @fastify/multipart's size limit is 1046; what it or busboy
 * throws otherwise (not multipart, a part cut short, too many parts) is the client's, 1017. Errors
 * of the file system (a full disk) stay server errors.
 */
function formError(error: unknown): unknown {
  if (error instanceof DomainError || (error as NodeJS.ErrnoException).syscall !== undefined) return error;
  if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE);
  return new DomainError(ErrorCode.UPLOAD_FAILED, 'the form was not multipart, or was cut short or malformed');
}

/**
 * Files: uploaded by holders of file.upload, seen and deleted by their owner, downloaded by
 * anyone holding a credential the owner handed out. Uploads are written to a temporary file and
 * only a complete, accepted one is moved into place and recorded.
 */
@Injectable()
export class FilesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly store: FileStore,
    private readonly config: AppConfig,
  ) {}

  /** The `file` part (one) and the `type` field of a multipart upload. */
  async upload(owner: CurrentSessionUser, parts: AsyncIterable<Multipart>): Promise<FileDto> {
    const temp = await this.store.temporary();
    try {
      const { received, name, type } = await this.receive(parts, temp).catch((error: unknown) => {
        throw formError(error);
      });
      if (!received || received.size === 0) throw new DomainError(ErrorCode.UPLOAD_FAILED, 'no file, or an empty one, was sent as `file`');
      if (type === undefined || !TYPE.test(type)) throw new DomainError(ErrorCode.FILE_TYPE_INVALID, 'type is 1-8 of [0-9A-Za-z]');
      if (type.toLowerCase() === 'zip') await this.checkArchive(temp.path);
      return await this.record(owner, temp, { name, type, ...received });
    } finally {
      await temp.discard();
    }
  }

  /** Your file's metadata: 1048 when it is not yours, 1051 once deleted. */
  async describe(owner: CurrentSessionUser, flid: string): Promise<FileDto> {
    return fileDto(await this.ownLiveFile(owner, flid));
  }

  /** Marks the file deleted (its credentials stop at once), then removes its bytes. */
  async remove(owner: CurrentSessionUser, flid: string): Promise<void> {
    const file = await this.ownLiveFile(owner, flid);
    const { count } = await this.prisma.file.updateMany({ where: { id: file.id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (count === 0) throw new DomainError(ErrorCode.FILE_GONE);
    await this.store.remove(file.storageKey);
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
   * The bytes behind a credential. A request counts one download unless its Range starts past
   * byte 0 (resuming one already counted); either way the credential must still have a download
   * left, unexpired, and its file must exist: 1050, or 1051 when the file was deleted.
   */
  async download(credential: string, rangeHeader: string | undefined): Promise<Download> {
    const file = await this.claim(credential, !resumes(rangeHeader));
    const size = Number(file.size);
    const range = parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') return { status: 416, headers: { 'content-range': `bytes */${size}` } };
    const handle = await this.store.open(file.storage_key);
    if (!handle) throw new DomainError(ErrorCode.FILE_GONE);
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const headers: Record<string, string> = {
      'content-type': 'application/octet-stream',
      'content-length': String(end - start + 1),
      'content-disposition': attachment(file.name),
      etag: `"${file.sha256.toString('hex')}"`,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-store',
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    return { status: range ? 206 : 200, headers, body: handle.createReadStream({ start, end }) };
  }

  private async receive(parts: AsyncIterable<Multipart>, temp: TemporaryFile): Promise<{ received?: Received; name: string; type?: string }> {
    let received: Received | undefined;
    let name = 'file';
    let type: string | undefined;
    let tooLarge = false;
    // Read to the end of the form whatever happens, so the answer never races the client's sending.
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'type' && typeof part.value === 'string') type = part.value;
      } else if (part.fieldname === 'file' && !received) {
        name = sanitiseName(part.filename);
        received = await temp.receive(part.file);
        tooLarge = part.file.truncated; // busboy stopped at FILE_MAX_BYTES and skips the rest
      } else {
        part.file.resume();
      }
    }
    if (tooLarge) throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `a file is at most ${this.config.FILE_MAX_BYTES} bytes`);
    return { received, name, type };
  }

  private async checkArchive(file: string): Promise<void> {
    try {
      await checkZip(file, {
        maxEntries: this.config.ARCHIVE_MAX_ENTRIES,
        maxUnpackedBytes: this.config.ARCHIVE_MAX_UNPACKED_BYTES,
        maxRatio: this.config.ARCHIVE_MAX_RATIO,
      });
    } catch (error) {
      if (error instanceof ArchiveRejected) throw new DomainError(ErrorCode.ARCHIVE_INVALID, error.message);
      throw error;
    }
  }

  /** Moves the complete file into place, then records it; the bytes go again if the row cannot be written. */
  private async record(owner: CurrentSessionUser, temp: TemporaryFile, file: { name: string; type: string } & Received): Promise<FileDto> {
    const id = randomUUID();
    const storageKey = this.store.keyFor(id);
    await temp.keep(storageKey);
    try {
      const row = await this.prisma.file.create({
        data: { id, ownerId: owner.id, name: file.name, type: file.type, size: BigInt(file.size), sha256: new Uint8Array(file.sha256), storageKey },
      });
      return fileDto(row);
    } catch (error) {
      await this.store.remove(storageKey);
      throw error;
    }
  }

  private async ownLiveFile(owner: CurrentSessionUser, flid: string) {
    const id = read.uuid(flid);
    const file = id ? await this.prisma.file.findUnique({ where: { id } }) : null;
    if (!file || file.ownerId !== owner.id) throw new DomainError(ErrorCode.FILE_NOT_FOUND);
    if (file.deletedAt) throw new DomainError(ErrorCode.FILE_GONE);
    return file;
  }

  /** Straight on the pool (`hotQuery`): downloads are benchmark scenario 6. */
  private async claim(credential: string, counts: boolean): Promise<DownloadRow> {
    if (!CREDENTIAL.test(credential)) throw new DomainError(ErrorCode.CREDENTIAL_INVALID);
    const tokenHash = sha256(credential);
    const [file] = await this.prisma.hotQuery<DownloadRow>(counts ? CLAIM_DOWNLOAD : PEEK_DOWNLOAD, [tokenHash]);
    if (file) return file;
    const gone = await this.prisma.hotQuery(CREDENTIAL_FILE_GONE, [tokenHash]);
    throw new DomainError(gone.length > 0 ? ErrorCode.FILE_GONE : ErrorCode.CREDENTIAL_INVALID);
  }
}
