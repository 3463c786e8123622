/**
 * What a new password must be: at least `MIN_PASSWORD_LENGTH` characters, and not one of the
 * most common passwords. The list is the "passwords-common" dictionary of
 * @zxcvbn-ts/language-common (MIT, about 49,000 passwords from leaked password lists, as used by
 * zxcvbn), compared case-insensitively.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../errors.js';

/** Shortest accepted password. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest accepted password (scrypt hashes it whole). */
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | null = null;

/** True when `password` is on the list of common passwords. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/**
 * Checks a new password.
 * @param field the body field named in the error.
 * @throws AppError 400 `validation_failed` naming `field`, with `reason` 'too_short', 'too_long' or 'too_common'.
 */
export function checkNewPassword(password: string, field = 'password'): void {
  const refuse = (reason: string, message: string) =>
    new AppError(400, 'validation_failed', `${field}: ${message}`, { field, reason });
  if (password.length < MIN_PASSWORD_LENGTH)
    throw refuse('too_short', `at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw refuse('too_long', `at most ${MAX_PASSWORD_LENGTH} characters`);
  if (isCommonPassword(password))
    throw refuse('too_common', 'this password is among the most common ones; choose another');
}
