// No runtime imports: the benchmark baseline loads the tutorial list's statement, which uses this.

/**
 * A search text as the operand of LIKE / ILIKE, or of Prisma's `contains` (which puts it between
 * two `%` unchanged): `%`, `_` and `\` then match themselves, not as wildcards or escapes.
 */
export const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, '\\$&');
