import lunr from 'lunr';
import { foldAccents, isStopWord, stem, tokenize } from '../text/french.js';

/**
 * Switchyard text handling on top of the shared French analyzer (registry/text/french.ts):
 * memoised stemming, accent restoration from the registry's own vocabulary (a problem typed
 * without accents finds the accented words), one-edit typo tolerance, and English problems
 * (glossary to French plus the raw English word). Any string is accepted.
 */

const stemCache = new Map<string, string | null>();

/**
 * The singular of a plural in -os, -is or -us of five letters or more ("vélos", "assos", "wikis",
 * "menus"): Snowball keeps an s after a vowel other than e (its rule for "repos", "avis"), so
 * "vélos" and "vélo" had different stems. Both the registry and the problems go through here, so
 * a word that is not a plural ("campus") only loses its s on both sides alike.
 */
function singularOfVowelS(word: string): string {
  return word.length >= 5 && /[iou]s$/.test(word) ? word.slice(0, -1) : word;
}

/** Stem of one lowercase token, or null for a stop word (memoised: registries repeat words). */
export function stemToken(word: string): string | null {
  let s = stemCache.get(word);
  if (s === undefined) {
    s =
      word.length < 2 && !/\d/.test(word)
        ? null
        : isStopWord(word)
          ? null
          : stem(singularOfVowelS(word));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Stems of a text, in order (stop words dropped). */
export function textStems(text: string): string[] {
  const out: string[] = [];
  for (const w of tokenize(text)) {
    const s = stemToken(w);
    if (s) out.push(s);
  }
  return out;
}

const EN_STOP = new Set(
  'the and to of a an in is for we our with that it are which how can any do dont don t where i my you your need want would like from or so be some there this what when who they their them us me have has had was were will not no but if on at by as into about more most other also just only than then too very should could get got one each'.split(
    ' ',
  ),
);
const FR_HINTS = new Set(
  'le la les des du de un une et est nous vous on pour avec dans sur qui que pas ne au aux ce cette notre nos il elle'.split(
    ' ',
  ),
);

/** Guesses whether a text is English (fr otherwise) from its function words. */
export function guessLanguage(text: string): 'fr' | 'en' {
  let en = 0;
  let fr = 0;
  for (const w of tokenize(text)) {
    if (EN_STOP.has(w)) en++;
    if (FR_HINTS.has(w)) fr++;
  }
  return en >= 2 && en > fr ? 'en' : 'fr';
}

/** True for an English function word. */
export const isEnglishStopWord = (w: string) => EN_STOP.has(w);

/** Porter stem of an English word (lunr's English stemmer). */
export function englishStem(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}

/** Optimal string alignment distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/**
 * The words a registry uses, for accent restoration and typo correction.
 * Built once per snapshot.
 */
export class Vocabulary {
  /** folded word → the accented spelling seen most often. */
  private readonly spelling = new Map<string, { word: string; count: number }>();
  /** folded word → frequency. */
  private readonly freq = new Map<string, number>();
  /** deletion neighbourhood (one character removed) → folded words. */
  private deletes: Map<string, string[]> | null = null;
  private readonly variants = new Map<string, Map<string, number>>();

  constructor(private readonly minTypoLength: number) {}

  /** Counts the words of a text. */
  add(text: string): void {
    for (const w of tokenize(text)) this.addCount(w, 1);
  }

  /** Counts `n` occurrences of a word (a token of `tokenize`: what an FTS5 vocabulary gives back). */
  addCount(w: string, n: number): void {
    const f = foldAccents(w);
    this.freq.set(f, (this.freq.get(f) ?? 0) + n);
    let v = this.variants.get(f);
    if (!v) this.variants.set(f, (v = new Map()));
    v.set(w, (v.get(w) ?? 0) + n);
  }

  /** Freezes the vocabulary: picks spellings and builds the typo index. */
  finish(): void {
    for (const [f, v] of this.variants) {
      let best = '';
      let bestCount = -1;
      for (const [w, c] of v) {
        // Prefer the accented form when counts tie: documents are better spelled than problems;
        // then the first in code-unit order, so that the order words were counted in never matters.
        const accented = w !== foldAccents(w);
        const bestAccented = best !== foldAccents(best);
        if (
          c > bestCount ||
          (c === bestCount && (accented !== bestAccented ? accented : w < best))
        ) {
          best = w;
          bestCount = c;
        }
      }
      this.spelling.set(f, { word: best, count: bestCount });
    }
    this.variants.clear();
    const deletes = new Map<string, string[]>();
    for (const f of this.freq.keys()) {
      if (f.length < this.minTypoLength) continue;
      for (let i = 0; i < f.length; i++) {
        const d = f.slice(0, i) + f.slice(i + 1);
        const list = deletes.get(d);
        if (list) list.push(f);
        else deletes.set(d, [f]);
      }
    }
    this.deletes = deletes;
  }

  /** True when the folded word occurs in the registry. */
  has(folded: string): boolean {
    return this.freq.has(folded);
  }

  /** The registry's spelling of a word typed with or without accents (undefined when unknown). */
  restore(word: string): string | undefined {
    return this.spelling.get(foldAccents(word))?.word;
  }

  /** The most frequent registry word at one edit from `word` (undefined when none or too short). */
  correct(word: string): string | undefined {
    const f = foldAccents(word);
    if (f.length < this.minTypoLength || !this.deletes) return undefined;
    const candidates = new Set<string>();
    for (const c of this.deletes.get(f) ?? []) candidates.add(c);
    for (let i = 0; i < f.length; i++) {
      const d = f.slice(0, i) + f.slice(i + 1);
      if (this.freq.has(d) && d.length >= this.minTypoLength) candidates.add(d);
      for (const c of this.deletes.get(d) ?? []) candidates.add(c);
    }
    let best: string | undefined;
    let bestFreq = 0;
    for (const c of candidates) {
      if (c === f || editDistance(c, f, 1) > 1) continue;
      const n = this.freq.get(c) ?? 0;
      // Equal frequencies: the first in code-unit order (whatever order the words were counted in).
      if (n > bestFreq || (n === bestFreq && best !== undefined && c < best)) {
        best = c;
        bestFreq = n;
      }
    }
    return best ? (this.spelling.get(best)?.word ?? best) : undefined;
  }
}
