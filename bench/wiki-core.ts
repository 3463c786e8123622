/**
 * Wiki core micro-benchmark (`node --import tsx bench/wiki-core.ts`): prints figures, asserts nothing.
 *
 * On a file database of 10,000 pages (WAL, as in production):
 * - save of a 20 KB page with 50 wiki links: `savePage` (revision, links, categories, listeners)
 *   and the full in-process HTTP PUT (validation, save, rendering of the answer);
 * - page read in-process: cold rendering vs render-cache hit, and GET /api/pages/:slug vs a bare
 *   Hono hello route through `app.request` (no sockets: the HTTP comparison with real servers is
 *   in bench/wiki.ts);
 * - diff of two revisions of the 20 KB page, and of a 1 MB page fully rewritten (budget fallback);
 * - special lists (wanted, to-improve, orphans, categories) and recent changes.
 * The machine may be loaded: repeat on a quiet machine before trusting the numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { createApiToken, createUser } from '../server/auth/users.js';
import { savePage } from '../registry/wiki/pages.js';
import { diffTexts } from '../registry/wiki/diff.js';
import { WikiServices } from '../registry/wiki/services.js';
import {
  listCategories,
  orphanPages,
  pagesToImprove,
  recentChanges,
  wantedPages,
} from '../registry/wiki/lists.js';

const PAGES = 10_000;
const SAVES = 150;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${s.length})`;
};
const time = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
async function throughput(fn: () => Promise<unknown>, ms = 1500): Promise<number> {
  for (let i = 0; i < 200; i++) await fn();
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await fn();
    n++;
  }
  return n / (ms / 1000);
}

const PARA =
  'Les tiers-lieux du réseau partagent leurs pratiques de gouvernance, de financement et d’animation, ' +
  'avec des exemples chiffrés et des personnes à contacter. ';

/** A ~20 KB body with 50 distinct wiki links (some to missing pages), a table and a task list. */
function bigBody(version: number): string {
  let md = `# Grande page, version ${version}\n\n| Poste | Montant |\n|---|---:|\n| Loyer | 12 000 € |\n\n- [ ] relire\n- [x] publier\n\n`;
  for (let i = 0; i < 50; i++)
    md += `## Section ${i}\n\n${PARA.repeat(2)}Voir [[Page ${(i * 197 + version) % (PAGES + 200)}]].\n\n`;
  while (md.length < 20_000) md += `${PARA}\n\n`;
  return md;
}

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-wiki-core-'));
try {
  const db = openDatabase(join(dir, 'wiki.sqlite'));
  const { app, services } = createApp({ db, config: { bodyLimit: 5 * 1024 * 1024 } });
  const user = await createUser(db, {
    email: 'bench@example.org',
    name: 'Bench',
    password: 'password123',
  });
  const token = createApiToken(db, user.id, 'bench');

  let t0 = performance.now();
  const seedWiki = new WikiServices();
  db.transaction(() => {
    for (let i = 0; i < PAGES; i++) {
      savePage(db, seedWiki, {
        slug: `page-${i}`,
        title: `Page ${i}`,
        markdown: `# Page ${i}\n\n${PARA.repeat(3 + (i % 5))}Voir [[Page ${(i * 7 + 1) % (PAGES + 100)}]] et [[Page ${(i * 13 + 5) % PAGES}]].\n\n[[Catégorie:Thème ${i % 18}]]`,
        authorIds: [user.id],
      });
    }
  })();
  services.wiki.pagesExistenceChanged();
  console.log(`setup: ${PAGES} pages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Saves.
  const direct: number[] = [];
  const cpu: number[] = [];
  for (let v = 0; v < SAVES; v++) {
    const md = bigBody(v);
    const c0 = process.cpuUsage();
    direct.push(
      time(() =>
        savePage(db, services.wiki, {
          slug: 'grande-page',
          title: 'Grande page',
          markdown: md,
          authorIds: [user.id],
        }),
      ),
    );
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(`savePage, 20 KB, 50 links:           ${stats(direct)}`);
  console.log(`  same, CPU time (less load-sensitive): ${stats(cpu)}`);
  // The same saves without the other listeners (search index): what the wiki core itself costs.
  const bare = new WikiServices(db);
  const core: number[] = [];
  for (let v = 0; v < SAVES; v++) {
    const md = bigBody(5000 + v);
    core.push(
      time(() =>
        savePage(db, bare, {
          slug: 'grande-page-2',
          title: 'Grande page 2',
          markdown: md,
          authorIds: [user.id],
        }),
      ),
    );
  }
  console.log(`  wiki core only (no search listener): ${stats(core)}`);
  const http: number[] = [];
  for (let v = 0; v < SAVES; v++) {
    const body = JSON.stringify({ title: 'Grande page', markdown: bigBody(SAVES + v) });
    t0 = performance.now();
    const res = await app.request('/api/pages/grande-page', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    await res.text();
    http.push(performance.now() - t0);
  }
  console.log(`PUT /api/pages (in-process), 20 KB:  ${stats(http)}`);

  // Rendering.
  const cold: number[] = [];
  for (let v = 0; v < 50; v++) {
    const fresh = new WikiServices(db);
    const md = bigBody(1000 + v);
    cold.push(time(() => fresh.render({ slug: 'x', revision: 1, markdown: md })));
  }
  console.log(`render 20 KB, cold:                  ${stats(cold)}`);
  const page = { slug: 'grande-page', revision: 2 * SAVES, markdown: bigBody(2 * SAVES - 1) };
  services.wiki.render(page);
  const hits: number[] = [];
  for (let i = 0; i < 2000; i++) hits.push(time(() => services.wiki.render(page)));
  console.log(`render 20 KB, cache hit:             ${stats(hits)}`);

  const hello = new Hono().get('/', (c) => c.text('hello'));
  for (let round = 1; round <= 2; round++) {
    const h = await throughput(async () => (await hello.request('/')).text());
    const small = await throughput(async () => (await app.request('/api/pages/page-42')).text());
    const big = await throughput(async () => (await app.request('/api/pages/grande-page')).text());
    console.log(
      `round ${round}: bare hello ${h.toFixed(0)} req/s; GET small page ${small.toFixed(0)} req/s (${((small / h) * 100).toFixed(0)} %); GET 20 KB page ${big.toFixed(0)} req/s (${((big / h) * 100).toFixed(0)} %)`,
    );
  }

  // Diffs.
  const a = bigBody(1);
  const b = a
    .replace(/Section 7\n/, 'Section sept\n')
    .replace(/exemples chiffrés/, 'exemples précis');
  console.log(
    `diff 20 KB, small edit:              ${stats(Array.from({ length: 30 }, () => time(() => diffTexts(a, b))))}`,
  );
  const mbOld = Array.from({ length: 15_000 }, (_, i) => `Ancienne ligne ${i} : ${PARA}`).join(
    '\n',
  );
  const mbNew = Array.from({ length: 15_000 }, (_, i) => `Nouvelle ligne ${i * 3} : ${PARA}`).join(
    '\n',
  );
  console.log(
    `diff ~1.5 MB, fully rewritten:       ${stats(Array.from({ length: 3 }, () => time(() => diffTexts(mbOld, mbNew))))}`,
  );

  // Lists.
  const list = (name: string, fn: () => unknown) =>
    console.log(`${name.padEnd(38)}${stats(Array.from({ length: 20 }, () => time(fn)))}`);
  list('wanted pages:', () => wantedPages(db));
  list('to improve:', () => pagesToImprove(db, services.wiki));
  list('orphans:', () => orphanPages(db));
  list('categories:', () => listCategories(db));
  list('recent changes (50):', () => recentChanges(db, 50));
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
