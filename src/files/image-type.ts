/** File types a tutorial's cover may have, as uploads declare them (any case). */
export const IMAGE_TYPES = ['png', 'jpg', 'jpeg', 'gif', 'webp'] as const;

/** Enough of a file's start to tell these image formats apart. */
export const IMAGE_HEAD_BYTES = 12;

const startsWith = (head: Buffer, bytes: number[], at = 0): boolean => bytes.every((byte, i) => head[at + i] === byte);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/**
 * The media type the bytes really are (PNG, JPEG, GIF or WebP by their signatures), whatever the
 * upload declared; undefined for anything else (SVG included: it can carry script).
 */
export function imageMediaType(head: Buffer): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}
