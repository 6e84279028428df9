import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflated unless `store` (kept as is). */
  store?: boolean;
  /** The unpacked size the headers claim, when a test wants them to lie. */
  declaredSize?: number;
  /** A Unix mode (type and permissions, e.g. 0o120777 for a symbolic link), recorded as a Unix archiver does. */
  mode?: number;
}

const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = 3 << 8;
const DOS_DATE_1980_01_01 = 0x21;

/** A minimal zip (no zip64, no extras) as the format's spec lays it out: the archive probe of readiness, and test archives. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.store ? entry.data : deflateRawSync(entry.data);
    const method = entry.store ? 0 : 8;
    const crc = crc32(entry.data);
    // The fields local and central headers share, in the same order.
    const describe = (header: Buffer, at: number): Buffer => {
      header.writeUInt16LE(20, at); // version needed to extract
      header.writeUInt16LE(UTF8_NAMES, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(0, at + 6); // time
      header.writeUInt16LE(DOS_DATE_1980_01_01, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(body.length, at + 14);
      header.writeUInt32LE(entry.declaredSize ?? entry.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      return header;
    };
    const local = describe(Buffer.alloc(30), 4);
    local.writeUInt32LE(0x04034b50, 0);
    const central = describe(Buffer.alloc(46), 6);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.mode === undefined ? 20 : MADE_BY_UNIX | 20, 4); // version made by
    central.writeUInt32LE(((entry.mode ?? 0) << 16) >>> 0, 38); // external attributes: the Unix mode in the high half
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
