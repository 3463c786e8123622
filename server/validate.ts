import { zValidator } from '@hono/zod-validator';
import { z, type ZodType } from 'zod';
import { fromZodError } from './errors.js';
import { withContract } from './openapi/describe.js';

/**
 * Validates a JSON body with zod; a failure becomes a 400 naming the first bad field.
 * Malformed JSON is answered by the error handler as `invalid_json`. The schema is also the
 * route's documented request body (the OpenAPI document is generated from it).
 */
export const jsonBody = <T extends ZodType>(schema: T) =>
  withContract(
    zValidator('json', schema, (result) => {
      if (!result.success) throw fromZodError(result.error as never, 'body');
    }),
    { kind: 'request', target: 'json', schema },
  );

/** Validates the query string with zod; the schema is also the route's documented query parameters. */
export const queryParams = <T extends ZodType>(schema: T) =>
  withContract(
    zValidator('query', schema, (result) => {
      if (!result.success) throw fromZodError(result.error as never, 'query');
    }),
    { kind: 'request', target: 'query', schema },
  );

/** A list's `limit` query parameter: 1 to `max`, `dflt` when absent. */
export const limitParam = (max: number, dflt: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(dflt)
    .describe(`At most this many (default ${dflt})`);
