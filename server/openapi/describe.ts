import type { MiddlewareHandler } from 'hono';
import { z, type ZodType } from 'zod';

/*
 * Route contracts declared next to their handlers. The validators (`jsonBody`, `queryParams` in
 * server/validate.ts) carry the zod schema they validate with; `describeRoute` carries the prose
 * (summary, description, tag) and the zod schemas of the answers. The OpenAPI document
 * (server/openapi/index.ts) is generated from these declarations, read off the app's routes, so
 * a documented request schema is the very object that validates.
 */

/** Where a request schema applies: Hono's validation targets. */
export type RequestTarget = 'json' | 'query';

/** Key under which a middleware carries its part of the contract. */
export const ROUTE_CONTRACT = Symbol.for('lieux-communs.route-contract');

/** One documented answer: its description and, for JSON, the zod schema of its body. */
export interface ResponseDoc {
  description: string;
  /** The body's schema; `'error'` for the `{ error: { code, message } }` envelope. */
  schema?: ZodType | 'error';
  /** Another media type than JSON (a CSV, a calendar): described by its type only. */
  contentType?: string;
  /** Response headers worth knowing (a validator, a redirect's target), all strings. */
  headers?: Record<string, { description: string }>;
}

/** The prose and answers of one operation, declared with `describeRoute` next to its handler. */
export interface RouteDoc {
  tags?: string[];
  summary: string;
  description?: string;
  /** Path parameters' descriptions (their schema is a string unless `schema` says otherwise). */
  params?: Record<string, { description?: string; schema?: ZodType }>;
  /** A body the route reads itself (not through `jsonBody`): a multipart upload, a raw text. */
  requestBody?: {
    description?: string;
    content: Record<string, { schema?: ZodType }>;
    required?: boolean;
  };
  /** Extra query parameters read without a validator (documented only, never validated). */
  query?: Record<string, { description?: string; schema: ZodType }>;
  /** Request headers the operation reads (all strings), e.g. `If-None-Match`. */
  headers?: Record<string, { description: string }>;
  /** The operation needs a login (bearer token, or session cookie with the CSRF header). */
  loggedIn?: boolean;
  /** Status → answer. */
  responses: Record<number, ResponseDoc>;
}

/** What a validator middleware carries: its target and the schema it validates with. */
export interface RequestContract {
  kind: 'request';
  target: RequestTarget;
  schema: ZodType;
}

/** What `describeRoute` carries. */
export interface DocContract {
  kind: 'doc';
  doc: RouteDoc;
}

/** Either part of a route's contract. */
export type RouteContract = RequestContract | DocContract;

type WithContract = { [ROUTE_CONTRACT]?: RouteContract };

/**
 * Attaches a contract to a middleware (a validator or a pass-through) and returns the middleware.
 * @param handler the middleware
 * @param contract what it declares
 */
export function withContract<H extends object>(handler: H, contract: RouteContract): H {
  Object.defineProperty(handler, ROUTE_CONTRACT, { value: contract, enumerable: false });
  return handler;
}

/**
 * The contract a route handler carries, if any (looking through Hono's wrapper when a sub-app
 * has its own error handler).
 * @param handler one handler of `app.routes`
 */
export function contractOf(handler: unknown): RouteContract | undefined {
  if (typeof handler !== 'function') return undefined;
  const own = (handler as WithContract)[ROUTE_CONTRACT];
  if (own) return own;
  for (const sym of Object.getOwnPropertySymbols(handler)) {
    const inner = (handler as unknown as Record<symbol, unknown>)[sym];
    if (typeof inner === 'function' && (inner as WithContract)[ROUTE_CONTRACT])
      return (inner as WithContract)[ROUTE_CONTRACT];
  }
  return undefined;
}

/**
 * Declares an operation's documentation next to its handler: a middleware that only passes on,
 * carrying the summary, tags and answer schemas the OpenAPI document is generated from.
 * @param doc the operation's prose and answers
 */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  const pass: MiddlewareHandler = (_c, next) => next();
  return withContract(pass, { kind: 'doc', doc });
}

/**
 * An error answer (the `{ error: { code, message } }` envelope) with its description.
 * @param description when and why it happens
 */
export const errorAnswer = (description: string): ResponseDoc => ({ description, schema: 'error' });

/** A JSON Schema object, as zod writes it. */
export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema (draft 2020-12, what OpenAPI 3.1 uses): requests as they are sent
 * (`io: 'input'`: defaults make a field optional), answers as they leave. Checks zod cannot express
 * (refinements, transforms) are left out rather than failing the document.
 * @param schema the zod schema
 * @param io which side of transforms and defaults to describe
 */
export function jsonSchemaOf(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** The shared error envelope: `{ error: { code, message, field? } }`. */
export const ErrorEnvelope = z.object({
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional().describe('The offending field, for validation errors'),
    })
    .loose(),
});
