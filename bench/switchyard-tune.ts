/**
 * Learns the switchyard's ranking weights on the development corpus, and only on it.
 *
 *   npm run bench:switchyard-tune [-- --data DIR] [-- --fields] [-- --all]
 *
 * Evaluates a grid of settings (query expansion from the registry's own words, people signals;
 * with `--fields`, the weights of the resource fields, which rebuild the indexes)
 * on the dev corpus, rich and thin, and prints the best by the mean of recall@5, MRR, nDCG@5 and
 * person hit@3 over both. The held-out corpus (bench/data/switchyard-heldout) is never read here:
 * it only checks the chosen weights, in `npm run bench:switchyard`.
 */
import { resolve } from 'node:path';
import { importBundle } from '../registry/bundle.js';
import { DEFAULT_SWITCHYARD_CONFIG, switchyardConfig, type SwitchyardConfig } from '../registry/switchyard/config.js';
import { matchProblem, type SwitchyardIndex } from '../registry/switchyard/engine.js';
import { registrySnapshotSource, SwitchyardService } from '../registry/switchyard/service.js';
import { openDatabase } from '../server/db/open.js';
import { answerMetrics, readJudgments, type Judgment } from './switchyard-metrics.js';

const argv = process.argv.slice(2);
const dataDir = resolve(argv.includes('--data') ? argv[argv.indexOf('--data') + 1] : '/work/shared/data/switchyard-dev');
if (dataDir.includes('heldout')) throw new Error('bench:switchyard-tune learns on the development corpus only');

function load(file: string, withoutReferents = false, config: SwitchyardConfig = DEFAULT_SWITCHYARD_CONFIG): { ix: SwitchyardIndex; queries: Judgment[] } {
  const { bundle, queries } = readJudgments(dataDir, file);
  const db = openDatabase(':memory:');
  importBundle(db, withoutReferents ? { ...bundle, referents: [] } : bundle);
  return { ix: new SwitchyardService(db, registrySnapshotSource(db), config).index(), queries };
}

function measure(ix: SwitchyardIndex, queries: Judgment[], config: SwitchyardConfig) {
  // The settings searched here are read at query time: the indexes are built once.
  (ix as { config: SwitchyardConfig }).config = config;
  const sum = { recall: 0, rr: 0, ndcg: 0, hit: 0 };
  for (const q of queries) {
    const a = matchProblem(ix, { problem: q.problem, place: q.place, region: q.region });
    const m = answerMetrics(q, a.resources.map((r) => r.slug), a.people.map((p) => p.slug));
    sum.recall += m.recall;
    sum.rr += m.rr;
    sum.ndcg += m.ndcg;
    sum.hit += m.hit;
  }
  const n = queries.length;
  return { recall: sum.recall / n, mrr: sum.rr / n, ndcg: sum.ndcg / n, hit: sum.hit / n };
}

// Third view of the same dev corpus: no referent links, so that the people signals other than
// referents (skills, bio, themes, place, region) have something to learn from.
const views = (config?: SwitchyardConfig) => [load('judgments.json', false, config), load('judgments-thin.json', false, config), load('judgments.json', true, config)];
const base = DEFAULT_SWITCHYARD_CONFIG;
const grid: { name: string; config: SwitchyardConfig; fields?: boolean }[] = [];
// Field weights change the indexes: each setting is built anew.
if (argv.includes('--fields'))
  for (const themes of [0.3, 0.6, 1])
    for (const usageNotes of [0.4, 0.8])
      for (const referentSkills of [0.25, 0.5])
        grid.push({
          name: `fields themes=${themes} usageNotes=${usageNotes} referentSkills=${referentSkills}`,
          config: switchyardConfig({ resourceFields: { ...base.resourceFields, themes, usageNotes, referentSkills } }),
          fields: true,
        });
else
  for (const weight of [0, 0.15, 0.3, 0.5])
  for (const terms of [5, 10, 20])
    for (const minShare of [0.34, 0.67])
      for (const resourceRerank of [false, true])
        for (const themes of [0.15, 0.3, 0.6])
          for (const placeUses of [0.2, 0.4, 0.8]) {
            if (weight === 0 && (terms !== 10 || minShare !== 0.34 || resourceRerank)) continue;
            grid.push({
              name: `feedback w=${weight} terms=${terms} share=${minShare} rerank=${resourceRerank} | people themes=${themes} placeUses=${placeUses}`,
              config: switchyardConfig({
                feedback: { ...base.feedback, weight, terms, minShare, resourceRerank, people: weight > 0 },
                peopleRank: { ...base.peopleRank, themes, placeUses },
              }),
            });
          }
const shared = argv.includes('--fields') ? null : views();
const rows = grid.map(({ name, config, fields }) => {
  const corpora = fields || !shared ? views(config) : shared;
  const [rich, thin, noRef] = corpora.map((c) => measure(c.ix, c.queries, config));
  const objective = (rich.recall + rich.mrr + rich.ndcg + rich.hit + thin.recall + thin.mrr + thin.ndcg + thin.hit + noRef.hit) / 9;
  return { name, rich, thin, noRef, objective };
});
rows.sort((a, b) => b.objective - a.objective);
const f = (x: number) => x.toFixed(3);
const shown = argv.includes('--all') ? rows : rows.slice(0, 12);
console.log(`dev corpus ${dataDir}: ${grid.length} settings, best first; rich and thin: recall@5 / MRR / nDCG@5 / person hit@3; person hit@3 without referent links`);
for (const r of shown)
  console.log(`${f(r.objective)}  rich ${f(r.rich.recall)} ${f(r.rich.mrr)} ${f(r.rich.ndcg)} ${f(r.rich.hit)}  thin ${f(r.thin.recall)} ${f(r.thin.mrr)} ${f(r.thin.ndcg)} ${f(r.thin.hit)}  no-ref ${f(r.noRef.hit)}  ${r.name}`);
