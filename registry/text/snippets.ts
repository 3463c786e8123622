import { termsOfWord } from './french.js';
import { collapseSpaces } from './markdown-text.js';

/*
 * Text helpers of full-text search that work on the original text (the FTS5 tables hold analysed
 * stems only): where the matched words are, for highlights, and a readable excerpt around the
 * first of them, for snippets; and the one-edit test of typo tolerance.
 */

/**
 * The index terms a search matched: a `Set` of stems, or anything answering `has` the same way
 * (the wiki's query terms also match stems that begin with the word being typed). Its answers are
 * memoised per word: a lookup must not change once used.
 */
export interface TermLookup {
  has(term: string): boolean;
  readonly size: number;
  /**
   * Optional: every ASCII character (lowercase letter or digit) that a term it matches can begin
   * with. The analyser keeps a word's first letter (stemming and plurals change endings, accents
   * are folded), so a word beginning with another ASCII character cannot match and is skipped
   * unread; words beginning with any other character are always looked up.
   */
  readonly initials?: string;
}

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  const m = Math.min(la, lb);
  // Common prefix and (non-overlapping) common suffix; no allocation: this runs over the vocabulary.
  let p = 0;
  while (p < m && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let q = 0;
  while (q < m - p && a.charCodeAt(la - 1 - q) === b.charCodeAt(lb - 1 - q)) q++;
  if (la !== lb) return p + q >= m;
  if (p + q >= la - 1) return true;
  return (
    p + q === la - 2 &&
    a.charCodeAt(p) === b.charCodeAt(p + 1) &&
    a.charCodeAt(p + 1) === b.charCodeAt(p)
  );
}

// Whether a word (as written) matches, per lookup: a search scans the bodies of its twenty results
// and they repeat their words, so each distinct word is lowercased, analysed and looked up once.
const WORD_MATCHES = new WeakMap<TermLookup, Map<string, boolean>>();

const WORD_RE = /[\p{L}\p{N}]+/gu;
// The words of a lookup's text worth looking up: see `TermLookup.initials`.
const CANDIDATES = new WeakMap<TermLookup, RegExp>();

/** The memo of word answers of a lookup (fetched once per scan, not once per word). */
const memoOf = (terms: TermLookup): Map<string, boolean> => {
  let memo = WORD_MATCHES.get(terms);
  if (!memo) {
    memo = new Map();
    WORD_MATCHES.set(terms, memo);
  }
  return memo;
};

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * A global regular expression finding the words of `text` from `from` (whole runs of letters and
 * digits, as `/[\p{L}\p{N}]+/gu` does) that may match `terms`: with `initials`, only the words
 * beginning with one of them (either case) or with a non-ASCII character.
 */
function wordsOf(text: string, terms: TermLookup, from: number): RegExp {
  let re: RegExp | undefined;
  // A scan starting inside a word sees its end as a word: the plain expression does that.
  if (terms.initials !== undefined && !(isWordChar(text[from - 1]) && isWordChar(text[from]))) {
    re = CANDIDATES.get(terms);
    if (!re) {
      const ascii = [...new Set(terms.initials.toLowerCase().replace(/[^a-z0-9]/g, ''))];
      const cls = ascii.map((c) => (c >= 'a' ? c + c.toUpperCase() : c)).join('');
      re = new RegExp(
        `(?<![\\p{L}\\p{N}])(?:${cls ? `[${cls}]|` : ''}(?![\\x00-\\x7f])[\\p{L}\\p{N}])[\\p{L}\\p{N}]*`,
        'gu',
      );
      CANDIDATES.set(terms, re);
    }
  }
  // Scans never nest (a lookup runs no scan), so one expression object serves them all.
  const out = re ?? WORD_RE;
  out.lastIndex = from;
  return out;
}

// Stop words have no terms, so never match.
const hasTerm = (word: string, terms: TermLookup, memo: Map<string, boolean>) => {
  let found = memo.get(word);
  if (found === undefined) {
    found = false;
    for (const t of termsOfWord(word.toLowerCase())) if (terms.has(t)) found = true;
    memo.set(word, found);
  }
  return found;
};

/**
 * Offset of the first word of `text`, at or after offset `from`, whose stem is one of `terms`,
 * or -1.
 */
export function firstMatch(text: string, terms: TermLookup, from = 0): number {
  if (terms.size === 0) return -1;
  const wordRe = wordsOf(text, terms, from);
  const memo = memoOf(terms);
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text))
    if (hasTerm(m[0], terms, memo)) return m.index;
  return -1;
}

/**
 * Where the words of `text` whose stem is one of `terms` are, as [start, end) offsets in
 * UTF-16 code units (JavaScript string indices), for highlighting.
 */
export function matchRanges(text: string, terms: TermLookup): [number, number][] {
  const ranges: [number, number][] = [];
  if (terms.size === 0) return ranges;
  const wordRe = wordsOf(text, terms, 0);
  const memo = memoOf(terms);
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text)) {
    if (hasTerm(m[0], terms, memo)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/**
 * A plain-text excerpt of `text` around the first word whose stem is in `terms` (or the
 * beginning of the text when no word matches), cut at word boundaries, with "…" where cut.
 * @param length target length of the excerpt in characters.
 */
export function findSnippet(text: string, terms: TermLookup, length = 200): string {
  if (text.length <= length) return collapseSpaces(text).trim();
  const at = firstMatch(text, terms);
  // Only a window around the match is looked at (pages can be long).
  const anchor = Math.max(at, 0);
  const from = Math.max(0, anchor - length);
  const to = Math.min(text.length, anchor + 2 * length);
  const head = collapseSpaces(text.slice(from, anchor));
  const flat = head + collapseSpaces(text.slice(anchor, to));
  const match = head.length;

  let start = at < 0 ? 0 : Math.max(0, match - Math.floor(length / 3));
  if (start > 0) {
    // Start on a word boundary, never after the match itself.
    const space = flat.indexOf(' ', start - 1);
    if (space >= 0 && space < match) start = space + 1;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > Math.max(start + length / 2, match)) end = space;
  }
  const before = from + start > 0;
  const after = end < flat.length || to < text.length;
  return `${before ? '…' : ''}${flat.slice(start, end).trim()}${after ? '…' : ''}`;
}
