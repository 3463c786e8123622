/**
 * Learns the switchyard's ranking weights on the development and training corpora, and only on them.
 *
 *   npm run bench:switchyard-tune [-- --data DIR] [-- --train DIR] [-- --passes N] [-- --write]
 *
 * Five views: dev rich, dev thin, dev rich without referent links (so that the people signals
 * other than referents have something to learn from), train rich, train thin. The objective is
 * the mean of recall@5, MRR, nDCG@5 and person hit@3 over the views (person hit@3 only for the
 * view without referents). Coordinate ascent over the fusion weights read at query time (theme
 * agreement, thesaurus / prefix / typo / feedback expansion, usage, people links, skills, themes,
 * proximity, how sharply people links follow the resource ranking): each weight in turn is tried at a few multiples of its value, and kept when the
 * objective rises by more than `MIN_GAIN`. Two constraints keep it from learning the corpora's
 * accidents: a signal of the fusion is weighed, never switched off (0 is tried only for the query
 * expansions), and a word the problem did not write as such (typo, prefix, synonym) never weighs
 * more than one it did. Build-time settings (field weights) and the skill-link settings are set by hand. Then a logistic calibration of theme shares into
 * probabilities is fitted on the same problems (a theme counts as right when a resource graded 2
 * or more carries it). `--write` writes the result to registry/switchyard/learnt-weights.ts.
 * The held-out corpus (bench/data/switchyard-heldout) and the validation corpus
 * (bench/data/switchyard-validation) are never read here, not even as a check: they only check the
 * learnt weights, in `npm run bench:switchyard`. Passing either as `--data` or `--train` is refused.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importBundle } from '../registry/bundle.js';
import {
  HAND_SET_SWITCHYARD_CONFIG,
  mergeSwitchyardConfig,
  type SwitchyardConfig,
  type SwitchyardWeights,
} from '../registry/switchyard/config.js';
import { matchProblem, type SwitchyardIndex } from '../registry/switchyard/engine.js';
import { registrySnapshotSource, SwitchyardService } from '../registry/switchyard/service.js';
import { openDatabase } from '../server/db/open.js';
import { answerMetrics, readJudgments, type Judgment } from './switchyard-metrics.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) =>
  argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback;
const dataDir = resolve(arg('--data', '/work/shared/data/switchyard-dev'));
const trainDir = resolve(arg('--train', join(import.meta.dirname, 'data/switchyard-train')));
const passes = Number(arg('--passes', '2'));
/** Corpora that are never tuned on, by path (bench/data/switchyard-heldout, bench/data/switchyard-validation). */
const NEVER_TUNED = /heldout|switchyard-validation/i;
for (const d of [dataDir, trainDir])
  if (NEVER_TUNED.test(d))
    throw new Error(
      `bench:switchyard-tune never learns on the held-out or validation corpus (${d})`,
    );
const MIN_GAIN = 0.001;

interface View {
  name: string;
  ix: SwitchyardIndex;
  queries: Judgment[];
  peopleOnly: boolean;
}

function load(
  name: string,
  dir: string,
  file: string,
  withoutReferents: boolean,
  config: SwitchyardConfig,
): View {
  const { bundle, queries } = readJudgments(dir, file);
  const db = openDatabase(':memory:');
  importBundle(db, withoutReferents ? { ...bundle, referents: [] } : bundle);
  return {
    name,
    ix: new SwitchyardService(db, registrySnapshotSource(db), config).index(),
    queries,
    peopleOnly: withoutReferents,
  };
}

function measure(v: View, config: SwitchyardConfig) {
  // The weights searched here are read at query time: the indexes are built once.
  (v.ix as { config: SwitchyardConfig }).config = config;
  // Skill links are kept per resource with the indexes: computed again under the new weights.
  v.ix.skillHelpers.clear();
  const sum = { recall: 0, rr: 0, ndcg: 0, hit: 0 };
  for (const q of v.queries) {
    const a = matchProblem(v.ix, { problem: q.problem, place: q.place, region: q.region });
    const m = answerMetrics(
      q,
      a.resources.map((r) => r.slug),
      a.people.map((p) => p.slug),
    );
    sum.recall += m.recall;
    sum.rr += m.rr;
    sum.ndcg += m.ndcg;
    sum.hit += m.hit;
  }
  const n = v.queries.length;
  return { recall: sum.recall / n, mrr: sum.rr / n, ndcg: sum.ndcg / n, hit: sum.hit / n };
}

