/**
 * Wiki benchmark (`npm run bench:wiki`): prints figures, asserts nothing.
 *
 * (a) Page reads: GET /api/pages/:slug (rendered, render cache warm) on the real server vs a bare
 *     Hono "hello" route on @hono/node-server. Each server runs in its own child process (same
 *     Node, same flags), idle while the other is measured; one autocannon client in this process
 *     drives both with the same connections, alternating rounds so machine noise hits both alike.
 * (b) Saves: savePage of a 20 KB page with 50 wiki links on a 10,000-page database, including the
 *     revision, links, categories and the search index update (listeners run before it returns).
 * (c) Search over 10,000 generated French pages (SQLite FTS5, indexed by triggers as they are
 *     inserted): insert time, createApp time and memory, p50/p95 of a few hundred varied queries (service call and full HTTP round trip in-process), and the time from
 *     a PUT to the new words being found by GET /api/search.
 * Uses a temporary database directory, removed at the end. Bounded: about one to two minutes.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { openDatabase, type Database } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { startServer } from '../server/server.js';
import { savePage } from '../registry/wiki/pages.js';
import { WikiServices } from '../registry/wiki/services.js';
import { seedIfEmpty } from '../server/seed/index.js';
import { slugify } from '../registry/text/slug.js';
import { createApiToken, createUser } from '../server/auth/users.js';
import { body, rand, searchQueryMakers, sentence, title } from './wiki-corpus.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const PAGE_COUNT = 10_000;
const SAVES = 200;
const QUERIES = 300;
const READ_ROUND_SECONDS = 2;
const READ_ROUNDS = 6;
const CONNECTIONS = 16;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * Load generator and servers on separate cores when the machine has several (`taskset`, Linux):
 * otherwise autocannon and the server measured take CPU from each other, and the figures move
 * with the scheduler. Both servers (hello and the app) get the same core, one at a time.
 */
const CORES = availableParallelism();
const PIN = CORES >= 2 && process.platform === 'linux' && spawnSync('taskset', ['-V']).status === 0;
const SERVER_CORE = String(CORES - 1);
if (PIN && !process.argv[2]?.startsWith('--serve')) {
  // This process (autocannon's) on every core but the servers' one.
  spawnSync('taskset', ['-a', '-p', '-c', `0-${CORES - 2}`, String(process.pid)]);
}

