/**
 * Switchyard judgments and the metrics of one answer (shared by bench/switchyard.ts and
 * bench/switchyard-tune.ts). Format: /work/shared/formats/commons-bundle.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Bundle as CommonsBundle } from '../registry/bundle.js';

/** One judged problem. */
export interface Judgment {
  id: string;
  problem: string;
  place?: string;
  region?: string;
  resources: Record<string, number>;
  people: string[];
}

/** Reads a judgments file and the bundle it names. */
export function readJudgments(
  dir: string,
  file: string,
): { bundle: CommonsBundle; queries: Judgment[] } {
  const judgments = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    bundle: string;
    queries: Judgment[];
  };
  const bundle = JSON.parse(
    readFileSync(join(dirname(join(dir, file)), judgments.bundle), 'utf8'),
  ) as CommonsBundle;
  return { bundle, queries: judgments.queries };
}

/**
 * recall@5, reciprocal rank and nDCG@5 of the resources graded 2 or more, and person hit@3.
 * @param slugs ranked resource slugs; @param people ranked people slugs.
 */
export function answerMetrics(q: Judgment, slugs: string[], people: string[]) {
  const firstGood = slugs.findIndex((s) => (q.resources[s] ?? 0) >= 2);
  const gains = slugs.slice(0, 5).map((s) => 2 ** (q.resources[s] ?? 0) - 1);
  const dcg = gains.reduce((acc, g, i) => acc + g / Math.log2(i + 2), 0);
  const ideal = Object.values(q.resources)
    .sort((x, y) => y - x)
    .slice(0, 5)
    .reduce((acc, g, i) => acc + (2 ** g - 1) / Math.log2(i + 2), 0);
  const hit = people.slice(0, 3).some((p) => q.people.includes(p));
  return {
    firstGood,
    recall: firstGood >= 0 && firstGood < 5 ? 1 : 0,
    rr: firstGood >= 0 ? 1 / (firstGood + 1) : 0,
    ndcg: ideal ? dcg / ideal : 0,
    hit: hit ? 1 : 0,
  };
}