const base = HAND_SET_SWITCHYARD_CONFIG;
const views = [
  load('dev rich', dataDir, 'judgments.json', false, base),
  load('dev thin', dataDir, 'judgments-thin.json', false, base),
  load('dev no-ref', dataDir, 'judgments.json', true, base),
  load('train rich', trainDir, 'judgments.json', false, base),
  load('train thin', trainDir, 'judgments-thin.json', false, base),
];

function objective(config: SwitchyardConfig): { value: number; rows: string[] } {
  let total = 0;
  let parts = 0;
  const rows: string[] = [];
  for (const v of views) {
    const m = measure(v, config);
    if (v.peopleOnly) {
      total += m.hit;
      parts += 1;
    } else {
      total += m.recall + m.mrr + m.ndcg + m.hit;
      parts += 4;
    }
    rows.push(
      `${v.name.padEnd(11)} recall@5 ${m.recall.toFixed(3)}  MRR ${m.mrr.toFixed(3)}  nDCG@5 ${m.ndcg.toFixed(3)}  person hit@3 ${m.hit.toFixed(3)}`,
    );
  }
  return { value: total / parts, rows };
}

/** The weights searched: group and key of a number read at query time. */
const KNOBS: [keyof SwitchyardWeights, string][] = [
  ['resourceRank', 'themeBoost'],
  ['resourceRank', 'usage'],
  ['resourceRank', 'usageNearby'],
  ['termWeights', 'thesaurus'],
  ['termWeights', 'prefix'],
  ['termWeights', 'typo'],
  ['feedback', 'weight'],
  ['themes', 'fromResources'],
  ['peopleRank', 'expertReferent'],
  ['peopleRank', 'referent'],
  ['peopleRank', 'placeUses'],
  ['peopleRank', 'text'],
  ['peopleRank', 'themes'],
  ['peopleRank', 'skillLink'],
  ['peopleRank', 'sameRegion'],
  ['peopleRank', 'near'],
  ['peopleRank', 'linkSharpness'],
  ['peopleRank', 'linkSpread'],
  ['peopleRank', 'skillOffTheme'],
];
const MULTIPLES = [0, 0.5, 0.75, 1.33, 2];

/** Removes the candidates `drop` rejects, in place. */
function filterOut(candidates: number[], drop: (x: number) => boolean) {
  for (let c = candidates.length - 1; c >= 0; c--) if (drop(candidates[c])) candidates.splice(c, 1);
}

const learnt: Record<string, Record<string, number>> = {};
const current = () => mergeSwitchyardConfig(base, learnt as SwitchyardWeights);
const get = (c: SwitchyardConfig, g: keyof SwitchyardWeights, k: string) =>
  (c[g] as unknown as Record<string, number>)[k];