function startChild(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(THIS_FILE, args, {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      ...(PIN
        ? {
            execPath: 'taskset',
            execArgv: ['-c', SERVER_CORE, process.execPath, ...process.execArgv],
          }
        : {}),
    });
    child.once('message', (m) => resolve({ child, port: (m as { port: number }).port }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited with ${code}`)));
  });
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    p99: quantile(s, 0.99),
    max: s[s.length - 1],
  };
}
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** JS heap plus ArrayBuffers (the index keeps its postings in typed arrays), after GC, in MB. */
function memoryMb(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

interface Row {
  what: string;
  value: string;
  target: string;
}
const rows: Row[] = [];
const row = (what: string, value: string, target = '') => {
  rows.push({ what, value, target });
  console.log(`  ${what}: ${value}${target ? `  (${target})` : ''}`);
};

// ---------------------------------------------------------------------------------------------

async function benchReads(dir: string): Promise<void> {
  console.log('\n(a) page reads: GET /api/pages/:slug vs bare Hono hello (autocannon, loopback)');
  const dbPath = join(dir, 'reads.sqlite');
  const db = openDatabase(dbPath);
  // The demo content gives a real practice page; a generated 700-word page with 20 links is the long case.
  await seedIfEmpty(db);
  const titles = Array.from({ length: 30 }, (_, i) => title(i));
  savePage(db, new WikiServices(db), {
    slug: 'page-longue',
    title: 'Page longue',
    markdown: body(700, 20, titles),
    authorIds: [],
    origin: 'seed',
  });
  db.close();

  const app = await startChild(['--serve-app', dbPath]);
  let bare: { child: ChildProcess } | undefined;
  try {
    const pages = [
      { name: 'typical', slug: 'gouvernance-partagee', label: 'demo page' },
      { name: 'long', slug: 'page-longue', label: 'long page' },
    ];
    const sizes: Record<string, number> = {};
    const bodyPaths: string[] = [];
    for (const p of pages) {
      const check = await fetch(`http://127.0.0.1:${app.port}/api/pages/${p.slug}`);
      if (check.status !== 200) throw new Error(`page read answered ${check.status}`);
      // The bare server also serves the very same JSON as a constant: the ceiling for that payload.
      const bodyPath = join(dir, `${p.name}.json`);
      writeFileSync(bodyPath, await check.text());
      sizes[p.name] = statSync(bodyPath).size;
      bodyPaths.push(bodyPath);
    }
    const started = await startChild(['--serve-hello', ...bodyPaths]);
    bare = started;
    const targets = [
      { name: 'hello', url: `http://127.0.0.1:${started.port}/` },
      ...pages.flatMap((p, i) => [
        { name: `static-${p.name}`, url: `http://127.0.0.1:${started.port}/same-json/${i}` },
        { name: `page-${p.name}`, url: `http://127.0.0.1:${app.port}/api/pages/${p.slug}` },
      ]),
    ];
    for (const t of targets)
      await autocannon({ url: t.url, connections: CONNECTIONS, duration: 1 }); // warm-up (JIT, render cache)
    const rps: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
    const lat: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
    let failures = 0;
    for (let round = 0; round < READ_ROUNDS; round++) {
      for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
        const r = await autocannon({
          url: t.url,
          connections: CONNECTIONS,
          duration: READ_ROUND_SECONDS,
        });
        rps[t.name].push(r.requests.average);
        lat[t.name].push(r.latency.p99);
        failures += r.non2xx + r.errors;
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    // This machine's load moves between runs: each round measures every target within seconds, so
    // the ratio of a round is less noisy than the ratio of the means; the median of rounds is reported.
    const roundRatio = (name: string, of = 'hello') =>
      median(rps[name].map((x, i) => x / rps[of][i]));
    const helloRps = mean(rps.hello);
    row(
      'bare Hono "hello" route',
      `${Math.round(helloRps)} req/s (p99 ${Math.max(...lat.hello)} ms)`,
    );
    for (const p of pages) {
      const staticRps = mean(rps[`static-${p.name}`]);
      const pageRps = mean(rps[`page-${p.name}`]);
      const kb = (sizes[p.name] / 1024).toFixed(1);
      row(
        `bare Hono, same ${kb} KB JSON as a constant`,
        `${Math.round(staticRps)} req/s (p99 ${Math.max(...lat[`static-${p.name}`])} ms)`,
      );
      row(
        `GET /api/pages/:slug, ${p.label} (${kb} KB JSON, rendered, cached)`,
        `${Math.round(pageRps)} req/s (p99 ${Math.max(...lat[`page-${p.name}`])} ms)`,
      );
      const ratios = rps[`page-${p.name}`].map((x, i) => (x / rps.hello[i]).toFixed(2)).join(', ');
      row(
        `${p.label} / hello ratio (median of ${READ_ROUNDS} rounds: ${ratios})`,
        roundRatio(`page-${p.name}`).toFixed(2),
        p.name === 'typical' ? 'target ≥ 0.5' : '',
      );
      row(`${p.label} / hello ratio of the means`, (pageRps / helloRps).toFixed(2));
      row(
        `${p.label} / same-size constant ratio (median of rounds)`,
        roundRatio(`page-${p.name}`, `static-${p.name}`).toFixed(2),
      );
    }
    if (failures > 0) row('read failures (non-2xx or errors)', String(failures));
  } finally {
    app.child.kill();
    bare?.child.kill();
  }
}

async function benchSearch(
  dir: string,
): Promise<{ db: Database; built: ReturnType<typeof createApp> }> {
  console.log(`\n(c) search over ${PAGE_COUNT} generated French pages`);
  const db = openDatabase(join(dir, 'wiki.sqlite'));
  const titles = Array.from({ length: PAGE_COUNT }, (_, i) => title(i));
  let t0 = performance.now();
  const insert = db.prepare(
    `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)`,
  );
  let bytes = 0;
  db.transaction(() => {
    titles.forEach((t) => {
      const markdown = body(150 + Math.floor(rand() * 750), 2 + Math.floor(rand() * 5), titles);
      bytes += markdown.length;
      insert.run({ slug: slugify(t), title: t, markdown });
    });
  })();
  row(
    `insert ${PAGE_COUNT} pages, ${(bytes / 1024 / 1024).toFixed(1)} MB of markdown (one transaction, triggers index them)`,
    `${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );

  // The pages were indexed by the full-text triggers as they were inserted (in the time above):
  // the app has no index to build.
  const before = memoryMb();
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const built = createApp({ db });
  const buildMs = performance.now() - t0;
  const buildCpu = process.cpuUsage(cpu0);
  const after = memoryMb();
  const index = built.services.search;
  const vocab = index.vocabulary();
  row(
    'createApp on the 10k pages (no index to build: FTS5 table)',
    `${(buildMs / 1000).toFixed(2)} s wall, ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(2)} s CPU; ${index.size} pages, ${vocab.terms} terms, ${(vocab.postings / 1e6).toFixed(2)} M postings`,
  );
  row('search memory (heap + array buffers, delta after GC)', `${Math.round(after - before)} MB`);

  // Varied queries: frequent and rare words, several words, prefixes, no accents, typos, elisions.
  const makers = searchQueryMakers(titles);
  const queries = Array.from({ length: QUERIES }, (_, i) => makers[i % makers.length][1]());
  const search = built.services.search;
  for (const q of queries.slice(0, 40)) search.search(q, 20); // warm-up
  const serviceMs: number[] = [];
  const cpuMs: number[] = [];
  let totalHits = 0;
  for (const q of queries) {
    const c = process.cpuUsage();
    const s = performance.now();
    totalHits += search.search(q, 20).total;
    serviceMs.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const httpMs: number[] = [];
  const httpCpuMs: number[] = [];
  for (const q of queries) {
    const c = process.cpuUsage();
    const s = performance.now();
    const res = await built.app.request(`/api/search?q=${encodeURIComponent(q)}&limit=20`);
    await res.text();
    httpMs.push(performance.now() - s);
    const used = process.cpuUsage(c);
    httpCpuMs.push((used.user + used.system) / 1000);
    if (res.status !== 200) throw new Error(`search answered ${res.status} for ${q}`);
  }
  const sv = stats(serviceMs);
  const cpu = stats(cpuMs);
  const ht = stats(httpMs);
  const htc = stats(httpCpuMs);
  // The search p95 of issue 14 (target ≤ 20 ms at 10k pages): the service call in CPU time, the
  // figure that this shared machine's load disturbs least. Wall-clock rows keep the older target.
  row(
    `search p95 at ${PAGE_COUNT} pages: service call, CPU time (${sv.n} queries, avg ${Math.round(totalHits / sv.n)} matches)`,
    `p50 ${ms(cpu.p50)} ms, p95 ${ms(cpu.p95)} ms`,
    'target p95 ≤ 20 ms (issue 14)',
  );
  row(
    'search, service call, wall clock',
    `p50 ${ms(sv.p50)} ms, p95 ${ms(sv.p95)} ms, max ${ms(sv.max)} ms`,
    'target p95 < 50 ms',
  );
  row(
    'search, GET /api/search in-process',
    `p50 ${ms(ht.p50)} ms, p95 ${ms(ht.p95)} ms, max ${ms(ht.max)} ms`,
    'target p95 < 50 ms',
  );
  row(
    'search, GET /api/search in-process, CPU time',
    `p50 ${ms(htc.p50)} ms, p95 ${ms(htc.p95)} ms`,
  );

  // Freshness: PUT through the API, then search for a word that did not exist before.
  const admin = await createUser(db, {
    email: 'bench@example.org',
    name: 'Bench',
    password: 'password123',
    role: 'admin',
  });
  const token = createApiToken(db, admin.id, 'bench');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const fresh: number[] = [];
  let notFound = 0;
  for (let i = 0; i < 30; i++) {
    const slug = slugify(titles[i * 7]);
    const word = `zorglubinette${i}quasar`;
    const current = (await (await built.app.request(`/api/pages/${slug}`)).json()) as {
      revision: number;
      markdown: string;
    };
    const s = performance.now();
    const put = await built.app.request(`/api/pages/${slug}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        title: titles[i * 7],
        markdown: `${current.markdown}\n\nMot nouveau : ${word}.`,
        baseRevision: current.revision,
      }),
    });
    if (put.status !== 200) throw new Error(`PUT answered ${put.status}`);
    for (;;) {
      const res = (await (await built.app.request(`/api/search?q=${word}`)).json()) as {
        results: { slug: string }[];
      };
      if (res.results.some((r) => r.slug === slug)) break;
      notFound++;
      if (performance.now() - s > 5000) throw new Error('fresh edit not findable after 5 s');
    }
    fresh.push(performance.now() - s);
  }
  const fr = stats(fresh);
  row(
    'fresh edit findable (PUT returns → GET /api/search finds it)',
    `median ${ms(fr.p50)} ms, max ${ms(fr.max)} ms (${notFound} searches missed it)`,
    'target < 1 s',
  );
  return { db, built };
}

