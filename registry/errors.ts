/**
 * Errors raised by the registry domain code. The HTTP layer turns them into `{ error: { code,
 * message, field, record? } }` responses (server/errors.ts); the CLI prints the message.
 */
export type RegistryErrorCode =
  'validation_failed' | 'bundle_invalid' | 'not_found' | 'conflict' | 'forbidden';

const STATUS: Record<RegistryErrorCode, 400 | 403 | 404 | 409> = {
  validation_failed: 400,
  bundle_invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
};

/** A client mistake found by the registry: names the field and, for bundles, the record. */
export class RegistryError extends Error {
  /** HTTP status the error maps to. */
  readonly status: 400 | 403 | 404 | 409;
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly details: { field?: string; record?: string; issues?: unknown[] } = {},
  ) {
    super(message);
    this.name = 'RegistryError';
    this.status = STATUS[code];
  }
}

/** 404 for a missing registry record. */
export const missing = (what: string) => new RegistryError('not_found', `${what} not found`);
/** 400 naming the field. */
export const invalid = (field: string, message: string) =>
  new RegistryError('validation_failed', `${field}: ${message}`, { field });
