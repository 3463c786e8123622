import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { RegistryError } from '../registry/errors.js';
import { WikiError } from '../registry/wiki/errors.js';

/** Machine-readable error codes shared by every route. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'page_deleted'
  | 'not_deleted'
  | 'payload_too_large'
  | 'rate_limited'
  | 'bundle_invalid'
  // Permanences (server/permanences): no seat left, the place already booked, a cancelled or started session.
  | 'full'
  | 'already_booked'
  | 'not_bookable'
  | 'token_invalid'
  | 'email_unverified'
  | 'password_reset_required'
  | 'internal';

/** An error meant for the client: it leaves as `{ error: { code, message, …details } }`. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 400 naming the offending field. */
export const badRequest = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, { field });
/** 404 for a missing record. */
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
/** 403 for a role too low for the action. */
export const forbidden = (message = 'Your role does not allow this action') =>
  new AppError(403, 'forbidden', message);
/** 401 for a missing or invalid login. */
export const unauthenticated = (message = 'Log in first') =>
  new AppError(401, 'unauthenticated', message);

/**
 * A client mistake raised by the server (`AppError`) or by the wiki domain (`WikiError`): both
 * carry the status, code, message and details the answer is made of.
 */
export const isClientError = (err: unknown): err is AppError | WikiError =>
  err instanceof AppError || err instanceof WikiError;

/** Turns a zod error into a 400 that names the first bad field (and lists all of them). */
export function fromZodError(err: ZodError, where = 'body'): AppError {
  const issues = err.issues.map((i) => ({
    field: i.path.length ? i.path.join('.') : where,
    message: i.message,
  }));
  const first = issues[0] ?? { field: where, message: 'invalid' };
  return new AppError(400, 'validation_failed', `${first.field}: ${first.message}`, {
    field: first.field,
    issues,
  });
}

/** The single `app.onError` handler: client mistakes keep their status, anything else is a logged 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    return c.json({ error: { code: err.code, message: err.message, ...err.details } }, err.status);
  }
  if (err instanceof ZodError) return handleError(fromZodError(err), c);
  if (err instanceof RegistryError || err instanceof WikiError) {
    return c.json({ error: { code: err.code, message: err.message, ...err.details } }, err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code: ErrorCode =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthenticated' : 'bad_request';
    return c.json({ error: { code, message: err.message || 'Bad request' } }, status);
  }
  if (err instanceof SyntaxError && /JSON/i.test(err.message)) {
    return c.json({ error: { code: 'invalid_json', message: 'The body is not valid JSON' } }, 400);
  }
  console.error('[error]', c.req.method, c.req.path, err);
  return c.json({ error: { code: 'internal', message: 'Internal server error' } }, 500);
}
