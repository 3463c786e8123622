import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type AnswerJson } from '../helpers/app.js';

/*
 * The OpenAPI document must look like valid OpenAPI 3.1 and describe exactly the routes the
 * Hono app registers. Each feature adds its fragment (server/openapi/<feature>.ts); this test
 * fails as soon as a route is added without its description, or a description outlives its route.
 */

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, AnswerJson>>;
  components?: Record<string, Record<string, unknown>>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PATH_ITEM_KEYS = new Set([
  ...METHODS,
  'parameters',
  'summary',
  'description',
  'servers',
  '$ref',
]);
const PARAM_LOCATIONS = new Set(['query', 'header', 'path', 'cookie']);

/** Hono path → OpenAPI path: `:slug` and `:slug{regex}` and `:n?` become `{slug}` / `{n}`. */
const toOpenApiPath = (path: string) =>
  path.replace(/:(\w+)(\{(?:[^{}]|\{[^}]*\})*\})?\??/g, '{$1}');

/** Every `$ref` string anywhere in a value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  let doc: Doc;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    const app = await testApp();
    const res = await app.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    doc = res.json;
    // Route handlers of the app: middleware (`use`, method ALL) and catch-alls (`*`: the API 404
    // and the client application) are not operations.
    const seen = new Set<string>();
    routes = [];
    for (const r of app.app.routes) {
      if (r.method === 'ALL' || r.path.includes('*')) continue;
      const route = { method: r.method.toLowerCase(), path: toOpenApiPath(r.path) };
      const key = `${route.method} ${route.path}`;
      if (!seen.has(key)) routes.push(route);
      seen.add(key);
    }
  });

  it('maps Hono path syntax to OpenAPI templates', () => {
    expect(toOpenApiPath('/api/pages/:slug/revisions/:n')).toBe('/api/pages/{slug}/revisions/{n}');
    expect(toOpenApiPath('/api/x/:id{[0-9]+}')).toBe('/api/x/{id}');
    expect(toOpenApiPath('/api/y/:name?')).toBe('/api/y/{name}');
  });

  it('has the OpenAPI 3.1 top-level structure', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(doc.info.title.length).toBeGreaterThan(0);
    expect(typeof doc.info.version).toBe('string');
    expect(doc.paths).toBeTypeOf('object');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
  });

  it('has well-formed path items and operations', () => {
    const declaredTags = new Set((doc.tags ?? []).map((t) => t.name));
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path, 'paths start with /').toMatch(/^\//);
      expect(path, 'templates use {param}, not :param').not.toMatch(/:\w/);
      for (const key of Object.keys(item))
        expect(PATH_ITEM_KEYS, `${path}: unknown key ${key}`).toContain(key);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.responses, `${where}: responses`).toBeTypeOf('object');
        expect(Object.keys(op.responses).length, `${where}: at least one response`).toBeGreaterThan(
          0,
        );
        for (const [status, response] of Object.entries<AnswerJson>(op.responses)) {
          expect(status, `${where}: response key`).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          if (!response.$ref)
            expect(typeof response.description, `${where} ${status}: description`).toBe('string');
        }
        const params: AnswerJson[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
        for (const p of params) {
          if (p.$ref) continue;
          expect(typeof p.name, `${where}: parameter name`).toBe('string');
          expect(PARAM_LOCATIONS, `${where}: parameter ${p.name} location`).toContain(p.in);
          expect(p.schema ?? p.content, `${where}: parameter ${p.name} schema`).toBeTruthy();
          if (p.in === 'path') {
            expect(p.required, `${where}: path parameter ${p.name} required`).toBe(true);
            expect(templated, `${where}: path parameter ${p.name} not in the path`).toContain(
              p.name,
            );
          }
        }
        for (const name of templated) {
          expect(
            params.some((p) => p.in === 'path' && p.name === name),
            `${where}: path parameter {${name}} is not declared`,
          ).toBe(true);
        }
        for (const tag of op.tags ?? [])
          expect(declaredTags, `${where}: tag ${tag} not declared`).toContain(tag);
        if (op.operationId) {
          expect(operationIds.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
          operationIds.add(op.operationId);
        }
        if (op.requestBody && !op.requestBody.$ref)
          expect(op.requestBody.content, `${where}: requestBody content`).toBeTypeOf('object');
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    for (const ref of refs(doc)) {
      expect(ref, 'local references only').toMatch(/^#\//);
      let node: AnswerJson = doc;
      for (const part of ref.slice(2).split('/'))
        node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      expect(node, `unresolved ${ref}`).toBeDefined();
    }
  });

  it('describes every route the app registers', () => {
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes
      .filter((r) => !doc.paths[r.path]?.[r.method])
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing, 'routes without an OpenAPI description').toEqual([]);
  });

  it('describes no route the app does not register', () => {
    const registered = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const stale: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        if (!registered.has(`${method} ${path}`)) stale.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(stale, 'described operations without a route').toEqual([]);
  });
});
