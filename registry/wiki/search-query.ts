import type { Database } from 'better-sqlite3';
import { withinOneEdit } from '../text/snippets.js';
import { foldAccents, isStopWord, stemVariants, tokenize } from '../text/french.js';
import { ftsPrefix, ftsStatement, ftsString } from '../text/fts.js';
import { cached } from './search-cache.js';

/*
 * The wiki search's query analysis (registry/wiki/search.ts): the text is analysed into words (the
 * shared French analyser), each word into the index terms it matches: its stems; as a prefix, the
 * last word while typed; terms one edit away or that the word starts with, for a word that matches
 * nothing (typo tolerance, from the `wiki_fts_vocab` table). Then the FTS5 phrases of each word,
 * built from quoted terms (never parsed as a query language).
 */

/** Shortest typed prefix that is expanded. */
const MIN_PREFIX = 2;
/**
 * Typed prefixes at least this long are looked up in the vocabulary once (while the index is
 * unchanged) and written as the terms they expand to (see `QueryWord.expansions`): FTS5 has no
 * prefix index beyond 3 characters (migrations/0016_fts.sql, `prefix = '2 3'`), so it would merge
 * the doclists of every term the prefix begins in each statement that uses it.
 */
const MIN_EXPANDED = 4;
/** Most terms a typed prefix is written as (beyond, it stays a prefix query). */
const MAX_EXPANDED = 8;
/** Shortest stem that gets typo tolerance (shorter words have too many one-edit neighbours). */
const MIN_FUZZY = 4;
/** Longest word ending a stemmer removes ("ements", "ations"), for typo tolerance. */
const MAX_SUFFIX = 6;
/** Query words beyond this are ignored (a pasted paragraph must stay fast). */
const MAX_QUERY_WORDS = 24;
/** Most one-edit neighbours one misspelt word expands to. */
const MAX_FUZZY = 50;

// A term is in the index when some page matches it: the first entry of its doclist answers, where
// the vocabulary table would count every page of a frequent term (0.5 ms for a term of every page).
const SQL_TERM = `SELECT 1 FROM wiki_fts WHERE wiki_fts MATCH @match LIMIT 1`;
const SQL_PREFIX = `SELECT 1 FROM wiki_fts_vocab WHERE term >= @from AND term < @to LIMIT 1`;
const SQL_PREFIX_TERMS = `SELECT term FROM wiki_fts_vocab WHERE term >= @from AND term < @to LIMIT ${MAX_EXPANDED + 1}`;
const SQL_LETTER_TERMS = `SELECT term FROM wiki_fts_vocab WHERE term >= @from AND term < @to`;
// The first index term in a range, and whether a term is in the index, as the vocabulary table
// lists them (the same table as the scans above, so the same terms).
const SQL_FIRST_TERM = `SELECT term FROM wiki_fts_vocab WHERE term >= @from AND term < @to LIMIT 1`;
const SQL_VOCAB_TERM = `SELECT 1 FROM wiki_fts_vocab WHERE term = @term`;
/**
 * One-edit neighbours are looked up without scanning their first letter's terms (see
 * `nearTerms`): edits from this position on by a scan of the terms sharing the word's first
 * `NEAR_PREFIX` characters, edits before it by looking up the few terms they can give.
 */
const NEAR_PREFIX = 3;

/** One analysed query word: the index terms it matches whole, and as prefixes. */
export interface QueryWord {
  terms: string[];
  prefixes: string[];
  /**
   * The index terms each of `prefixes` begins (same order), when known and at most
   * `MAX_EXPANDED`; else `undefined` (the prefix stays a prefix query).
   */
  expansions: (string[] | undefined)[];
  /** Stop words typed last are kept only as prefixes and never required. */
  optional: boolean;
}

/** The smallest string greater than every string starting with `prefix` (for range scans of the vocabulary). */
const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * The FTS5 phrases of a word (its terms, then its prefixes), as `bm25()` must see them: one phrase
 * per term and per prefix. A prefix that begins exactly one index term is that term: the same
 * doclist, so the same matches and the same `bm25()` (the phrase's IDF and counts are the term's),
 * without FTS5 merging the doclists of a prefix in each statement.
 */
export const rankPhrases = (w: QueryWord): string[] => [
  ...w.terms.map(ftsString),
  ...w.prefixes.map((p, i) => {
    const terms = w.expansions[i];
    return terms?.length === 1 ? ftsString(terms[0]) : ftsPrefix(p);
  }),
];

/**
 * The same phrases where only the matching pages count (counts, filters, newest first, never
 * `bm25()`): a prefix that begins a few index terms is any of those terms (the same pages).
 */
export const filterPhrases = (w: QueryWord): string[] => [
  ...w.terms.map(ftsString),
  ...w.prefixes.map((p, i) => {
    const terms = w.expansions[i];
    if (!terms) return ftsPrefix(p);
    return terms.length === 1 ? ftsString(terms[0]) : `(${terms.map(ftsString).join(' OR ')})`;
  }),
];

/** An FTS5 expression matching any of a word's terms and prefixes, for `bm25()`. */
export const wordRankMatch = (w: QueryWord) => `(${rankPhrases(w).join(' OR ')})`;

