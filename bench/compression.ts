/**
 * Compression benchmark (`npm run bench:compression`): prints figures, asserts nothing.
 *
 * (a) Transfer sizes: the browser bundles in dist/client as built (identity, .gz, .br; run
 *     `npm run build` first), a demo page answer and the OpenAPI document, with the time each
 *     takes on a 1 Mbit/s link (a slow rural connection).
 * (b) Throughput on the real server (autocannon, loopback): page reads without Accept-Encoding
 *     (what bench:wiki measures), with `br` (compressed form from the answer cache), and
 *     revalidated (If-None-Match → 304); JSON answers compressed per request (a 5 KB list, the
 *     73 KB OpenAPI document, which is compressed on the thread pool).
 * (c) The per-request middleware against hono/compress (CompressionStream, streamed answer) on a
 *     bare Hono app serving the same JSON constants, gzip both.
 * (d) Security headers of data answers (API, feeds): the fast path on Node's ServerResponse
 *     against hono/secure-headers set to the same three headers, and Hono's cookie parsing
 *     (getCookie, what a signed-in request pays) against no cookie at all, on the bare app.
 * Each server runs in its own child process; targets alternate by round so machine noise hits
 * them alike. Bounded: about one and a half minutes.
 */
import { fork, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { serve } from '@hono/node-server';
import { openDatabase } from '../server/db/open.js';
import { startServer } from '../server/server.js';
import { seedIfEmpty } from '../server/seed/index.js';
import { compressing } from '../server/compression.js';
import {
  dataSecurityHeadersThroughHono,
  setDataSecurityHeaders,
} from '../server/security-headers.js';
import type { AppEnv } from '../server/env.js';
import { rawRequest } from '../test/helpers/raw-http.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const ROUND_SECONDS = 2;
const ROUNDS = 3;
const CONNECTIONS = 16;
const SLOW_LINK_BITS_PER_SECOND = 1_000_000;
const PAGE = 'gouvernance-partagee';

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function startChild(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(THIS_FILE, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)));
  });
}

