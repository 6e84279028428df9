/** An inclusive byte range of a file of known size. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range a `Range: bytes=a-b | a- | -n` header asks for, before the file's size is known:
 * undefined when there is no usable header (several ranges, another unit, nonsense: RFC 9110 lets
 * a server ignore those and send the whole file).
 */
export type RangeRequest = { first: number; last?: number } | { suffix: number };

export function readRange(header: string | undefined): RangeRequest | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') return { suffix: Number(match[2]) };
  const first = Number(match[1]);
  if (match[2] === '') return { first };
  const last = Number(match[2]);
  return last < first ? undefined : { first, last };
}

/** The bytes a range asks for of a file of `size` bytes; 'unsatisfiable' when it starts past the end. */
export function resolveRange(request: RangeRequest, size: number): ByteRange | 'unsatisfiable' {
  if ('suffix' in request) return request.suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - request.suffix), end: size - 1 };
  if (request.first >= size) return 'unsatisfiable';
  return { start: request.first, end: Math.min(request.last ?? size - 1, size - 1) };
}

/** How many bytes a range holds. */
export const lengthOf = ({ start, end }: ByteRange): number => end - start + 1;

/** `attachment` with the name as an ASCII fallback and RFC 5987-encoded (`filename*`). */
export function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
