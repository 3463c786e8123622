/**
 * Wiki search breakdown (`node --import tsx bench/wiki-search-breakdown.ts [db-file]`): prints
 * figures, asserts nothing. Builds (or reuses, when `db-file` exists) a 10k-page database from the
 * corpus of bench/wiki.ts and times the same query mix (`searchQueryMakers`), per kind of query, in CPU time, so that a
 * change to the search can be measured in seconds instead of re-running the whole wiki bench.
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../server/db/open.js';
import { EXACT_LIMIT, WikiSearch } from '../registry/wiki/search.js';
import { slugify } from '../registry/text/slug.js';
import { body, rand, searchQueryMakers, title } from './wiki-corpus.js';

const PAGE_COUNT = 10_000;
const QUERIES = 600;
const file = process.argv[2] ?? '/tmp/lc-wiki-search-10k.sqlite';
const fresh = !existsSync(file);
const db = openDatabase(file);
const titles = Array.from({ length: PAGE_COUNT }, (_, i) => title(i));
if (fresh) {
  const insert = db.prepare(
    `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)`,
  );
  const c0 = process.cpuUsage();
  db.transaction(() => {
    titles.forEach((t) => {
      const markdown = body(150 + Math.floor(rand() * 750), 2 + Math.floor(rand() * 5), titles);
      insert.run({ slug: slugify(t), title: t, markdown });
    });
  })();
  const c = process.cpuUsage(c0);
  console.log(`insert ${PAGE_COUNT} pages: ${((c.user + c.system) / 1e6).toFixed(2)} s CPU`);
}
const makers = searchQueryMakers(titles);
const queries = Array.from({ length: QUERIES }, (_, i) => ({
  kind: makers[i % makers.length][0],
  q: makers[i % makers.length][1](),
}));
const search = new WikiSearch(db);
for (const { q } of queries.slice(0, 60)) search.search(q, 20);
const all: number[] = [];
const byKind = new Map<string, number[]>();
let matches = 0;
for (const { kind, q } of queries) {
  const c0 = process.cpuUsage();
  matches += search.search(q, 20).total;
  const c = process.cpuUsage(c0);
  const t = (c.user + c.system) / 1000;
  all.push(t);
  byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
}
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
};
console.log(
  `search CPU (${QUERIES} queries, avg ${Math.round(matches / QUERIES)} matches): p50 ${q(all, 0.5)} ms, p95 ${q(all, 0.95)} ms, max ${q(all, 1)} ms`,
);
for (const [kind, xs] of byKind)
  console.log(
    `  ${kind.padEnd(20)} p50 ${q(xs, 0.5).padStart(6)} ms, max ${q(xs, 1).padStart(6)} ms`,
  );
// What the bounded ranking of broad queries changes: the same queries ranked by bm25() over every
// match (`exactLimit: Infinity`, the ranking before), compared on the first 20 results.
const exact = new WikiSearch(db, undefined, { exactLimit: Infinity });
let same = 0;
let sameSet = 0;
let overlap = 0;
let broad = 0;
for (const { q: text } of queries) {
  const a = search.search(text, 20);
  const b = exact.search(text, 20);
  if (a.total !== b.total) throw new Error(`total differs for ${text}`);
  if (a.total <= EXACT_LIMIT) continue;
  broad++;
  const sa = a.results.map((r) => r.slug);
  const sb = b.results.map((r) => r.slug);
  if (sa.join() === sb.join()) same++;
  if ([...sa].sort().join() === [...sb].sort().join()) sameSet++;
  overlap += sa.filter((x) => sb.includes(x)).length / Math.max(1, sb.length);
}
console.log(
  `broad queries (> ${EXACT_LIMIT} matches): ${broad} of ${QUERIES}; first 20 as with bm25() over every match: same order ${same}, same pages ${sameSet}, mean overlap ${((100 * overlap) / Math.max(1, broad)).toFixed(0)} %`,
);
db.close();
