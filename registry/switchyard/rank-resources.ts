import type { ThemeSlug } from '../themes.js';
import { reason, type ReasonLang } from './reasons.js';
import { isProprietary, kthLargest, round, themeLabel } from './ranking-utils.js';
import type { QueryTerm, ResourceProposal, SwitchyardIndex } from './types.js';

/**
 * Resource ranking: field BM25 of the analysed problem, reordered by theme agreement, usage by
 * places (near the asker counts more), past outcomes, qualification and status; then the cards
 * of the best ones with the reasons they were proposed.
 */

/** One ranked resource: its index in the snapshot and its score. */
export interface RankedResource {
  i: number;
  s: number;
}

/** What resource ranking needs beyond the query's weighted stems. */
export interface ResourceRankContext {
  /** Detected themes from the problem's words (shares). */
  lexThemes: Map<ThemeSlug, number>;
  /** Theme chosen by answering a clarifying question. */
  answeredTheme?: ThemeSlug;
  /** The asker's region. */
  region?: string;
}

/**
 * Ranks the resources for weighted query stems.
 * @returns the best score and the resources scoring at least `minRelative` of it, best first.
 */
export function rankResources(
  ix: SwitchyardIndex,
  queryWeights: Map<string, number>,
  ctx: ResourceRankContext,
): { top: number; ranked: RankedResource[] } {
  const rr = ix.config.resourceRank;
  const { lexThemes, answeredTheme, region } = ctx;
  const text = ix.resourceIndex.score(queryWeights);
  const context = ix.contextIndex.score(queryWeights);
  // Context reorders the records its own words matched; alone it proposes nothing (a theme's
  // vocabulary is shared by every record of the theme).
  for (let i = 0; i < text.length; i++) if (text[i] > 0) text[i] += context[i];
  const missed = ix.missedIndex.size ? ix.missedIndex.score(queryWeights) : null;
  let bestText = 0;
  for (let i = 0; i < text.length; i++) if (text[i] > bestText) bestText = text[i];
  const scored: RankedResource[] = [];
  // Priors and theme agreement only reorder the best text matches: on a large registry the
  // long tail of weak matches is not worth scoring in full.
  const floor = kthLargest(text, rr.candidates);
  for (let i = 0; i < text.length; i++) {
    if (text[i] <= 0 || text[i] < floor) continue;
    const r = ix.resources[i];
    let agree = 0;
    for (const t of r.themes) agree = Math.max(agree, lexThemes.get(t) ?? 0);
    let s = text[i] * (1 + rr.themeBoost * agree);
    if (answeredTheme && r.themes.includes(answeredTheme)) s *= 1 + rr.answeredTheme;
    const places = ix.users[i];
    const nearby = region ? (ix.usersByRegion[i].get(region) ?? 0) : 0;
    let prior =
      rr.usage * Math.log1p(places.length) +
      rr.usageNearby * Math.log1p(nearby) +
      rr.outcome * Math.log1p(ix.resourceHelped[i]);
    if (r.qualification === 'qualified') prior += rr.qualified;
    s += bestText * prior * Math.min(1, text[i] / bestText + 0.2);
    if (r.status === 'archived') s *= rr.archived;
    if (r.developmentStatus === 'obsolete') s *= rr.obsolete;
    if (isProprietary(r)) s *= rr.proprietary;
    // Requests like this one that it did not help: down by up to half, as close as they are.
    if (missed && missed[i] > 0) s *= 1 - Math.min(0.5, (rr.outcomeMissed * missed[i]) / bestText);
    scored.push({ i, s });
  }
  scored.sort((a, b) => b.s - a.s);
  // Never an archived resource first: the best non-archived one leads when there is one.
  if (scored.length > 1 && ix.resources[scored[0].i].status === 'archived') {
    const k = scored.findIndex((x) => ix.resources[x.i].status !== 'archived');
    if (k > 0) scored.unshift(...scored.splice(k, 1));
  }
  const top = scored[0]?.s ?? 0;
  return { top, ranked: scored.filter((x) => x.s >= top * rr.minRelative) };
}

/**
 * The resource cards of an answer, with the reasons each was proposed.
 * @param themeDist detected themes, most likely first.
 */
export function resourceProposals(
  ix: SwitchyardIndex,
  ranked: RankedResource[],
  topScore: number,
  terms: Map<string, QueryTerm>,
  themeDist: [ThemeSlug, number][],
  region: string | undefined,
  lang: ReasonLang,
): ResourceProposal[] {
  return ranked.slice(0, ix.config.limits.resources).map(({ i, s }) => {
    const r = ix.resources[i];
    const reasons: string[] = [];
    // The problem's own words that matched, most specific first; thesaurus links only when few did.
    const direct = [...terms]
      .filter(([stem, t]) => t.origin !== 'thesaurus' && ix.resourceIndex.contains(stem, i))
      .sort((x, y) => ix.resourceIndex.idfOf(y[0]) - ix.resourceIndex.idfOf(x[0]));
    const words = new Set<string>();
    for (const [, t] of direct) for (const w of t.words) if (words.size < 5) words.add(w);
    if (words.size < 3) {
      for (const [stem, t] of terms) {
        if (t.origin === 'thesaurus' && words.size < 4 && ix.resourceIndex.contains(stem, i))
          words.add(`${[...t.words][0] ?? ''} ≈ ${t.via ?? stem}`);
      }
    }
    if (words.size) reasons.push(reason(lang, 'words', { words: [...words].join(', ') }));
    const places = ix.users[i];
    const nearby = region ? (ix.usersByRegion[i].get(region) ?? 0) : 0;
    if (nearby > 0) reasons.push(reason(lang, 'usedRegion', { n: nearby, region: region! }));
    else if (places.length > 0) reasons.push(reason(lang, 'usedNetwork', { n: places.length }));
    if (r.qualification === 'qualified') reasons.push(reason(lang, 'qualified'));
    if (ix.resourceHelped[i] > 0) reasons.push(reason(lang, 'helped', { n: ix.resourceHelped[i] }));
    const mainTheme = r.themes.find((t) => themeDist.slice(0, 3).some(([k]) => k === t));
    if (mainTheme) reasons.push(reason(lang, 'theme', { theme: themeLabel(mainTheme, lang) }));
    if (isProprietary(r)) reasons.push(reason(lang, 'proprietary'));
    if (r.status === 'archived') reasons.push(reason(lang, 'archived'));
    if (r.developmentStatus === 'obsolete') reasons.push(reason(lang, 'obsolete'));
    return {
      slug: r.slug,
      name: r.name,
      score: round(s / topScore),
      reasons,
      kind: r.kind,
      summary: r.summary,
      license: r.license,
      themes: [...r.themes],
    };
  });
}
