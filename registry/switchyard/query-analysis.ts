import type { ThemeSlug } from '../themes.js';
import { foldAccents, tokenize, tokenizeCased } from '../text/french.js';
import {
  isAcronymSpelling,
  wordAgrees,
  type Expression,
  type SurfaceEvidence,
} from './expressions.js';
import { isFrenchWord } from '../text/french-words.js';
import { englishStem, isEnglishStopWord, stemToken } from './text.js';
import type { Origin, QueryTerm, SwitchyardIndex } from './types.js';

/**
 * Query analysis: a problem (and the answers to clarifying questions) to weighted stems, with
 * accents restored, typos corrected, English glossed, morphology and thesaurus expansion; and the
 * themes its words evoke.
 */

/**
 * Registry stems close to `stem` by their beginning: they share all but at most two letters of
 * the shorter one (and at least `minPrefix` letters), and differ in length by at most 4:
 * accessibl ~ accessibil, reuni ~ reunion. Found by binary search in the sorted stem list.
 */
function prefixNeighbours(sorted: string[], stem: string, minPrefix: number): string[] {
  const out: string[] = [];
  const head = stem.slice(0, Math.max(minPrefix, stem.length - 2));
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < head) lo = mid + 1;
    else hi = mid;
  }
  for (
    let i = lo, seen = 0;
    i < sorted.length && sorted[i].startsWith(head) && seen < 60;
    i++, seen++
  ) {
    const other = sorted[i];
    if (other === stem || Math.abs(other.length - stem.length) > 4) continue;
    let common = 0;
    while (common < other.length && common < stem.length && other[common] === stem[common])
      common++;
    if (common >= Math.max(minPrefix, Math.min(other.length, stem.length) - 2)) out.push(other);
    if (out.length >= 8) break;
  }
  return out;
}

function addTerm(
  terms: Map<string, QueryTerm>,
  stem: string,
  weight: number,
  word: string,
  origin: Origin,
) {
  const t = terms.get(stem);
  if (!t) terms.set(stem, { weight, words: new Set(word ? [word] : []), origin });
  else {
    if (weight > t.weight) {
      t.weight = weight;
      t.origin = origin;
    }
    if (word && (origin !== 'thesaurus' || t.words.size === 0)) t.words.add(word);
  }
}

/** Analyses a French word of the problem: accents restored from the registry, typos corrected. `shown` is the word as reasons show it. */
function analyseFrenchWord(
  ix: SwitchyardIndex,
  word: string,
  baseWeight: number,
  origin: Origin,
  terms: Map<string, QueryTerm>,
  shown = word,
) {
  const w = ix.config.termWeights;
  const direct = stemToken(word);
  if (direct === null) return;
  const folded = foldAccents(word);
  const restored = ix.vocab.restore(word);
  if (restored && restored !== word) {
    const s = stemToken(restored);
    if (s) addTerm(terms, s, baseWeight * w.accentRestored, shown, origin);
    if (s !== direct && ix.resourceIndex.has(direct))
      addTerm(terms, direct, baseWeight, shown, origin);
    return;
  }
  if (ix.vocab.has(folded) || ix.resourceIndex.has(direct) || ix.personIndex.has(direct)) {
    addTerm(terms, direct, baseWeight, shown, origin);
    return;
  }
  // A French word the registry does not use is a word, not a typo of a registry word.
  const corrected = isFrenchWord(word) ? undefined : ix.vocab.correct(word);
  if (corrected) {
    const s = stemToken(corrected);
    if (s) addTerm(terms, s, baseWeight * w.typo, shown, 'typo');
    return;
  }
  addTerm(terms, direct, baseWeight, shown, origin);
}

/**
 * Turns a problem (and answers) into weighted stems: language, accents, typos, English, thesaurus.
 * @param extra texts of the chosen answers to clarifying questions.
 * @param capitals the problem's words written in capitals, lowercased (the only possible acronyms).
 */
