/**
 * Switchyard quality and latency benchmark.
 *
 *   npm run bench:switchyard [-- --data DIR] [-- --train DIR] [-- --heldout DIR] [-- --validation DIR] [-- --verbose]
 *
 * Four corpora: the shared development corpus (`--data`, tuned on), the training corpus
 * written for issue 13 (`--train`, bench/data/switchyard-train by default, tuned on), the
 * held-out corpus written in another voice on another registry (`--heldout`,
 * bench/data/switchyard-heldout by default; never tuned on) and the validation corpus, a third
 * registry and problems written in yet another voice (`--validation`,
 * bench/data/switchyard-validation by default; never tuned on, never read by
 * bench/switchyard-tune.ts). A corpus whose directory is absent is skipped with a note. For each
 * corpus, rich and thin: imports the bundle into a fresh database, loads the registry snapshot
 * and builds the switchyard's indexes (the server's code path), answers every problem and prints
 * recall@5, MRR, nDCG@5 for resources and person hit@3, on all queries and on the odd / even ids
 * separately (tune on one half, check on the other), with the plain-lunr baseline beside. Per-query
 * results (`--verbose`) are never printed for the corpora that are never tuned on. Then latency
 * p50/p95 on a generated registry of 5,000 resources and 20,000 people. Figures measured on a
 * loaded machine are preliminary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { answerMetrics, readJudgments, type Judgment } from './switchyard-metrics.js';
import { performance } from 'node:perf_hooks';
import type { Bundle as CommonsBundle } from '../registry/bundle.js';
import { importBundle } from '../registry/bundle.js';
import { openDatabase } from '../server/db/open.js';
import {
  defaultIndexStore,
  registrySnapshotSource,
  SwitchyardService,
} from '../registry/switchyard/service.js';
import { DEFAULT_SWITCHYARD_CONFIG } from '../registry/switchyard/config.js';
import { buildSwitchyardIndex, matchProblem } from '../registry/switchyard/engine.js';
import { forgetBuilds } from '../registry/switchyard/fts-index.js';
import type { SwitchyardIndex } from '../registry/switchyard/types.js';
import type { RegistrySnapshot } from '../registry/types.js';
import { THEME_SLUGS } from '../registry/themes.js';
import { lunrFr } from '../registry/text/lunr-fr.js';
import { tokenize } from '../registry/text/french.js';
import { preloadFrenchWords } from '../registry/text/french-words.js';

const argv = process.argv.slice(2);
const dataDir = resolve(
  argv.includes('--data') ? argv[argv.indexOf('--data') + 1] : '/work/shared/data/switchyard-dev',
);
const heldoutDir = resolve(
  argv.includes('--heldout')
    ? argv[argv.indexOf('--heldout') + 1]
    : join(import.meta.dirname, 'data/switchyard-heldout'),
);
const validationDir = resolve(
  argv.includes('--validation')
    ? argv[argv.indexOf('--validation') + 1]
    : join(import.meta.dirname, 'data/switchyard-validation'),
);
const trainDir = resolve(
  argv.includes('--train')
    ? argv[argv.indexOf('--train') + 1]
    : join(import.meta.dirname, 'data/switchyard-train'),
);
const verbose = argv.includes('--verbose');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** What a matcher answers: ranked resource and people slugs. */
type Matcher = (q: Judgment) => { resources: { slug: string }[]; people: { slug: string }[] };