/** The same pages as `wordRankMatch`, for counts and filters. */
export const wordMatch = (w: QueryWord) => `(${filterPhrases(w).join(' OR ')})`;

/**
 * Analyses queries against the index's vocabulary, keeping what the vocabulary answered until
 * `reset` (called by `WikiSearch` when the index changed).
 */
export class QueryAnalyser {
  /**
   * Index terms by first letter, for typo tolerance: scanning the vocabulary table reads every
   * doclist of the letter (about 9 ms at 10k pages), so the terms are kept until the index changes.
   */
  private readonly letterTerms = new Map<string, string[]>();
  /** Whether an index term exists, and whether some term has a prefix, while the index is unchanged. */
  private readonly known = new Map<string, boolean>();
  /** The first index terms (up to `MAX_EXPANDED` + 1) each typed prefix begins, while the index is unchanged. */
  private readonly expansions = new Map<string, string[]>();
  /** The characters following a few first characters in index terms (`nextCharacters`), while the index is unchanged. */
  private readonly following = new Map<string, string[] | undefined>();
  /** The index terms beginning with a word's first `NEAR_PREFIX` characters (`nearTerms`), while the index is unchanged. */
  private readonly prefixScans = new Map<string, string[]>();

  constructor(private readonly db: Database) {}

  /** Forgets what the vocabulary answered (the index changed). */
  reset(): void {
    this.letterTerms.clear();
    this.known.clear();
    this.expansions.clear();
    this.following.clear();
    this.prefixScans.clear();
  }

  /** Analyses the query into words, each with the index terms it matches. */
  words(query: string): QueryWord[] {
    const tokens = tokenize(query);
    // The last word is being typed unless the query ends with a separator.
    const typing = tokens.length > 0 && /[\p{L}\p{N}]$/u.test(query);
    const words: QueryWord[] = [];
    const seen = new Set<string>();
    tokens.forEach((token, i) => {
      const last = typing && i === tokens.length - 1;
      const stop = isStopWord(token);
      if (stop && !last) return;
      if (words.length >= MAX_QUERY_WORDS) return;
      const key = `${last ? '*' : ''}${token}`;
      if (seen.has(key)) return;
      seen.add(key);

      const stems = stemVariants(token);
      const terms = stop ? [] : stems.filter((s) => this.hasTerm(s));
      const prefixes: string[] = [];
      if (last) {
        const folded = foldAccents(token);
        for (const p of new Set([folded, ...stems.filter((s) => folded.startsWith(s))])) {
          if (p.length >= MIN_PREFIX && this.hasPrefix(p)) prefixes.push(p);
        }
      }
      if (!stop && terms.length === 0 && prefixes.length === 0) {
        const found = new Set<string>();
        for (const s of stems) if (s.length >= MIN_FUZZY) this.neighbours(s, found);
        this.stemsOf(foldAccents(token), found);
        terms.push(...found);
      }
      // A whole term that a prefix of the same word covers adds a bm25() phrase (time for every
      // matching page) and nothing to the matches.
      if (prefixes.length > 0) {
        for (let k = terms.length - 1; k >= 0; k--)
          if (prefixes.some((p) => terms[k].startsWith(p))) terms.splice(k, 1);
      }
      // A typed stop word ("de", "la") is a prefix only: it never makes other words fail.
      if (stop && prefixes.length === 0) return;
      words.push({
        terms,
        prefixes,
        expansions: prefixes.map((p) => this.expansion(p)),
        optional: stop,
      });
    });
    return words;
  }

  private hasTerm(term: string): boolean {
    return cached(
      this.known,
      `=${term}`,
      () => ftsStatement(this.db, SQL_TERM).get({ match: ftsString(term) }) !== undefined,
    );
  }

  /** The index terms starting with `letter` (cached while the index is unchanged). */
  private termsStartingWith(letter: string): string[] {
    let terms = this.letterTerms.get(letter);
    if (!terms) {
      terms = ftsStatement(this.db, SQL_LETTER_TERMS)
        .pluck()
        .all({ from: letter, to: prefixEnd(letter) }) as string[];
      this.letterTerms.set(letter, terms);
    }
    return terms;
  }

  /**
   * The index terms a typed prefix begins (cached while the index is unchanged), when it is at
   * least `MIN_EXPANDED` long and begins at most `MAX_EXPANDED` terms; else `undefined`.
   */
  private expansion(prefix: string): string[] | undefined {
    if (prefix.length < MIN_EXPANDED) return undefined;
    const terms = this.prefixTerms(prefix);
    return terms.length > 0 && terms.length <= MAX_EXPANDED ? terms : undefined;
  }

  /** The first index terms (up to `MAX_EXPANDED` + 1) a typed prefix begins (cached while the index is unchanged). */
  private prefixTerms(prefix: string): string[] {
    return cached(this.expansions, prefix, () => {
      const to = prefixEnd(prefix);
      const letter = this.letterTerms.get(prefix[0]);
      // Already read for typo tolerance.
      if (letter) return letter.filter((t) => t >= prefix && t < to).slice(0, MAX_EXPANDED + 1);
      return ftsStatement(this.db, SQL_PREFIX_TERMS).pluck().all({ from: prefix, to }) as string[];
    });
  }

