/**
 * Errors raised by the wiki domain code. Like `RegistryError` (registry/errors.ts), each carries
 * the status the HTTP layer answers with (server/errors.ts turns it into `{ error: { code,
 * message, …details } }`); the CLI and the MediaWiki import print or report the message.
 */
export type WikiErrorCode =
  'validation_failed' | 'not_found' | 'conflict' | 'page_deleted' | 'not_deleted';

/** Status of each code; `page_deleted` is 404 for a read and 409 for a write (see `pageDeletedError`). */
const STATUS: Record<WikiErrorCode, 400 | 404 | 409> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  page_deleted: 404,
  not_deleted: 409,
};

/** A client mistake found by the wiki: a missing page, a bad field, a stale revision, a deleted page. */
export class WikiError extends Error {
  /** HTTP status the error maps to. */
  readonly status: 400 | 404 | 409;
  /**
   * @param code machine-readable code, kept as is in the HTTP answer.
   * @param message the answer's message.
   * @param details extra members of the answer's `error` object (`field`, `currentRevision`, `deletion`…).
   * @param status overrides the code's usual status (a deleted page named by a write is a 409).
   */
  constructor(
    readonly code: WikiErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    status?: 400 | 404 | 409,
  ) {
    super(message);
    this.name = 'WikiError';
    this.status = status ?? STATUS[code];
  }
}

/** 400 naming the offending field. */
export const invalidField = (field: string, message: string) =>
  new WikiError('validation_failed', `${field}: ${message}`, { field });
/** 404 for a missing page, revision or category. */
export const notFound = (what: string) => new WikiError('not_found', `${what} not found`);
