import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import yauzl, { Entry, ZipFile } from 'yauzl';

export interface ArchiveLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
  maxRatio: number;
}

/** Why an archive was refused; the message is safe to show the uploader. */
export class ArchiveRejected extends Error {}

/** How a zip starts: a local file header, or (an archive with no entries) its end record. */
const ZIP_SIGNATURES = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];

/**
 * Whether the file's first bytes are a zip's, whatever type it was declared as: a jar, an apk, a
 * docx or a `bin` is as much a zip to whoever unpacks it.
 */
export async function startsAsZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && ZIP_SIGNATURES.some((signature) => signature.equals(head));
  } finally {
    await handle.close();
  }
}

const openZip = (file: string): Promise<ZipFile> =>
  new Promise((resolve, reject) =>
    // yauzl refuses absolute and `..` names itself; the check below says so more plainly.
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error ? reject(new ArchiveRejected(`unreadable archive: ${error.message}`)) : resolve(zip),
    ),
  );

const openEntry = (zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> =>
  new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));

/** Whether an entry name would land outside the folder it is unpacked into. */
export function escapes(name: string): boolean {
  const normalised = name.replace(/\\/g, '/');
  if (normalised.startsWith('/') || /^[A-Za-z]:/.test(normalised)) return true;
  return normalised.split('/').includes('..');
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Whether an entry is a symbolic link: Unix archivers keep the file's mode in the high half of the
 * external attributes. Refused from any archiver, as unpacking one can point outside the folder.
 */
const isSymlink = (entry: Entry): boolean => ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;

function checkEntry(entry: Entry, limits: ArchiveLimits, unpackedSoFar: number): void {
  if (escapes(entry.fileName)) throw new ArchiveRejected(`entry ${JSON.stringify(entry.fileName)} leaves the archive's folder`);
  if (isSymlink(entry)) throw new ArchiveRejected(`entry ${JSON.stringify(entry.fileName)} is a symbolic link`);
  if (unpackedSoFar + entry.uncompressedSize > limits.maxUnpackedBytes) {
    throw new ArchiveRejected(`unpacks to more than ${limits.maxUnpackedBytes} bytes`);
  }
  if (entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
    throw new ArchiveRejected(`an entry's compression ratio is over ${limits.maxRatio}`);
  }
}

/**
 * Checks a zip on disk before it is kept: readable, at most `maxEntries` entries, no name that
 * escapes, no symbolic link, no entry over the ratio, at most `maxUnpackedBytes` in all. Sizes are those the archive
 * declares, and every entry is also inflated (into nothing): yauzl fails an entry whose data does
 * not match its declared size, so a lying header cannot slip a bomb past the limits.
 */
export async function checkZip(file: string, limits: ArchiveLimits): Promise<void> {
  const zip = await openZip(file);
  try {
    if (zip.entryCount > limits.maxEntries) throw new ArchiveRejected(`more than ${limits.maxEntries} entries`);
    let unpacked = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) =>
        reject(error instanceof ArchiveRejected ? error : new ArchiveRejected(`unreadable archive: ${error.message}`)),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        (async () => {
          checkEntry(entry, limits, unpacked);
          unpacked += entry.uncompressedSize;
          if (!entry.fileName.endsWith('/')) {
            const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
            await pipeline(await openEntry(zip, entry), sink).catch((error: Error) => {
              throw new ArchiveRejected(`unreadable entry: ${error.message}`);
            });
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
