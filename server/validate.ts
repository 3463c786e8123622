import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { fromZodError } from './errors.js';

/**
 * Validates a JSON body with zod; a failure becomes a 400 naming the first bad field.
 * Malformed JSON is answered by the error handler as `invalid_json`.
 */
export const jsonBody = <T extends ZodType>(schema: T) =>
  zValidator('json', schema, (result) => {
    if (!result.success) throw fromZodError(result.error as never, 'body');
  });

/** Validates the query string with zod. */
export const queryParams = <T extends ZodType>(schema: T) =>
  zValidator('query', schema, (result) => {
    if (!result.success) throw fromZodError(result.error as never, 'query');
  });
