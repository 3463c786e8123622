/**
 * Full-text search states benchmark (`npm run bench:fts`): prints figures, asserts nothing.
 *
 * Wiki search over 10,000 generated French pages (bench/wiki-corpus.ts, the same corpus and query
 * mix as bench:wiki) in the states a real database goes through: (1) as the triggers left it after
 * a bulk insert in one transaction, (2) after `optimize` (what the migration, `reindex` and the
 * importers do at their end), (3) after 1,000 further single-page edits, each in its own
 * transaction (ordinary saves). CPU time of the service call, p50/p95, and the FTS5 segment count.
 * Also the CPU cost of the bulk insert and of the single edits (the index triggers' analysis).
 * Uses a temporary database directory, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../server/db/open.js';
import { WikiSearch } from '../registry/wiki/search.js';
import { slugify } from '../registry/text/slug.js';
import { body, rand, searchQueryMakers, title } from './wiki-corpus.js';

const PAGE_COUNT = Number(process.env.PAGES ?? 10_000);
const QUERIES = 300;
const EDITS = 1_000;
const ROUNDS = 3;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

/** Number of FTS5 segments of `wiki_fts` (from its structure record). */
function segments(db: Database): number {
  // fts5_structure is not compiled in; the segment count is the number of distinct segment ids in the %_data table.
  const rows = db
    .prepare(`SELECT count(DISTINCT (id >> 37) & 0xFFFF) FROM wiki_fts_data WHERE id > 10`)
    .pluck()
    .get() as number;
  return rows;
}

function queryMix(titles: string[]): string[] {
  const makers = searchQueryMakers(titles).map(([, make]) => make);
  return Array.from({ length: QUERIES }, (_, i) => makers[i % makers.length]());
}

/** CPU time of each query (best of ROUNDS per query, so that a load spike hits one round only). */
function measure(search: WikiSearch, queries: string[]): { p50: number; p95: number; max: number } {
  for (const q of queries.slice(0, 40)) search.search(q, 20);
  const best = queries.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    queries.forEach((q, i) => {
      const c = process.cpuUsage();
      search.search(q, 20);
      best[i] = Math.min(best[i], cpuMs(process.cpuUsage(c)));
    });
  }
  const s = [...best].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] };
}

function report(what: string, db: Database, search: WikiSearch, queries: string[]): void {
  const m = measure(search, queries);
  console.log(
    `  ${what}: ${segments(db)} segments; search CPU p50 ${f(m.p50)} ms, p95 ${f(m.p95)} ms, max ${f(m.max)} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-fts-'));
try {
  const db = openDatabase(join(dir, 'wiki.sqlite'));
  const titles = Array.from({ length: PAGE_COUNT }, (_, i) => title(i));
  const markdowns = titles.map(() =>
    body(150 + Math.floor(rand() * 750), 2 + Math.floor(rand() * 5), titles),
  );
  const queries = queryMix(titles);
  const edits = Array.from({ length: EDITS }, () =>
    body(150 + Math.floor(rand() * 750), 2 + Math.floor(rand() * 5), titles),
  );
  console.log(
    `FTS states benchmark: Node ${process.version}, ${PAGE_COUNT} pages, ${QUERIES} queries (best of ${ROUNDS} rounds each)`,
  );

  const insert = db.prepare(
    `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)`,
  );
  let c = process.cpuUsage();
  db.transaction(() =>
    titles.forEach((t, i) => insert.run({ slug: slugify(t), title: t, markdown: markdowns[i] })),
  )();
  console.log(
    `  insert ${PAGE_COUNT} pages in one transaction (triggers index them): ${(cpuMs(process.cpuUsage(c)) / 1000).toFixed(2)} s CPU`,
  );
  const search = new WikiSearch(db);
  report('(1) as inserted', db, search, queries);

  c = process.cpuUsage();
  db.prepare(`INSERT INTO wiki_fts (wiki_fts) VALUES ('optimize')`).run();
  console.log(`  optimize: ${(cpuMs(process.cpuUsage(c)) / 1000).toFixed(2)} s CPU`);
  report('(2) optimized', db, search, queries);

  const update = db.prepare(
    `UPDATE pages SET markdown = @markdown, revision = revision + 1 WHERE id = @id`,
  );
  const editCpu: number[] = [];
  edits.forEach((markdown, i) => {
    const c1 = process.cpuUsage();
    update.run({ id: 1 + ((i * 7919) % PAGE_COUNT), markdown });
    editCpu.push(cpuMs(process.cpuUsage(c1)));
  });
  const es = [...editCpu].sort((a, b) => a - b);
  console.log(
    `  ${EDITS} single edits, one transaction each: CPU p50 ${f(quantile(es, 0.5))} ms, p95 ${f(quantile(es, 0.95))} ms, total ${(es.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s`,
  );
  report(`(3) optimized, then ${EDITS} single edits`, db, search, queries);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