function benchSaves(db: Database, built: ReturnType<typeof createApp>): void {
  console.log(
    `\n(b) saves of a 20 KB page with 50 wiki links (savePage, ${SAVES} saves + 10 warm-up)`,
  );
  const titles = Array.from({ length: 200 }, (_, i) => title(100_000 + i));
  const wiki = built.services.wiki;
  const markdowns: string[] = [];
  for (let i = 0; i < SAVES + 10; i++) {
    let md = body(3000, 50, titles);
    while (md.length < 20 * 1024) md += ` ${sentence(12)}`;
    markdowns.push(md.slice(0, 20 * 1024));
  }
  const linkCount = (markdowns[0].match(/\[\[/g) ?? []).length;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const indexTimes: number[] = [];
  const slugs = ['charte-des-communs', 'guide-accueil', 'gouvernance-du-lieu', 'budget-annuel'];
  const revisions = new Map<string, number>();
  markdowns.forEach((markdown, i) => {
    const slug = slugs[i % slugs.length];
    const c = process.cpuUsage();
    const s = performance.now();
    const page = savePage(db, wiki, {
      slug,
      title: `Page ${slug}`,
      markdown,
      summary: 'bench',
      baseRevision: revisions.get(slug) ?? 0,
      categories: ['Bench'],
      authorIds: [],
    });
    const elapsed = performance.now() - s;
    const cpu = process.cpuUsage(c);
    revisions.set(slug, page.revision);
    if (i >= 10) {
      times.push(elapsed);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    // Search update alone, measured apart: a probe page whose 20 KB body is replaced each time
    // (the full-text trigger re-analyses it in the UPDATE).
    const probe =
      db.prepare(`INSERT INTO pages (slug, title, markdown, revision) VALUES ('bench-probe', @title, @markdown, 1)
      ON CONFLICT (slug) DO UPDATE SET markdown = excluded.markdown, revision = revision + 1`);
    const c2 = process.cpuUsage();
    probe.run({ title: page.title, markdown: markdowns[(i + 7) % markdowns.length] });
    const cpu2 = process.cpuUsage(c2);
    if (i >= 10) indexTimes.push((cpu2.user + cpu2.system) / 1000);
  });
  db.prepare(`DELETE FROM pages WHERE slug = 'bench-probe'`).run();
  const sv = stats(times);
  const sc = stats(cpuTimes);
  const ix = stats(indexTimes);
  row(
    `save 20 KB / ${linkCount} links (revision + links + search update)`,
    `median ${ms(sv.p50)} ms, p95 ${ms(sv.p95)} ms, max ${ms(sv.max)} ms`,
    'target median < 20 ms',
  );
  row('  same, CPU time (less sensitive to load)', `median ${ms(sc.p50)} ms, p95 ${ms(sc.p95)} ms`);
  row(
    '  of which search index update (probe page UPDATE, trigger, CPU time)',
    `median ${ms(ix.p50)} ms, p95 ${ms(ix.p95)} ms`,
  );
  const links = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM page_links pl JOIN pages p ON p.id = pl.from_id WHERE p.slug = @slug`,
      )
      .get({ slug: slugs[0] }) as { n: number }
  ).n;
  row('  wiki links stored for the page (distinct targets)', String(links));
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-wiki-'));
  console.log(`Wiki benchmark: Node ${process.version}, temp dir ${dir}`);
  console.log('Figures are indicative: rerun on a quiet machine before comparing.');
  try {
    // `npm run bench:wiki -- reads` (or `search`) runs one part only.
    const only = process.argv[2];
    if (!only || only === 'reads') await benchReads(dir);
    if (!only || only === 'search') {
      const { db, built } = await benchSearch(dir);
      benchSaves(db, built);
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const w1 = Math.max(...rows.map((r) => r.what.length));
  const w2 = Math.max(...rows.map((r) => r.value.length));
  console.log(`\nSummary (whole bench ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`${'measure'.padEnd(w1)} | ${'result'.padEnd(w2)} | target`);
  console.log(`${'-'.repeat(w1)}-|-${'-'.repeat(w2)}-|-------`);
  for (const r of rows) console.log(`${r.what.padEnd(w1)} | ${r.value.padEnd(w2)} | ${r.target}`);
}

// ---------------------------------------------------------------------------------------------
// Entry point: this file is also the child process of each server measured in (a).
// (Last in the file so that every constant above is initialised.)

if (process.argv[2] === '--serve-app') {
  const db = openDatabase(process.argv[3]);
  const server = await startServer(db, { port: 0, publicRead: true });
  process.send?.({ port: server.port });
} else if (process.argv[2] === '--serve-hello') {
  const bodies = process.argv.slice(3).map((f) => readFileSync(f, 'utf8'));
  const app = new Hono()
    .get('/', (c) => c.text('hello'))
    .get('/same-json/:i', (c) =>
      c.body(bodies[Number(c.req.param('i'))], 200, { 'content-type': 'application/json' }),
    );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    process.send?.({ port: info.port }),
  );
  void server;
} else {
  await main();
}
