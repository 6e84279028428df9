/** An inclusive byte range of a file of known size. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range of a `Range: bytes=a-b | a- | -n` header against a file of `size` bytes:
 * undefined when there is no usable header (several ranges, another unit, nonsense: RFC 9110
 * lets a server ignore those and send the whole file), 'unsatisfiable' when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * Whether a request resumes a download rather than starting one: its Range names a first byte
 * past 0 (`bytes=500-`). Suffix ranges (`bytes=-500`) are counted like whole downloads.
 */
export const resumes = (header: string | undefined): boolean => /^bytes=0*[1-9]\d*-\d*$/.test(header?.trim() ?? '');

/** `attachment` with the name as an ASCII fallback and RFC 5987-encoded (`filename*`). */
export function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