  private hasPrefix(prefix: string): boolean {
    // From `MIN_EXPANDED` characters, one look-up of the vocabulary answers both.
    if (prefix.length >= MIN_EXPANDED) return this.prefixTerms(prefix).length > 0;
    return cached(
      this.known,
      `*${prefix}`,
      () =>
        ftsStatement(this.db, SQL_PREFIX).get({ from: prefix, to: prefixEnd(prefix) }) !==
        undefined,
    );
  }

  /**
   * The index terms that `neighbours` keeps from the scan of `term`'s first letter (same first
   * letter, length within one, one edit away), in the vocabulary's order, found without that scan
   * (10 to 30 ms for a letter at 10k pages: the vocabulary table reads every doclist). A neighbour
   * whose first `k` characters are the word's and whose next one is not (1 <= k < `NEAR_PREFIX`)
   * differs there by the edit: it is the word with that character deleted, swapped with the next,
   * replaced or preceded by a character that follows those `k` characters in some index term
   * (`nextCharacters`). Neighbours sharing the first `NEAR_PREFIX` characters come from a scan of
   * that prefix. `undefined` for a word with a character from U+D800 on (surrogates, or where
   * JavaScript's order of strings can differ from SQLite's): the caller scans the letter.
   */
  private nearTerms(term: string): string[] | undefined {
    if (term.length <= NEAR_PREFIX || /[\ud800-\uffff]/.test(term)) return undefined;
    const found = new Set<string>();
    const keep = (t: string) => {
      if (
        t.length >= term.length - 1 &&
        t.length <= term.length + 1 &&
        t[0] === term[0] &&
        withinOneEdit(term, t)
      )
        found.add(t);
    };
    const prefix = term.slice(0, NEAR_PREFIX);
    const scanned = cached(
      this.prefixScans,
      prefix,
      () =>
        ftsStatement(this.db, SQL_LETTER_TERMS)
          .pluck()
          .all({ from: prefix, to: prefixEnd(prefix) }) as string[],
    );
    for (const t of scanned) keep(t);
    for (let k = 1; k < NEAR_PREFIX; k++) {
      const head = term.slice(0, k);
      const next = this.nextCharacters(head);
      if (!next) return undefined;
      const candidates = [
        head + term.slice(k + 1),
        head + term[k + 1] + term[k] + term.slice(k + 2),
        ...next.flatMap((c) => [head + c + term.slice(k + 1), head + c + term.slice(k)]),
      ];
      for (const t of candidates) if (!found.has(t) && this.inVocabulary(t)) keep(t);
    }
    // SQLite's order: the bytes of the UTF-8 text.
    return [...found].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  /**
   * The characters that follow `head` in some index term, by skipping from one to the next in
   * the vocabulary (cached while the index is unchanged); `undefined` if one is outside the
   * range where JavaScript and SQLite order strings alike.
   */
  private nextCharacters(head: string): string[] | undefined {
    const key = `>${head}`;
    if (this.following.has(key)) return this.following.get(key);
    const next: string[] = [];
    let result: string[] | undefined = next;
    const to = prefixEnd(head);
    // Terms equal to `head` come first; U+0001 is below any character of a term.
    for (let from = `${head}\u0001`; ;) {
      const t = ftsStatement(this.db, SQL_FIRST_TERM).pluck().get({ from, to }) as
        string | undefined;
      if (t === undefined) break;
      const code = t.charCodeAt(head.length);
      if (!(code >= 0x01 && code < 0xd800)) {
        result = undefined;
        break;
      }
      next.push(t[head.length]);
      from = head + String.fromCharCode(code + 1);
    }
    this.following.set(key, result);
    return result;
  }

  /** Whether the vocabulary table lists `term` (cached while the index is unchanged). */
  private inVocabulary(term: string): boolean {
    return cached(
      this.known,
      `v${term}`,
      () => ftsStatement(this.db, SQL_VOCAB_TERM).get({ term }) !== undefined,
    );
  }

  /**
   * Adds index terms one edit (insertion, deletion, substitution or swap) away from `term`: the
   * vocabulary is scanned for terms with the same first letter and a length within one.
   */
  private neighbours(term: string, into: Set<string>): void {
    const near = this.nearTerms(term);
    for (const t of near ?? this.termsStartingWith(term[0])) {
      if (into.size >= MAX_FUZZY) break;
      if (t.length >= term.length - 1 && t.length <= term.length + 1 && withinOneEdit(term, t))
        into.add(t);
    }
  }

  /**
   * Adds index terms that begin the word: a typo in a suffix can defeat the stemmer
   * ("consentment" keeps its ending) while the stem itself ("consent") is intact.
   */
  private stemsOf(word: string, into: Set<string>): void {
    for (let len = Math.max(MIN_FUZZY, word.length - MAX_SUFFIX); len < word.length; len++) {
      const t = word.slice(0, len);
      if (this.hasTerm(t)) into.add(t);
    }
  }
}
