/**
 * Cold start benchmark (`npm run bench:search-cold-start`): prints figures, asserts nothing.
 *
 * Writes a database file of 10,000 generated French pages (the corpus of bench/wiki.ts), closes
 * it, then starts fresh Node processes that open the existing file and time until the first wiki
 * search answers: module loading, `openDatabase` (migrations checked), `createApp` and the first
 * GET /api/search. Search is on SQLite FTS5 (migrations/0016_fts.sql), so nothing is rebuilt in
 * memory at start-up; the in-memory index it replaced took 7.5 s to build at 10k pages.
 * Uses a temporary directory, removed at the end.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const THIS_FILE = fileURLToPath(import.meta.url);
const PAGE_COUNT = 10_000;
const RUNS = 5;
const QUERY = 'jardin partagé';

/** What a child process reports, in milliseconds since it started. */
interface ChildTimes {
  imported: number;
  opened: number;
  created: number;
  answered: number;
  firstSearch: number;
  total: number;
}

async function child(file: string): Promise<void> {
  const t0 = performance.now();
  const { openDatabase } = await import('../server/db/open.js');
  const { createApp } = await import('../server/app.js');
  const imported = performance.now();
  const db = openDatabase(file);
  const opened = performance.now();
  const { app } = createApp({ db });
  const created = performance.now();
  const res = await app.request(`/api/search?q=${encodeURIComponent(QUERY)}`);
  const body = (await res.json()) as { total: number };
  const answered = performance.now();
  if (res.status !== 200 || body.total === 0)
    throw new Error(`first search answered ${res.status}, ${body.total} matches`);
  const times: ChildTimes = {
    imported: imported - t0,
    opened: opened - imported,
    created: created - opened,
    answered: answered - created,
    firstSearch: answered - opened,
    total: performance.timeOrigin + answered - Number(process.env.LC_BENCH_SPAWNED_AT),
  };
  process.send?.(times);
  db.close();
}

function run(file: string): Promise<ChildTimes> {
  return new Promise((resolve, reject) => {
    const c = fork(THIS_FILE, ['--child', file], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, LC_BENCH_SPAWNED_AT: String(Date.now()) },
    });
    c.once('message', (m) => resolve(m as ChildTimes));
    c.once('error', reject);
    c.once('exit', (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const { openDatabase } = await import('../server/db/open.js');
  const { slugify } = await import('../registry/text/slug.js');
  const { body, rand, title } = await import('./wiki-corpus.js');
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-cold-'));
  const file = join(dir, 'wiki.sqlite');
  console.log(
    `Cold start benchmark: Node ${process.version}, ${PAGE_COUNT} pages, temp dir ${dir}`,
  );
  try {
    const db = openDatabase(file);
    const titles = Array.from({ length: PAGE_COUNT }, (_, i) => title(i));
    const insert = db.prepare(
      `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @markdown, 1)`,
    );
    const t = performance.now();
    const cpu = process.cpuUsage();
    db.transaction(() => {
      titles.forEach((tt) =>
        insert.run({
          slug: slugify(tt),
          title: tt,
          markdown: body(150 + Math.floor(rand() * 750), 2 + Math.floor(rand() * 5), titles),
        }),
      );
    })();
    const used = process.cpuUsage(cpu);
    console.log(
      `  database written (pages indexed by the triggers) in ${((performance.now() - t) / 1000).toFixed(1)} s wall, ` +
        `${((used.user + used.system) / 1e6).toFixed(1)} s CPU`,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    console.log(`  file: ${(statSync(file).size / 1024 / 1024).toFixed(0)} MB`);
    const results: ChildTimes[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await run(file));
    const median = (k: keyof ChildTimes) =>
      [...results.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(results.length / 2)];
    const f = (x: number) => `${Math.round(x)} ms`;
    console.log(`\nMedian of ${RUNS} fresh processes (first search: "${QUERY}")`);
    console.log(`  import server modules                        ${f(median('imported'))}`);
    console.log(`  openDatabase (existing file, migrations checked) ${f(median('opened'))}`);
    console.log(`  createApp                                    ${f(median('created'))}`);
    console.log(`  first GET /api/search answered               ${f(median('answered'))}`);
    console.log(
      `  open → first search answered                 ${f(median('firstSearch'))}   (goal ≤ 2 s; before: 7.5 s of index build)`,
    );
    console.log(`  process spawn → first search answered       ${f(median('total'))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await main();
