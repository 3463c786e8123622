/*
 * The generated OpenAPI document: how long the first GET /api/openapi.json takes (the document is
 * built from the routes' declarations, then cached), how large it is, and what one pass-through
 * `describeRoute` middleware costs per request (a route with and without it, same handler).
 * Run: node --import tsx bench/openapi.ts
 */
import { performance } from 'node:perf_hooks';
import { Hono } from 'hono';
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { openApiDocument } from '../server/openapi/index.js';
import { describeRoute } from '../server/openapi/describe.js';

const db = openDatabase(':memory:');
const { app, services } = createApp({ db, config: { clientDir: '/nonexistent' } });

let t = performance.now();
const first = await app.request('/api/openapi.json');
const body = await first.text();
const firstMs = performance.now() - t;
t = performance.now();
await (await app.request('/api/openapi.json')).text();
const cachedMs = performance.now() - t;
const doc = JSON.parse(body) as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
};
const operations = Object.values(doc.paths).reduce(
  (n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length,
  0,
);
const runs = 20;
t = performance.now();
for (let i = 0; i < runs; i++) openApiDocument(app.routes);
const buildMs = (performance.now() - t) / runs;
console.log(
  `openapi.json: ${operations} operations, ${Object.keys(doc.components.schemas).length} component schemas, ${(body.length / 1024).toFixed(0)} KB`,
);
console.log(
  `first request (generation) ${firstMs.toFixed(1)} ms, cached ${cachedMs.toFixed(2)} ms, generation alone ${buildMs.toFixed(1)} ms (mean of ${runs})`,
);

const doc1 = describeRoute({ summary: 'x', responses: { 200: { description: 'OK' } } });
const bare = new Hono()
  .get('/a', (c) => c.json({ ok: true }))
  .get(
    '/b',
    (_c, next) => next(),
    (c) => c.json({ ok: true }),
  );
const described = new Hono()
  .get('/a', doc1, (c) => c.json({ ok: true }))
  .get(
    '/b',
    doc1,
    (_c, next) => next(),
    (c) => c.json({ ok: true }),
  );
async function perRequest(h: Hono, path: string, n = 50_000): Promise<number> {
  for (let i = 0; i < 2_000; i++) await h.request(path);
  const s = performance.now();
  for (let i = 0; i < n; i++) await h.request(path);
  return ((performance.now() - s) * 1000) / n;
}
for (const path of ['/a', '/b']) {
  const a = await perRequest(bare, path);
  const b = await perRequest(described, path);
  console.log(
    `${path === '/a' ? 'single handler' : 'one middleware'}: ${a.toFixed(2)} µs/request bare, ${b.toFixed(2)} µs with describeRoute (+${(b - a).toFixed(2)} µs)`,
  );
}
services.close?.();
process.exit(0);
