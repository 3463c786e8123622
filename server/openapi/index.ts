import type { ZodType } from 'zod';
import {
  contractOf,
  ErrorEnvelope,
  jsonSchemaOf,
  type JsonSchema,
  type RouteDoc,
} from './describe.js';
import { TAGS } from './tags.js';

/** An OpenAPI 3.1 paths object. */
export type Paths = Record<string, Record<string, unknown>>;

/** One route of the app, as Hono lists them in `app.routes`. */
export interface AppRoute {
  method: string;
  path: string;
  handler: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Hono path → OpenAPI path: `:slug`, `:slug{regex}` and `:n?` become `{slug}` / `{n}`. */
export const toOpenApiPath = (path: string) =>
  path.replace(/:(\w+)(\{(?:[^{}]|\{[^}]*\})*\})?\??/g, '{$1}');

/** The request schemas and documentation one operation declares along its handler chain. */
export interface OperationContract {
  method: string;
  /** OpenAPI path. */
  path: string;
  body?: ZodType;
  query?: ZodType;
  doc?: RouteDoc;
}

/**
 * The operations of an app with what their handlers declare: the validators' schemas
 * (`jsonBody`, `queryParams`) and the `describeRoute` documentation. Middleware (`use`) and
 * catch-alls are not operations.
 * @param routes the app's `app.routes`
 */
export function operationContracts(routes: readonly AppRoute[]): OperationContract[] {
  const ops = new Map<string, OperationContract>();
  for (const r of routes) {
    const method = r.method.toLowerCase();
    if (!METHODS.has(method) || r.path.includes('*')) continue;
    const path = toOpenApiPath(r.path);
    const key = `${method} ${path}`;
    let op = ops.get(key);
    if (!op) ops.set(key, (op = { method, path }));
    const contract = contractOf(r.handler);
    if (!contract) continue;
    if (contract.kind === 'doc') op.doc = contract.doc;
    else if (contract.target === 'json') op.body = contract.schema;
    else op.query = contract.schema;
  }
  return [...ops.values()];
}

type Operation = Record<string, unknown> & { parameters?: Parameter[]; requestBody?: unknown };
type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
};

const errorRef = { $ref: '#/components/schemas/Error' };

/** The query parameters of a zod object schema (one per property), as sent. */
function queryParameters(schema: ZodType, prose: Parameter[] = []): Parameter[] {
  const json = jsonSchemaOf(schema, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    const text =
      (description as string | undefined) ?? prose.find((p) => p.name === name)?.description;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(text ? { description: text } : {}),
      schema: rest,
    };
  });
}

/**
 * Moves the named schemas of a generated JSON Schema (zod schemas with `.meta({ id })`, written
 * under `$defs`) into the document's components, and points the references there.
 * @throws Error when two different schemas claim the same name
 */
function hoistDefinitions(schema: JsonSchema, components: Record<string, unknown>): JsonSchema {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  delete schema.$defs;
  const point = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(point);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/$defs/', '#/components/schemas/')
          : point(v),
      ]),
    );
  };
  for (const [name, def] of Object.entries(defs)) {
    const pointed = point(def);
    if (components[name] && JSON.stringify(components[name]) !== JSON.stringify(pointed))
      throw new Error(`Two schemas are named ${name}`);
    components[name] = pointed;
  }
  return point(schema) as JsonSchema;
}

/** An operation generated from its declarations. */
function generatedOperation(
  op: OperationContract,
  doc: RouteDoc,
  components: Record<string, unknown>,
): Operation {
  const out: Operation = { ...(doc.tags ? { tags: doc.tags } : {}), summary: doc.summary };
  if (doc.description) out.description = doc.description;
  if (doc.loggedIn) out.security = [{ bearer: [] }, { session: [] }];
  const parameters: Parameter[] = [];
  for (const name of [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
    const p = doc.params?.[name];
    const schema = p?.schema ? jsonSchemaOf(p.schema, 'input') : { type: 'string' };
    parameters.push({
      name,
      in: 'path',
      required: true,
      ...(p?.description ? { description: p.description } : {}),
      schema,
    });
  }
  if (op.query) parameters.push(...queryParameters(op.query));
  for (const [name, q] of Object.entries(doc.query ?? {})) {
    parameters.push({
      name,
      in: 'query',
      required: false,
      ...(q.description ? { description: q.description } : {}),
      schema: jsonSchemaOf(q.schema, 'input'),
    });
  }
  for (const [name, h] of Object.entries(doc.headers ?? {}))
    parameters.push({
      name,
      in: 'header',
      required: false,
      description: h.description,
      schema: { type: 'string' },
    });
  if (parameters.length) out.parameters = parameters;
  if (op.body)
    out.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(op.body, 'input') } },
    };
  else if (doc.requestBody) {
    const content: Record<string, unknown> = {};
    for (const [type, c] of Object.entries(doc.requestBody.content))
      content[type] = c.schema ? { schema: jsonSchemaOf(c.schema, 'input') } : {};
    out.requestBody = {
      ...(doc.requestBody.description ? { description: doc.requestBody.description } : {}),
      required: doc.requestBody.required ?? true,
      content,
    };
  }
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(doc.responses)) {
    const schema =
      r.schema === 'error'
        ? errorRef
        : !r.schema
          ? undefined
          : hoistDefinitions(jsonSchemaOf(r.schema, 'output'), components);
    const type = r.contentType ?? 'application/json';
    const headers = r.headers
      ? Object.fromEntries(
          Object.entries(r.headers).map(([name, h]) => [
            name,
            { description: h.description, schema: { type: 'string' } },
          ]),
        )
      : undefined;
    responses[status] = {
      description: r.description,
      ...(headers ? { headers } : {}),
      ...(schema
        ? { content: { [type]: { schema } } }
        : r.contentType
          ? { content: { [type]: {} } }
          : {}),
    };
  }
  out.responses = responses;
  return out;
}

/**
 * The OpenAPI document of the whole HTTP API, served at /api/openapi.json, generated from the
 * app's routes: each operation's request schemas are the zod schemas its validators use, its
 * prose and answers come from its `describeRoute`. A route without one is not in the document.
 * @param routes the app's `app.routes`
 * @throws Error when two different answer schemas claim the same component name
 */
export function openApiDocument(routes: readonly AppRoute[]) {
  const schemas: Record<string, unknown> = { Error: jsonSchemaOf(ErrorEnvelope, 'output') };
  const paths: Paths = {};
  for (const op of operationContracts(routes)) {
    if (!op.doc) continue;
    paths[op.path] = { ...paths[op.path], [op.method]: generatedOperation(op, op.doc, schemas) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lieux Communs API',
      version: '0.1.0',
      description:
        'Wiki, commons registry and switchyard for networks of tiers-lieux. Errors are `{ "error": { "code", "message" } }`. ' +
        'Writes need a session cookie plus the `X-CSRF-Token` header, or `Authorization: Bearer <token>`. ' +
        "Answers over 1 KB are compressed (`br`, else `gzip`) when the request's `Accept-Encoding` allows it.",
    },
    tags: TAGS,
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'lc_session' },
      },
    },
  };
}
