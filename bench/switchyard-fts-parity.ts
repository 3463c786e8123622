/**
 * Parity of the switchyard's two index stores (issue 14): the in-memory BM25F index
 * (FieldedIndex) and the one computed from SQLite FTS5 data (FtsFieldedIndex).
 *
 *   npm run bench:switchyard-fts-parity [-- --data DIR] [-- --train DIR] [-- --heldout DIR]
 *
 * For every corpus of `bench:switchyard` (dev, train, held-out, validation; rich and thin): imports the bundle,
 * builds both stores through SwitchyardService (the server's path), then answers every problem
 * through an index whose every call (score, docTerms, idfOf, has, contains, stems) is answered by
 * both stores and compared (scores within 1e-9), and compares the two final answers (resource and
 * people slugs, in order). Prints the largest difference seen and the queries whose answers differ;
 * exits with 1 when anything differs. Per-query details are never printed for the held-out and validation corpora.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readJudgments } from './switchyard-metrics.js';
import { importBundle } from '../registry/bundle.js';
import { openDatabase } from '../server/db/open.js';
import { registrySnapshotSource, SwitchyardService } from '../registry/switchyard/service.js';
import { matchProblem } from '../registry/switchyard/engine.js';
import type { TermIndex } from '../registry/switchyard/fielded-index.js';
import type { SwitchyardIndex } from '../registry/switchyard/types.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) =>
  resolve(argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const dataDir = arg('--data', '/work/shared/data/switchyard-dev');
const trainDir = arg('--train', join(import.meta.dirname, 'data/switchyard-train'));
const heldoutDir = arg('--heldout', join(import.meta.dirname, 'data/switchyard-heldout'));
const validationDir = arg('--validation', join(import.meta.dirname, 'data/switchyard-validation'));

const TOLERANCE = 1e-9;

/** Counts of calls compared and of differences, and the largest score difference. */
interface Tally {
  calls: number;
  mismatches: string[];
  maxDiff: number;
}

/** A TermIndex answering from `fts` after checking every answer against `memory`. */
function checked(name: string, memory: TermIndex, fts: TermIndex, tally: Tally): TermIndex {
  const fail = (what: string) => {
    if (tally.mismatches.length < 20) tally.mismatches.push(`${name}: ${what}`);
    else tally.mismatches.length++;
  };
  const close = (a: number, b: number) => {
    const d = Math.abs(a - b);
    if (d > tally.maxDiff) tally.maxDiff = d;
    return d <= TOLERANCE;
  };
  if (memory.size !== fts.size) fail(`size ${memory.size} vs ${fts.size}`);
  const memStems = new Set(memory.stems());
  const ftsStems = new Set(fts.stems());
  if (memStems.size !== ftsStems.size || [...memStems].some((s) => !ftsStems.has(s)))
    fail(`stems ${memStems.size} vs ${ftsStems.size}`);
  return {
    size: fts.size,
    score(terms) {
      tally.calls++;
      const a = memory.score(terms);
      const b = fts.score(terms);
      for (let i = 0; i < a.length; i++)
        if (!close(a[i], b[i])) {
          fail(`score doc ${i}: ${a[i]} vs ${b[i]}`);
          break;
        }
      return b;
    },
    *docTerms(id) {
      tally.calls++;
      const a = [...memory.docTerms(id)];
      const b = [...fts.docTerms(id)];
      if (a.length !== b.length) fail(`docTerms ${id}: ${a.length} vs ${b.length} terms`);
      else
        for (let i = 0; i < a.length; i++)
          if (a[i][0] !== b[i][0] || !close(a[i][1], b[i][1])) {
            fail(`docTerms ${id} #${i}: ${a[i].join('=')} vs ${b[i].join('=')}`);
            break;
          }
      yield* b;
    },
    stems: () => fts.stems(),
    has(stem) {
      tally.calls++;
      const b = fts.has(stem);
      if (memory.has(stem) !== b) fail(`has ${stem}`);
      return b;
    },
    idfOf(stem) {
      tally.calls++;
      const b = fts.idfOf(stem);
      if (!close(memory.idfOf(stem), b)) fail(`idfOf ${stem}`);
      return b;
    },
    contains(stem, id) {
      tally.calls++;
      const b = fts.contains(stem, id);
      if (memory.contains(stem, id) !== b) fail(`contains ${stem} ${id}`);
      return b;
    },
  };
}

const INDEXES = [
  'resourceIndex',
  'contextIndex',
  'personIndex',
  'pageIndex',
  'skillIndex',
  'missedIndex',
] as const;

let failed = false;
function check(name: string, dir: string, file: string) {
  const judgments = readJudgments(dir, file);
  const db = openDatabase(':memory:');
  importBundle(db, judgments.bundle);
  const t0 = performance.now();
  const mem = new SwitchyardService(
    db,
    registrySnapshotSource(db),
    undefined,
    undefined,
    undefined,
    'memory',
  ).index();
  const t1 = performance.now();
  const fts = new SwitchyardService(
    db,
    registrySnapshotSource(db),
    undefined,
    undefined,
    undefined,
    'fts',
  ).index();
  const t2 = performance.now();
  const tally: Tally = { calls: 0, mismatches: [], maxDiff: 0 };
  const both: SwitchyardIndex = { ...fts };
  for (const k of INDEXES) both[k] = checked(k, mem[k], fts[k], tally);
  const heldout = dir === heldoutDir || dir === validationDir;
  const differing: string[] = [];
  for (const q of judgments.queries) {
    const query = { problem: q.problem, place: q.place, region: q.region };
    const a = matchProblem(mem, query);
    const b = matchProblem(both, query);
    const key = (x: typeof a) =>
      JSON.stringify([x.resources.map((r) => r.slug), x.people.map((p) => p.slug)]);
    if (key(a) !== key(b)) differing.push(q.id);
  }
  const ok = !tally.mismatches.length && !differing.length;
  if (!ok) failed = true;
  console.log(
    `${ok ? 'same' : 'DIFFERENT'}  ${name}: ${judgments.queries.length} problems, ${tally.calls} index calls compared, largest score difference ${tally.maxDiff.toExponential(2)}, ${differing.length} answers differ; build memory ${(t1 - t0).toFixed(0)} ms, FTS5 ${(t2 - t1).toFixed(0)} ms`,
  );
  if (!heldout) {
    for (const m of tally.mismatches.slice(0, 10)) console.log(`    ${m}`);
    if (differing.length) console.log(`    answers differ: ${differing.join(' ')}`);
  } else if (tally.mismatches.length)
    console.log(`    ${tally.mismatches.length} index calls differ`);
  db.close();
}

check('dev corpus, full bundle', dataDir, 'judgments.json');
check('dev corpus, thin bundle', dataDir, 'judgments-thin.json');
check('training corpus, full bundle', trainDir, 'judgments.json');
check('training corpus, thin bundle', trainDir, 'judgments-thin.json');
if (existsSync(join(heldoutDir, 'judgments.json'))) {
  check('held-out corpus, full bundle', heldoutDir, 'judgments.json');
  check('held-out corpus, thin bundle', heldoutDir, 'judgments-thin.json');
} else console.log(`held-out corpus: ${heldoutDir} is absent, not checked`);
if (existsSync(join(validationDir, 'judgments.json'))) {
  check('validation corpus, full bundle', validationDir, 'judgments.json');
  check('validation corpus, thin bundle', validationDir, 'judgments-thin.json');
} else console.log(`validation corpus: ${validationDir} is absent, not checked`);
process.exit(failed ? 1 : 0);
