import type { TermIndex } from './fielded-index.js';

/**
 * Query expansion from the registry's own text (pseudo-relevance feedback): the words that the
 * best first-pass resources share, weighted by how well those resources matched and how telling
 * each word is, are added to the problem. A problem that names its need in its own words
 * ("les gens se pointent et la salle est prise") finds, through the resources it already
 * reaches, the registry's vocabulary for it ("réservation", "planning"), which then reaches the
 * resources and people described only with that vocabulary.
 */

/** Feedback settings (see `SwitchyardConfig.feedback`). */
export interface FeedbackConfig {
  /** How many best first-pass resources lend their words. */
  resources: number;
  /** How many words are added at most. */
  terms: number;
  /** Weight of the strongest added word, relative to a word of the problem (1). */
  weight: number;
  /** Minimum share of the top resources a word must occur in (1 / resources = any). */
  minShare: number;
}

/**
 * The expansion terms for a first-pass ranking.
 * @param index the resource index (built with forward lists).
 * @param top best resources first, with their score relative to the best (0..1].
 * @param present stems already in the query (never re-added).
 * @returns stem → weight, at most `cfg.terms` of them, the strongest weighing `cfg.weight`.
 */
export function feedbackTerms(
  index: TermIndex,
  top: { i: number; rel: number }[],
  present: ReadonlySet<string>,
  cfg: FeedbackConfig,
): Map<string, number> {
  const out = new Map<string, number>();
  const docs = top.slice(0, cfg.resources);
  if (cfg.weight <= 0 || cfg.terms <= 0 || docs.length === 0) return out;
  const acc = new Map<string, { w: number; n: number }>();
  for (const { i, rel } of docs) {
    for (const [stem, w] of index.docTerms(i)) {
      if (present.has(stem)) continue;
      const a = acc.get(stem);
      if (a) {
        a.w += rel * w;
        a.n++;
      } else acc.set(stem, { w: rel * w, n: 1 });
    }
  }
  const need = Math.max(1, Math.ceil(cfg.minShare * docs.length));
  const best = [...acc]
    .filter(([, a]) => a.n >= need)
    .sort((x, y) => y[1].w - x[1].w)
    .slice(0, cfg.terms);
  const max = best[0]?.[1].w ?? 0;
  if (max > 0) for (const [stem, a] of best) out.set(stem, (cfg.weight * a.w) / max);
  return out;
}