const rows: { what: string; value: string }[] = [];
const row = (what: string, value: string) => {
  rows.push({ what, value });
  console.log(`  ${what}: ${value}`);
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const onSlowLink = (n: number) =>
  `${((n * 8) / SLOW_LINK_BITS_PER_SECOND).toFixed(2)} s at 1 Mbit/s`;

function sizes(): void {
  console.log('\n(a) transfer sizes');
  const dir = join(process.cwd(), 'dist/client/assets');
  if (!existsSync(dir)) {
    row('browser bundles', 'dist/client not built: run `npm run build` first');
    return;
  }
  const totals = { identity: 0, gz: 0, br: 0 };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const size = (f: string) => (existsSync(f) ? statSync(f).size : NaN);
    const file = join(dir, name);
    const [identity, gz, br] = [size(file), size(`${file}.gz`), size(`${file}.br`)];
    totals.identity += identity;
    totals.gz += gz;
    totals.br += br;
    row(
      `${name}`,
      `${kb(identity)} → gzip ${kb(gz)}, brotli ${kb(br)} (${((100 * br) / identity).toFixed(0)} %)`,
    );
  }
  row(
    'all scripts',
    `${kb(totals.identity)} (${onSlowLink(totals.identity)}) → brotli ${kb(totals.br)} (${onSlowLink(totals.br)})`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-compression-'));
  console.log(`Compression benchmark: Node ${process.version}, temp dir ${dir}`);
  console.log('Figures are indicative: rerun on a quiet machine before comparing.');
  const children: ChildProcess[] = [];
  try {
    sizes();

    const dbPath = join(dir, 'app.sqlite');
    const db = openDatabase(dbPath);
    await seedIfEmpty(db);
    db.close();
    const app = await startChild(['--serve-app', dbPath]);
    children.push(app.child);
    const base = `http://127.0.0.1:${app.port}`;

    const page = await rawRequest(`${base}/api/pages/${PAGE}`);
    const pageBr = await rawRequest(`${base}/api/pages/${PAGE}`, {
      headers: { 'accept-encoding': 'br' },
    });
    const openapi = await rawRequest(`${base}/api/openapi.json`);
    const openapiBr = await rawRequest(`${base}/api/openapi.json`, {
      headers: { 'accept-encoding': 'br' },
    });
    const openapiGz = await rawRequest(`${base}/api/openapi.json`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    row(
      `demo page answer`,
      `${kb(page.body.length)} → brotli ${kb(pageBr.body.length)} (${onSlowLink(pageBr.body.length)}); 304: no body`,
    );
    row(
      `OpenAPI document`,
      `${kb(openapi.body.length)} → gzip ${kb(openapiGz.body.length)}, brotli ${kb(openapiBr.body.length)}`,
    );

    const pagePath = join(dir, 'page.json');
    const openapiPath = join(dir, 'openapi.json');
    writeFileSync(pagePath, page.body);
    writeFileSync(openapiPath, openapi.body);
    const bare = await startChild(['--serve-bare', pagePath, openapiPath]);
    children.push(bare.child);
    const bareBase = `http://127.0.0.1:${bare.port}`;

    const br = { 'accept-encoding': 'br' };
    const gzip = { 'accept-encoding': 'gzip' };
    const targets: {
      name: string;
      url: string;
      headers?: Record<string, string>;
      part: 'b' | 'c' | 'd';
    }[] = [
      { part: 'b', name: 'page read, no Accept-Encoding', url: `${base}/api/pages/${PAGE}` },
      {
        part: 'b',
        name: 'page read, br (cached form)',
        url: `${base}/api/pages/${PAGE}`,
        headers: br,
      },
      {
        part: 'b',
        name: 'page read, If-None-Match → 304',
        url: `${base}/api/pages/${PAGE}`,
        headers: { 'if-none-match': String(page.headers.etag) },
      },
      {
        part: 'b',
        name: 'page list (5 KB), no Accept-Encoding',
        url: `${base}/api/pages?limit=100`,
      },
      {
        part: 'b',
        name: 'page list (5 KB), br per request',
        url: `${base}/api/pages?limit=100`,
        headers: br,
      },
      {
        part: 'b',
        name: 'OpenAPI (73 KB), br per request',
        url: `${base}/api/openapi.json`,
        headers: br,
      },
      { part: 'c', name: 'bare 5 KB JSON, identity', url: `${bareBase}/plain/0` },
      {
        part: 'c',
        name: 'bare 5 KB JSON, gzip, this middleware',
        url: `${bareBase}/ours/0`,
        headers: gzip,
      },
      {
        part: 'c',
        name: 'bare 5 KB JSON, gzip, hono/compress',
        url: `${bareBase}/hono/0`,
        headers: gzip,
      },
      {
        part: 'c',
        name: 'bare 73 KB JSON, gzip, this middleware',
        url: `${bareBase}/ours/1`,
        headers: gzip,
      },
      {
        part: 'c',
        name: 'bare 73 KB JSON, gzip, hono/compress',
        url: `${bareBase}/hono/1`,
        headers: gzip,
      },
      { part: 'd', name: 'bare 5 KB JSON, no security headers', url: `${bareBase}/plain/0` },
      {
        part: 'd',
        name: 'bare 5 KB JSON, data security headers, fast path',
        url: `${bareBase}/sec-ours/0`,
      },
      {
        part: 'd',
        name: 'bare 5 KB JSON, data security headers, hono/secure-headers',
        url: `${bareBase}/sec-hono/0`,
      },
      {
        part: 'd',
        name: 'bare 5 KB JSON, session cookie read with getCookie',
        url: `${bareBase}/cookie/0`,
        headers: { cookie: 'theme=dark; lc_session=abcdefghijklmnopqrstuvwxyz0123456789' },
      },
    ];
    for (const t of targets) {
      const check = await rawRequest(t.url, { headers: t.headers });
      if (check.status !== 200 && check.status !== 304)
        throw new Error(`${t.name}: ${check.status}`);
      await autocannon({ url: t.url, headers: t.headers, connections: CONNECTIONS, duration: 1 }); // warm-up
    }
    const rps = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const p99 = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    let errors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        const r = await autocannon({
          url: t.url,
          headers: t.headers,
          connections: CONNECTIONS,
          duration: ROUND_SECONDS,
        });
        rps.get(t.name)!.push(r.requests.average);
        p99.get(t.name)!.push(r.latency.p99);
        errors += r.errors;
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const titles = {
      b: '\n(b) real server (req/s, mean of rounds)',
      c: '\n(c) bare Hono: this middleware vs hono/compress',
      d: '\n(d) bare Hono: security headers and cookies',
    };
    for (const part of ['b', 'c', 'd'] as const) {
      console.log(titles[part]);
      for (const t of targets.filter((x) => x.part === part)) {
        const xs = rps.get(t.name)!;
        row(
          t.name,
          `${Math.round(mean(xs))} req/s (rounds ${xs.map((x) => Math.round(x)).join(', ')}; p99 ${Math.max(...p99.get(t.name)!)} ms)`,
        );
      }
    }
    if (errors > 0) row('connection errors', String(errors));
  } finally {
    for (const child of children) child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const w1 = Math.max(...rows.map((r) => r.what.length));
  console.log(`\nSummary (whole bench ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const r of rows) console.log(`${r.what.padEnd(w1)} | ${r.value}`);
}

// Entry point: this file is also the child process of each server measured.
if (process.argv[2] === '--serve-app') {
  const db = openDatabase(process.argv[3]);
  const server = await startServer(db, { port: 0, publicRead: true });
  process.send?.({ port: server.port });
} else if (process.argv[2] === '--serve-bare') {
  const bodies = process.argv.slice(3).map((f) => readFileSync(f, 'utf8'));
  const app = new Hono<AppEnv>();
  app.use('/hono/*', compress());
  app.use(
    '/ours/*',
    compressing((_c, next) => next()),
  );
  app.use('/sec-ours/*', (c, next) => {
    setDataSecurityHeaders(c);
    return next();
  });
  app.use('/sec-hono/*', dataSecurityHeadersThroughHono);
  app.use('/cookie/*', async (c, next) => {
    if (getCookie(c, 'lc_session') === undefined) throw new Error('no cookie');
    await next();
  });
  app.get('/:kind/:i', (c) =>
    c.body(bodies[Number(c.req.param('i'))], 200, { 'content-type': 'application/json' }),
  );
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.send?.({ port: info.port }),
  );
} else {
  await main();
}