function evaluate(match: Matcher, queries: Judgment[], heldout = false) {
  // One untimed pass first, so the figures are not the JIT compiler's warm-up.
  for (const q of queries) match(q);
  const rows = queries.map((q) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const a = match(q);
    const used = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    const cpuMs = (used.user + used.system) / 1000;
    const slugs = a.resources.map((r) => r.slug);
    const m = answerMetrics(
      q,
      slugs,
      a.people.map((p) => p.slug),
    );
    // Per-query failures are never printed for the held-out corpus (held-out discipline).
    if (verbose && !heldout && (m.firstGood !== 0 || !m.hit))
      console.log(
        `  ${q.id} rank=${m.firstGood + 1} top=${slugs.slice(0, 3).join(',')} people=${a.people
          .slice(0, 3)
          .map((p) => p.slug)
          .join(',')} ${m.hit ? '' : 'MISS-P'}`,
      );
    return { id: q.id, ...m, ms, cpuMs };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const summary = (rs: typeof rows) => ({
    n: rs.length,
    recall5: mean(rs.map((r) => r.recall)),
    mrr: mean(rs.map((r) => r.rr)),
    ndcg5: mean(rs.map((r) => r.ndcg)),
    personHit3: mean(rs.map((r) => r.hit)),
  });
  const num = (id: string) => Number(id.replace(/\D/g, ''));
  return {
    all: summary(rows),
    odd: summary(rows.filter((r) => num(r.id) % 2 === 1)),
    even: summary(rows.filter((r) => num(r.id) % 2 === 0)),
    p50: pct(
      rows.map((r) => r.ms),
      50,
    ),
    p95: pct(
      rows.map((r) => r.ms),
      95,
    ),
    cpu50: pct(
      rows.map((r) => r.cpuMs),
      50,
    ),
    cpu95: pct(
      rows.map((r) => r.cpuMs),
      95,
    ),
  };
}

const f3 = (x: number) => x.toFixed(3);
function report(name: string, dir: string, judgmentsFile: string) {
  const judgments = readJudgments(dir, judgmentsFile);
  const bundle = judgments.bundle;
  // Same path as the server: import the bundle into a fresh database, load the snapshot from the
  // registry tables, build the switchyard's indexes.
  const db = openDatabase(':memory:');
  const t0 = performance.now();
  importBundle(db, bundle);
  const t1 = performance.now();
  const ix = new SwitchyardService(db, registrySnapshotSource(db)).index();
  const build = performance.now() - t1;
  // Corpora never tuned on: their per-query results are never printed.
  const heldout = dir === heldoutDir || dir === validationDir;
  const r = evaluate(
    (q) => matchProblem(ix, { problem: q.problem, place: q.place, region: q.region }),
    judgments.queries,
    heldout,
  );
  console.log(
    `\n== ${name} (${judgments.queries.length} problems; import ${(t1 - t0).toFixed(0)} ms, snapshot + indexes ${build.toFixed(0)} ms)`,
  );
  for (const part of ['all', 'odd', 'even'] as const) {
    const s = r[part];
    console.log(
      `  ${part.padEnd(4)} n=${String(s.n).padStart(2)}  recall@5 ${f3(s.recall5)}  MRR ${f3(s.mrr)}  nDCG@5 ${f3(s.ndcg5)}  person hit@3 ${f3(s.personHit3)}`,
    );
  }
  console.log(
    `  latency p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms (wall clock); CPU time p50 ${r.cpu50.toFixed(2)} ms  p95 ${r.cpu95.toFixed(2)} ms`,
  );
  const b = evaluate(plainLunr(bundle), judgments.queries, heldout).all;
  console.log(
    `  plain-lunr baseline  recall@5 ${f3(b.recall5)}  MRR ${f3(b.mrr)}  nDCG@5 ${f3(b.ndcg5)}  person hit@3 ${f3(b.personHit3)}`,
  );
  return judgments.queries;
}

/**
 * The plain-lunr baseline: lunr's French pipeline, BM25 over the resource text, people = the
 * contactable referents of the top resources in rank order.
 */
function plainLunr(bundle: CommonsBundle): Matcher {
  const ix = lunrFr(function () {
    this.use(lunrFr.fr);
    this.ref('slug');
    for (const f of ['name', 'summary', 'description', 'features', 'keywords', 'themes'])
      this.field(f);
    for (const r of bundle.resources)
      this.add({
        ...r,
        features: (r.features ?? []).join(' '),
        keywords: (r.keywords ?? []).join(' '),
        themes: r.themes.join(' '),
      });
  });
  const contactable = new Set(
    (bundle.people ?? []).filter((p) => p.contactable).map((p) => p.slug),
  );
  return (q) => {
    const words = tokenize(q.problem);
    const resources = ix.query((query) => {
      for (const w of words) query.term(w, { usePipeline: true });
    });
    const people: string[] = [];
    for (const hit of resources)
      for (const ref of bundle.referents ?? [])
        if (ref.resource === hit.ref && contactable.has(ref.person) && !people.includes(ref.person))
          people.push(ref.person);
    return {
      resources: resources.map((h) => ({ slug: h.ref })),
      people: people.map((slug) => ({ slug })),
    };
  };
}

/** A registry of the given size whose words are drawn from a real bundle (realistic vocabulary). */
function generated(
  base: CommonsBundle,
  nResources: number,
  nPeople: number,
  nPlaces: number,
): RegistrySnapshot {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const words = JSON.stringify(base.resources).match(/[\p{L}]{3,}/gu) ?? ['commun'];
  const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');
  const regions = [...new Set((base.places ?? []).map((p) => p.region ?? 'Bretagne'))];
  const themes = [...THEME_SLUGS];
  const resources = Array.from({ length: nResources }, (_, i) => ({
    slug: `r-${i}`,
    name: `${sentence(2)} ${i}`,
    kind: 'software' as const,
    summary: sentence(18),
    description: sentence(60),
    features: [sentence(6), sentence(6), sentence(6)],
    themes: [pick(themes), pick(themes)],
    keywords: [sentence(1), sentence(2), sentence(1)],
    license: rnd() < 0.05 ? 'proprietary' : 'AGPL-3.0',
  }));
  const places = Array.from({ length: nPlaces }, (_, i) => ({
    slug: `l-${i}`,
    name: `Lieu ${i}`,
    region: pick(regions),
  }));
  const people = Array.from({ length: nPeople }, (_, i) => ({
    slug: `p-${i}`,
    name: `Personne ${i}`,
    place: `l-${i % nPlaces}`,
    region: pick(regions),
    themes: [pick(themes)],
    skills: [sentence(2), sentence(2), sentence(1)],
    bio: sentence(25),
    contactable: rnd() > 0.1,
  }));
  const usages = Array.from({ length: nResources * 4 }, () => ({
    resource: `r-${Math.floor(rnd() * nResources)}`,
    place: `l-${Math.floor(rnd() * nPlaces)}`,
    status: 'uses' as const,
    note: sentence(12),
  }));
  const referents = Array.from({ length: nResources * 3 }, () => ({
    resource: `r-${Math.floor(rnd() * nResources)}`,
    person: `p-${Math.floor(rnd() * nPeople)}`,
    isExpert: rnd() < 0.4,
    note: sentence(10),
  }));
  return { resources, places, people, usages, referents };
}

// First-use cost of the French word list (typo correction), paid once with the first indexes.
{
  const heap0 = process.memoryUsage().heapUsed;
  const cpu0 = process.cpuUsage();
  const ms = preloadFrenchWords();
  const cpu = process.cpuUsage(cpu0);
  const mb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  console.log(
    `French word list loaded in ${ms.toFixed(0)} ms wall clock, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${mb.toFixed(0)} MB of heap`,
  );
}
const queries = report('dev corpus, full bundle', dataDir, 'judgments.json');
report('dev corpus, thin bundle', dataDir, 'judgments-thin.json');
report('training corpus, full bundle', trainDir, 'judgments.json');
report('training corpus, thin bundle', trainDir, 'judgments-thin.json');
if (existsSync(join(heldoutDir, 'judgments.json'))) {
  report('held-out corpus, full bundle', heldoutDir, 'judgments.json');
  report('held-out corpus, thin bundle', heldoutDir, 'judgments-thin.json');
} else console.log(`\n== held-out corpus: ${heldoutDir} is absent, not measured`);
if (existsSync(join(validationDir, 'judgments.json'))) {
  report('validation corpus, full bundle', validationDir, 'judgments.json');
  report('validation corpus, thin bundle', validationDir, 'judgments-thin.json');
} else console.log(`\n== validation corpus: ${validationDir} is absent, not measured`);

const base = JSON.parse(readFileSync(join(dataDir, 'bundle.json'), 'utf8')) as CommonsBundle;
const big = generated(base, 5000, 20000, 2000);
const t0 = performance.now();
// The indexes as FTS5 tables (FtsFieldedIndex); LC_SWITCHYARD_INDEX=memory: in memory (FieldedIndex).
const store = defaultIndexStore();
const bigDb = openDatabase(':memory:');
const buildBig = (stale?: Map<string, Set<string>>) =>
  buildSwitchyardIndex(
    big,
    DEFAULT_SWITCHYARD_CONFIG,
    store === 'fts' ? { ftsDb: bigDb, persistent: true, stale } : {},
  );
buildBig();
const firstBuild = performance.now() - t0;
// A restart: the FTS5 tables are already in the database (the in-memory store builds it all again).
// (What a new process knows of the previous builds: nothing.)
forgetBuilds(bigDb);
const t0b = performance.now();
let ix = buildBig();
const build = performance.now() - t0b;
// The server's builds from its database read which documents writes touched since the last build
// (migrations/0022_switchyard_stale.sql): none at a restart, a resource's keys after one edit of it
// (what the triggers record for PUT /api/resources/:slug). The corpus here is in memory, so the
// record is given as the triggers would write it.
let staleBuilds = '';
if (store === 'fts') {
  // CPU time as well as wall-clock time: the machine is shared.
  const timed = (build: () => SwitchyardIndex) => {
    ix.release?.();
    const t = performance.now();
    const c = process.cpuUsage();
    ix = build();
    const used = process.cpuUsage(c);
    const analysed = Object.values(ix.buildReport ?? {}).reduce((n, r) => n + r.analysed, 0);
    return `${((performance.now() - t) / 1000).toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s, ${analysed} documents analysed)`;
  };
  const edited = big.resources[17];
  const original = edited.summary;
  const resourceKeys = (slug: string) =>
    new Map([
      ['resources', new Set([slug])],
      ['context', new Set([slug])],
      ['missed', new Set([slug])],
      ['words', new Set([`r:${slug}`, `u:${slug}`, `n:${slug}`])],
    ]);
  // A new process knows nothing of the previous builds: everything it needs is read from the tables.
  forgetBuilds(bigDb);
  const restart = timed(() => buildBig(new Map()));
  edited.summary = `${original} Une grelinette pour aérer la terre.`;
  const written = timed(() => buildBig(resourceKeys(edited.slug)));
  edited.summary = `${original} Un semoir à la volée.`;
  forgetBuilds(bigDb);
  const writtenAfterRestart = timed(() => buildBig(resourceKeys(edited.slug)));
  edited.summary = original;
  const hashAll = timed(() => buildBig());
  staleBuilds = `\n  builds from the record of the writes: at a restart, nothing written, ${restart}; one resource edited, in the same process ${written}, just after a restart ${writtenAfterRestart}; hashing every document instead ${hashAll}`;
}
// What the server does while idle after a build: read ahead the frequent terms' postings.
const t0w = performance.now();
while (ix.warm && !ix.warm(50));
const readAhead = performance.now() - t0w;
const times: number[] = [];
const cpu: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    const t = performance.now();
    const c = process.cpuUsage();
    matchProblem(ix, { problem: q.problem, place: 'l-1', region: q.region });
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
}
console.log(
  `\n== generated registry: 5000 resources, 20000 people, 2000 places (${store} index built in ${(firstBuild / 1000).toFixed(1)} s; again over the same database, as at a restart, in ${(build / 1000).toFixed(1)} s hashing every document; read-ahead ${(readAhead / 1000).toFixed(1)} s)${staleBuilds}`,
);
console.log(
  `  ${times.length} queries  latency p50 ${pct(times, 50).toFixed(2)} ms  p95 ${pct(times, 95).toFixed(2)} ms (wall clock)`,
);
// The first round meets every term for the first time (FTS5 store: postings read through SQL).
const firstRound = times.slice(0, queries.length);
const laterRounds = times.slice(queries.length);
console.log(
  `  first round p95 ${pct(firstRound, 95).toFixed(2)} ms, later rounds p95 ${pct(laterRounds, 95).toFixed(2)} ms (wall clock)`,
);
// CPU time is less sensitive to other processes on a shared machine than wall-clock time.
console.log(
  `  CPU time per query p50 ${pct(cpu, 50).toFixed(2)} ms  p95 ${pct(cpu, 95).toFixed(2)} ms`,
);
console.log('\n(preliminary figures: measured on a shared, loaded machine)');
