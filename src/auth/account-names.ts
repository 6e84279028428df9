/** A username: 4-20 ASCII letters, digits or _, starting with a letter (what login looks up by name). */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{3,19}$/;

/**
 * The one folding of an email address: as it is stored (its unique index compares stored values),
 * looked up, and counted. Every path that takes an address from outside goes through it.
 */
export const foldEmail = (email: string): string => email.trim().toLowerCase();
