import { zValidator } from '@hono/zod-validator';
import { z, type ZodType } from 'zod';
import { badRequest, fromZodError } from './errors.js';
import { withContract } from './openapi/describe.js';

/** Deepest nesting of arrays and objects a JSON body may have (far beyond any real input). */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses a parsed JSON value nested deeper than `MAX_JSON_DEPTH`: loose schemas keep unknown
 * fields as they are, and serialising a value nested tens of thousands of levels deep (well
 * under the body limit) overflows the stack, a 500. Walked without recursion for the same reason.
 * @throws AppError 400 (field `body`).
 */
export function assertJsonDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) throw badRequest('body', `nested more than ${max} levels deep`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
}

/**
 * Validates a JSON body with zod; a failure becomes a 400 naming the first bad field, a body
 * nested too deeply (`assertJsonDepth`) a 400 too. Malformed JSON is answered by the error
 * handler as `invalid_json`. The schema is also the route's documented request body (the OpenAPI
 * document is generated from it).
 */
export const jsonBody = <T extends ZodType>(schema: T) =>
  withContract(
    zValidator('json', schema, (result) => {
      if (!result.success) throw fromZodError(result.error as never, 'body');
      assertJsonDepth(result.data);
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