let best = objective(current());
console.log(`hand-set weights: objective ${best.value.toFixed(4)}`);
for (const r of best.rows) console.log(`  ${r}`);
for (let pass = 0; pass < passes; pass++) {
  let moved = false;
  for (const [g, k] of KNOBS) {
    const value = get(current(), g, k);
    // Multipliers (sameRegion, near) move around 1, the others around their value.
    const around = g === 'peopleRank' && (k === 'sameRegion' || k === 'near');
    const candidates = around
      ? [1, 1.1, 1.2, 1.4, 1.7].filter((x) => x !== value)
      : MULTIPLES.map((m) => Math.round(value * m * 1000) / 1000).filter((x) => x !== value);
    if (!around && value === 0) candidates.push(0.1, 0.3);
    // A signal of the fusion is weighed, never switched off: 0 is tried only for the expansions.
    if (g !== 'termWeights' && g !== 'feedback' && value > 0)
      candidates.splice(0, candidates.length, ...candidates.filter((x) => x > 0));
    // A word the problem did not write as such (typo, prefix, synonym) never outweighs one it did.
    if (g === 'termWeights') filterOut(candidates, (x) => x > 1);
    // An expert referent never weighs less than a plain one, and a link never more than the best.
    const cur = current().peopleRank;
    if (k === 'expertReferent') filterOut(candidates, (x) => x < cur.referent);
    if (k === 'referent') filterOut(candidates, (x) => x > cur.expertReferent);
    if (k === 'linkSpread') filterOut(candidates, (x) => x > 1);
    // An off-theme skill link never weighs more than an on-theme one.
    if (k === 'skillOffTheme') filterOut(candidates, (x) => x > 1);
    for (const x of candidates) {
      const trial = { ...learnt, [g]: { ...(learnt[g] ?? {}), [k]: x } };
      const o = objective(mergeSwitchyardConfig(base, trial as SwitchyardWeights));
      if (o.value > best.value + MIN_GAIN) {
        learnt[g] = trial[g];
        best = o;
        moved = true;
        console.log(
          `  pass ${pass + 1}: ${g}.${k} ${value} → ${x}  objective ${o.value.toFixed(4)}`,
        );
      }
    }
  }
  if (!moved) break;
}

// Theme calibration: (share, right?) pairs over the detected themes of every problem.
const pairs: [number, number][] = [];
const config = current();
for (const v of views) {
  if (v.peopleOnly) continue;
  (v.ix as { config: SwitchyardConfig }).config = config;
  const bundleThemes = new Map(v.ix.resources.map((r) => [r.slug, r.themes]));
  for (const q of v.queries) {
    const right = new Set(
      Object.entries(q.resources)
        .filter(([, g]) => g >= 2)
        .flatMap(([s]) => bundleThemes.get(s) ?? []),
    );
    const a = matchProblem(v.ix, { problem: q.problem, place: q.place, region: q.region });
    for (const t of a.themes) pairs.push([t.confidence, right.has(t.slug) ? 1 : 0]);
  }
}
let slope = 1;
let intercept = 0;
for (let step = 0; step < 5000; step++) {
  let gs = 0;
  let gi = 0;
  for (const [x, y] of pairs) {
    const p = 1 / (1 + Math.exp(-(slope * x + intercept)));
    gs += (p - y) * x;
    gi += p - y;
  }
  slope -= (0.5 * gs) / pairs.length;
  intercept -= (0.5 * gi) / pairs.length;
}
let logLoss = 0;
for (const [x, y] of pairs) {
  const p = 1 / (1 + Math.exp(-(slope * x + intercept)));
  logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
}
learnt.themes = {
  ...(learnt.themes ?? {}),
  slope: Math.round(slope * 1000) / 1000,
  intercept: Math.round(intercept * 1000) / 1000,
};
console.log(
  `theme calibration on ${pairs.length} detected themes: σ(${slope.toFixed(3)} × share + ${intercept.toFixed(3)}), log loss ${(logLoss / pairs.length).toFixed(3)}`,
);

const final = objective(current());
console.log(`learnt weights: objective ${final.value.toFixed(4)}`);
for (const r of final.rows) console.log(`  ${r}`);
console.log(JSON.stringify(learnt));
if (argv.includes('--write')) {
  const file = join(import.meta.dirname, '../registry/switchyard/learnt-weights.ts');
  writeFileSync(
    file,
    `import type { SwitchyardWeights } from './config.js';

/**
 * Ranking weights learnt on the development and training corpora (never on the held-out one),
 * applied over the hand-set configuration (config.ts). Written by
 * \`npm run bench:switchyard-tune -- --write\`; edit by hand only to undo a learning run.
 * Objective on dev + train (mean of recall@5, MRR, nDCG@5, person hit@3): ${final.value.toFixed(4)}.
 */
export const LEARNT_WEIGHTS: SwitchyardWeights = ${JSON.stringify(learnt, null, 2).replace(/"(\w+)":/g, '$1:')};
`,
  );
  console.log(`written to ${file}`);
}
