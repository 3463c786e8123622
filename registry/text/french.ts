import { lunrFr } from './lunr-fr.js';
import { singularOfX } from './french-plurals.js';

/**
 * French-first text analysis shared by wiki search and the switchyard:
 * lowercasing, elision splitting (l'association → association), punctuation-proof tokenising,
 * stop words and Snowball stemming from lunr-languages, then accent folding.
 * Any input string is accepted: nothing here throws on user text.
 */

const ASCII_RE = /^[\x00-\x7f]*$/;

/** Removes diacritics (é → e, œ → oe) and lowercases. */
export function foldAccents(s: string): string {
  const lower = s.toLowerCase();
  // Fast path: plain ASCII has nothing to fold (most words, even in French).
  if (ASCII_RE.test(lower)) return lower;
  return lower
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

// French elided articles and pronouns: l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu'
const ELIDED = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
]);
// A word, with the apostrophe that may follow it (one native pass; elisions are dropped below).
const WORD_RE = /[\p{L}\p{N}]+['’ʼ`´]?/gu;
const APOSTROPHES = new Set([0x27, 0x2019, 0x2bc, 0x60, 0xb4]);

/**
 * Splits text into lowercase word tokens: elisions removed, any non-letter/digit is a separator.
 * Keeps accents (the French stemmer and stop-word list expect them).
 */
export function tokenize(text: string): string[] {
  return splitWords(text.toLowerCase());
}

/**
 * The same tokens as `tokenize`, with their case as written ("CA" stays "CA", "ça" stays "ça"):
 * where the case tells an acronym from a common word.
 */
export function tokenizeCased(text: string): string[] {
  return splitWords(text);
}

function splitWords(text: string): string[] {
  const words = text.match(WORD_RE);
  if (!words) return [];
  const out: string[] = [];
  for (const w of words) {
    if (!APOSTROPHES.has(w.charCodeAt(w.length - 1))) out.push(w);
    else {
      const bare = w.slice(0, -1);
      if (!ELIDED.has(bare.toLowerCase())) out.push(bare);
    }
  }
  return out;
}

const STOP = lunrFr.fr.stopWordFilter;
const STEM = lunrFr.fr.stemmer;

// Function words that lunr-languages' list lacks. "ça" is the pronoun of every colloquial
// problem ("ça ne marche pas"); left in, it stems to "ca" and meets the acronym CA (conseil
// d'administration) in the registry's text.
const EXTRA_STOP = new Set(['ça']);

/** True for a French stop word (le, de, pour, avec, ça…), accents as written. */
export function isStopWord(word: string): boolean {
  return EXTRA_STOP.has(word) || STOP(new lunrFr.Token(word, {}), 0, []) === undefined;
}

// Stemming is the costly step of analysis (~2 µs a word) and text repeats its words, so stems are
// memoised. The cache is bounded: when full it is simply cleared (cheap, and vocabulary refills it).
const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_MAX = 100_000;

/**
 * Snowball French stem of a lowercase word, accents folded afterwards (memoised). Plurals in -x
 * that Snowball leaves apart (lieux, jeux, travaux) are brought to their singular first.
 */
export function stem(word: string): string {
  let out = STEM_CACHE.get(word);
  if (out === undefined) {
    const token = STEM(new lunrFr.Token(singularOfX(word), {}), 0, []) as lunr.Token | undefined;
    out = keepY(foldAccents(word), foldAccents(token ? token.toString() : word));
    if (STEM_CACHE.size >= STEM_CACHE_MAX) STEM_CACHE.clear();
    STEM_CACHE.set(word, out);
  }
  return out;
}

/**
 * Snowball writes the y of a -yer verb as i (payé, payer → "pai"), which makes the verb the noun
 * spelt with i ("paie", the payroll; "essai", "emploi"). Where the word itself has a y before a
 * vowel, the stem keeps it (payé, payer, paye → "pay"; paie, paiement → "pai").
 */
function keepY(folded: string, s: string): string {
  for (let k = folded.indexOf('y'); k >= 0 && k < s.length; k = folded.indexOf('y', k + 1)) {
    if (s[k] === 'i' && /[aeiouy]/.test(folded[k + 1] ?? '') && s.startsWith(folded.slice(0, k)))
      s = `${s.slice(0, k)}y${s.slice(k + 1)}`;
  }
  return s;
}

/** One analysed term: the stem used for matching, and the surface word it came from. */
export interface Term {
  stem: string;
  word: string;
}

/**
 * Full pipeline: tokenize → drop stop words → stem → fold accents.
 * @param keepStopWords keep stop words (for phrase-like uses); default false.
 */
export function analyze(text: string, keepStopWords = false): Term[] {
  const out: Term[] = [];
  for (const word of tokenize(text)) {
    if (!keepStopWords && isStopWord(word)) continue;
    out.push({ stem: stem(word), word: foldAccents(word) });
  }
  return out;
}

/** The stems of `text`, in order (duplicates kept). */
export const stems = (text: string) => analyze(text).map((t) => t.stem);

/**
 * The stems a word may be matched by: its stem as written, and the stem of its accent-free
 * spelling when that differs (Snowball reads accents: "activités" → "activ" but "activites" →
 * "activit"). Indexing and querying both with this pair lets a query typed without accents find
 * accented text and the other way round.
 * @param word a lowercase token from `tokenize`.
 */
export function stemVariants(word: string): string[] {
  const a = stem(word);
  const folded = foldAccents(word);
  if (folded === word) return [a];
  const b = stem(folded);
  return a === b ? [a] : [a, b];
}

const NO_TERMS: readonly string[] = Object.freeze([]);
const TERMS_CACHE = new Map<string, readonly string[]>();

/**
 * The index terms of one token: none for a stop word, else its `stemVariants`. Memoised (one map
 * lookup a token): the hot path of indexing, which sees the same words again and again.
 * @param word a lowercase token from `tokenize`.
 */
export function termsOfWord(word: string): readonly string[] {
  let terms = TERMS_CACHE.get(word);
  if (terms === undefined) {
    terms = isStopWord(word) ? NO_TERMS : stemVariants(word);
    if (TERMS_CACHE.size >= STEM_CACHE_MAX) TERMS_CACHE.clear();
    TERMS_CACHE.set(word, terms);
  }
  return terms;
}

/**
 * The text a full-text table stores for `text`: every index term of every word (`termsOfWord`:
 * stop words dropped, each word's stem as written and without accents), space separated. SQLite's
 * FTS5 tables (`unicode61 remove_diacritics 0` tokenizer) index these stems as they are; queries
 * are analysed the same way, so stemming, accents and elisions are handled here, once.
 * Any string is accepted; an empty or stop-word-only text gives ''.
 */
export function indexText(text: string | null | undefined): string {
  if (!text) return '';
  const words = text.toLowerCase().match(WORD_RE);
  if (!words) return '';
  // One join at the end: appending to a string a word at a time cost 40 % more (the triggers
  // run this for every page written).
  const out: string[] = [];
  for (const w of words) {
    let indexed = INDEXED_CACHE.get(w);
    if (indexed === undefined) {
      indexed = indexedWord(w);
      if (INDEXED_CACHE.size >= STEM_CACHE_MAX) INDEXED_CACHE.clear();
      INDEXED_CACHE.set(w, indexed);
    }
    if (indexed) out.push(indexed);
  }
  return out.join(' ');
}

// What `indexText` writes for one raw match of WORD_RE (apostrophe included): its terms, space
// separated, '' for a stop word or an elision. One map lookup a word on the hot path of indexing.
const INDEXED_CACHE = new Map<string, string>();

function indexedWord(match: string): string {
  const tokens = splitWords(match);
  return tokens.length ? termsOfWord(tokens[0]).join(' ') : '';
}
