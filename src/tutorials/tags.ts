export const MAX_TAGS = 8;
export const TAG_MAX_LENGTH = 32;

/** Letters or digits of any script first, then also marks, `+ # . _ -` (c++, c#, node.js). */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}+#._-]*$/u;

/**
 * A tag as it is stored and compared: NFKC (full-width letters and digits become ASCII), lower
 * case, inner whitespace as one `-`; undefined when that is empty, longer than 32 characters or
 * holds anything else.
 */
export function normalizeTag(raw: string): string | undefined {
  const tag = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-');
  return [...tag].length <= TAG_MAX_LENGTH && TAG.test(tag) ? tag : undefined;
}

/** Each tag normalized, duplicates (after normalizing) dropped, in the order given; undefined when one is not a tag. */
export function normalizeTags(raw: string[]): string[] | undefined {
  const tags: string[] = [];
  for (const one of raw) {
    const tag = normalizeTag(one);
    if (tag === undefined) return undefined;
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
