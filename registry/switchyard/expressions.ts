import { foldAccents, tokenizeCased } from '../text/french.js';
import { stemToken } from './text.js';

/**
 * Vocabulary expressions (thesaurus terms, theme lexicon entries) compiled for matching, with
 * what is needed to fire them only on the words they are about, never on a common word that
 * happens to share a stem or a spelling with them:
 * - an acronym (a term written in capitals in the vocabulary: CA, AG, TVA) matches a problem word
 *   written in capitals; one of four letters or more (RGPD, URSSAF) also matches in lower case,
 *   never with accents ("ça" is not "CA");
 * - any other word matches a problem word that shares its beginning with it, not only its stem:
 *   the stemmer rewrites letters ("payé" and "paie" both stem to "pai"), and a link made by that
 *   rewriting alone is a false friend ("payé" ≠ "fiche de paie").
 */
export interface Expression {
  /** Stems of the expression's words, in order (stop and filler words dropped). */
  stems: string[];
  /** The same words, lowercase without accents. */
  words: string[];
  /** Whether each word is an acronym. */
  acronym: boolean[];
}

/** What a problem's analysed stem carries that agreement needs. */
export interface SurfaceEvidence {
  /** Problem words this stem comes from (lowercase, or in capitals for an acronym). */
  words: Set<string>;
  /** False when the stem came from a correction (typo, English glossary, an answer): no surface to compare. */
  literal: boolean;
}

/** True for a word written as an acronym: two letters or more, all capitals (digits allowed). */
export const isAcronymSpelling = (word: string) =>
  word.length >= 2 && /^[\p{Lu}\d]+$/u.test(word) && /\p{Lu}/u.test(word);

/**
 * Compiles an expression of the vocabulary, or null when it has no content word.
 * @param text the expression as written in the vocabulary (its capitals mark acronyms).
 * @param filler stems never matched (filler words of problems).
 */
export function compileExpression(text: string, filler: Set<string>): Expression | null {
  const out: Expression = { stems: [], words: [], acronym: [] };
  for (const token of tokenizeCased(text)) {
    const lower = token.toLowerCase();
    const stem = stemToken(lower);
    if (!stem || filler.has(stem)) continue;
    out.stems.push(stem);
    out.words.push(foldAccents(lower));
    out.acronym.push(isAcronymSpelling(token));
  }
  return out.stems.length ? out : null;
}

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * Whether the problem's evidence for word `k` of an expression is really that word.
 * @param capitals the problem's words written in capitals, lowercased.
 */
export function wordAgrees(
  e: Expression,
  k: number,
  evidence: SurfaceEvidence,
  capitals: Set<string>,
): boolean {
  const word = e.words[k];
  if (e.acronym[k]) {
    if (capitals.has(word)) return true;
    if (word.length < 4) return false;
    for (const w of evidence.words) if (foldAccents(w) === word) return true;
    return false;
  }
  if (!evidence.literal) return true;
  const stem = e.stems[k];
  // Share the stem's letters, up to the two last ones (accessible ~ accessibilité, whose stem is longer).
  const need = Math.min(stem.length, Math.max(3, stem.length - 2));
  for (const w of evidence.words) if (commonPrefix(foldAccents(w), word) >= need) return true;
  return false;
}