export function analyseProblem(
  ix: SwitchyardIndex,
  problem: string,
  lang: 'fr' | 'en',
  extra: string[],
  capitals: Set<string>,
): Map<string, QueryTerm> {
  const w = ix.config.termWeights;
  const terms = new Map<string, QueryTerm>();
  for (const cased of tokenizeCased(problem)) {
    const word = cased.toLowerCase();
    // "ca" in lower case is "ça" typed without its cedilla (a stop word), not the acronym CA.
    if (word === 'ca' && !isAcronymSpelling(cased)) continue;
    if (ix.extraStopStems.has(stemToken(word) ?? '')) continue;
    if (lang === 'en') {
      if (isEnglishStopWord(word)) continue;
      const fr = ix.englishGlossary.get(englishStem(word));
      if (fr)
        for (const expr of fr)
          for (const fw of tokenize(expr)) analyseFrenchWord(ix, fw, w.english, 'english', terms);
      analyseFrenchWord(
        ix,
        word,
        fr ? w.englishRaw : w.original,
        fr ? 'englishRaw' : 'original',
        terms,
      );
    } else {
      // An acronym keeps its capitals in the reasons ("CA ≈ gouvernance").
      analyseFrenchWord(
        ix,
        word,
        w.original,
        'original',
        terms,
        isAcronymSpelling(cased) ? cased : word,
      );
    }
  }
  for (const text of extra)
    for (const word of tokenizeCased(text))
      analyseFrenchWord(ix, word.toLowerCase(), w.answer, 'answer', terms);
  for (const s of ix.extraStopStems) terms.delete(s);

  // Morphology the stemmer misses (accessible / accessibilité, coordonner / coordination): a
  // problem stem that begins a registry stem, or that a registry stem begins, also matches it.
  const prefixed: [string, number, string][] = [];
  for (const [stem, t] of terms) {
    if (stem.length < ix.config.prefix.minLength) continue;
    for (const other of prefixNeighbours(ix.sortedStems, stem, ix.config.prefix.minLength))
      if (!terms.has(other)) prefixed.push([other, t.weight * w.prefix, [...t.words][0] ?? '']);
  }
  for (const [s, weight, word] of prefixed) addTerm(terms, s, weight, word, 'prefix');

  // Thesaurus: an expression fully present suggests the other expressions of its group. The
  // weight a source word lends is shared among its suggestions, so a word with a large group
  // does not outweigh the problem's own words.
  const present = new Set(terms.keys());
  const expansions: [string, number, string, string][] = [];
  for (const stem of present) {
    for (const g of ix.thesaurusByStem.get(stem) ?? []) {
      const hit = g.expressions.some(
        (e) => e.stems[0] === stem && expressionPresent(e, terms, capitals),
      );
      if (!hit) continue;
      const source = terms.get(stem)!;
      const word = [...source.words][0] ?? '';
      const fresh: [string, string][] = [];
      g.expressions.forEach((e, k) => {
        for (const s of e.stems) if (!present.has(s)) fresh.push([s, g.surfaces[k]]);
      });
      const share =
        (w.thesaurus * Math.min(1, source.weight)) / Math.sqrt(Math.max(1, fresh.length / 2));
      for (const [s, surface] of fresh) expansions.push([s, share, word, surface]);
    }
  }
  for (const [s, weight, word, surface] of expansions) {
    addTerm(terms, s, weight, word, 'thesaurus');
    const t = terms.get(s)!;
    if (t.origin === 'thesaurus' && !t.via) t.via = surface;
  }
  return terms;
}

/** The surface evidence of an analysed term (see expressions.ts). */
const evidenceOf = (t: QueryTerm): SurfaceEvidence => ({
  words: t.words,
  literal: t.origin === 'original' || t.origin === 'accentRestored' || t.origin === 'prefix',
});

/** Whether every word of a vocabulary expression is in the problem, as that word (not a false friend). */
function expressionPresent(
  e: Expression,
  terms: Map<string, QueryTerm>,
  capitals: Set<string>,
): boolean {
  return e.stems.every((s, k) => {
    const t = terms.get(s);
    return t !== undefined && wordAgrees(e, k, evidenceOf(t), capitals);
  });
}

/** The themes the problem's words evoke (label words and lexicon expressions), unnormalised. */
export function detectThemes(
  ix: SwitchyardIndex,
  terms: Map<string, QueryTerm>,
  capitals: Set<string>,
): Map<ThemeSlug, number> {
  const raw = new Map<ThemeSlug, number>();
  for (const [slug, expressions] of ix.themeExpressions) {
    // Each stem of the problem counts once per theme, through the expressions it completes.
    const used = new Set<string>();
    for (const e of expressions) {
      if (!expressionPresent(e, terms, capitals)) continue;
      for (const st of e.stems) used.add(st);
    }
    let s = 0;
    for (const st of used) s += terms.get(st)!.weight;
    if (s > 0) raw.set(slug, s);
  }
  return raw;
}
