import type { Database } from 'better-sqlite3';
import {
  findSnippet,
  firstMatch,
  matchRanges,
  withinOneEdit,
  type TermLookup,
} from '../text/snippets.js';
import { foldAccents, isStopWord, stemVariants, tokenize } from '../text/french.js';
import { markdownToText } from '../text/markdown-text.js';
import { ftsPrefix, ftsStatement, ftsString } from '../text/fts.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';

export { markdownToText };

/*
 * Wiki full-text search on SQLite FTS5 (migrations/0016_fts.sql): the `wiki_fts` table holds the
 * analysed title, body and field values of every live page, kept current by triggers in the same
 * transaction as every write (saves, deletions, restorations, moves, imports, other processes),
 * so an edit is findable as soon as its transaction commits and nothing is built at start-up.
 *
 * Queries are never parsed as a query language: the text is analysed into words (the shared
 * French analyser) and the FTS5 expression is built here from quoted terms, so `:`, `^`, `~`, `*`,
 * quotes or any garbage are just separators. Each word matches its stems; the last word, while
 * typed, also matches as a prefix; a word that matches nothing gets typo tolerance (terms one edit
 * away in the `wiki_fts_vocab` table, or terms the word starts with: a typo in an ending defeats
 * the stemmer). Pages matching every word are returned, ranked by `bm25()` with the title weighing
 * more than the body; when none does, pages matching some words.
 */

/** Column weights of `bm25()`: title, body, field values. */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;
const FIELDS_WEIGHT = 1;
const SNIPPET_LENGTH = 200;
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
/** Queries matching at most this many pages are ranked by bm25() over every match. */
export const EXACT_LIMIT = 1000;

// A page's structured field values (registry/wiki/fields.ts) are shown in snippets after its body.
const FIELDS_TEXT = `coalesce((SELECT char(10) || char(10) || group_concat(value, ' ') FROM page_field_values WHERE page_id = pages.id), '')`;
// The pages of a page of results, in one statement (`@ids`: a JSON array of page ids).
const SQL_PAGES_BY_ID = `SELECT id, slug, title, markdown || ${FIELDS_TEXT} AS markdown FROM pages
  WHERE id IN (SELECT value FROM json_each(@ids)) AND deleted_at IS NULL`;
// The best `limit` matches (SQLite keeps a top-k heap); every match is counted apart, without
// bm25(), and only when the page of results is full.
const SQL_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @match ORDER BY rank, rowid LIMIT @limit`;
const SQL_MATCH_COUNT = `SELECT count(*) FROM wiki_fts WHERE wiki_fts MATCH @match`;
// Broad queries (registry/wiki/search.ts `search`): bm25() costs about 1 µs per matching page and
// per phrase (17 ms for a term of all 10k pages of the bench), so a query matching more than
// `EXACT_LIMIT` pages is ranked over fewer of them. FTS5's bm25() gives a phrase found in half
// the pages or more an IDF of 1e-6 (fts5_aux.c: `if (idf <= 0) idf = 1e-6`): such a phrase adds
// at most 2.2e-6 to a score, so it stays a filter and is left out of the ranking; the rarer
// phrases rank the pages matching the whole query, scores unchanged to their third digit.
const SQL_RARE_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @rank AND +rowid IN (SELECT rowid FROM wiki_fts WHERE wiki_fts MATCH @match)
  ORDER BY rank, rowid LIMIT @limit`;
// When the query is one disjunction of the phrases (pages with some of the words, or one word),
// every page with a rare phrase matches it: no need to read the query's doclists to check.
const SQL_RARE_ANY_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @rank ORDER BY rank, rowid LIMIT @limit`;
// When every phrase is that common, every score is below 1e-5 and says little: pages whose title
// has a query word come first, then the other matches, newest first in each group (no bm25():
// even its set-up reads the whole doclist of every phrase). The score of each page shown is
// bm25()'s own formula, computed here from the page's stored analysed text (see `commonScore`).
const SQL_NEWEST = `SELECT rowid FROM wiki_fts WHERE wiki_fts MATCH @match ORDER BY rowid DESC LIMIT @limit`;
const SQL_INDEXED = `SELECT c.c0 AS title, c.c1 AS body, c.c2 AS fields, d.sz AS size
  FROM wiki_fts_content c JOIN wiki_fts_docsize d ON d.id = c.id WHERE c.id = @id`;
// FTS5's averages record: the number of rows, then the number of tokens of each column.
const SQL_AVERAGES = `SELECT block FROM wiki_fts_data WHERE id = 1`;
const SQL_PAGES = `SELECT count(*) FROM wiki_fts_docsize`;
// A term is in the index when some page matches it: the first entry of its doclist answers, where
// the vocabulary table would count every page of a frequent term (0.5 ms for a term of every page).
const SQL_TERM = `SELECT 1 FROM wiki_fts WHERE wiki_fts MATCH @match LIMIT 1`;
const SQL_PREFIX = `SELECT 1 FROM wiki_fts_vocab WHERE term >= @from AND term < @to LIMIT 1`;
const SQL_PREFIX_TERMS = `SELECT term FROM wiki_fts_vocab WHERE term >= @from AND term < @to LIMIT ${MAX_EXPANDED + 1}`;
const SQL_LETTER_TERMS = `SELECT term FROM wiki_fts_vocab WHERE term >= @from AND term < @to`;
// FTS5's structure record (segments and their levels): rewritten by every transaction that writes
// to the index, so an unchanged record means an unchanged vocabulary.
const SQL_STRUCTURE = `SELECT block FROM wiki_fts_data WHERE id = 10`;
const SQL_COUNT = `SELECT count(*) FROM wiki_fts`;
const SQL_VOCABULARY = `SELECT count(*) AS terms, coalesce(sum(doc), 0) AS postings FROM wiki_fts_vocab`;

/** A matching page and its bm25() (negative: better matches lower). */
interface Hit {
  id: number;
  rank: number;
}

/** The most entries a search cache keeps (each is emptied whenever the index changes). */
const MAX_CACHED_COUNTS = 5000;

/**
 * `cache`'s value for `key`, computed on first use and kept (the cache is emptied when it holds
 * `MAX_CACHED_COUNTS` entries).
 */
function cached<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= MAX_CACHED_COUNTS) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** bm25() parameters and the IDF of a phrase found in half the pages or more (fts5_aux.c). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
const COMMON_IDF = 1e-6;

/** The SQLite varints of an FTS5 record, in order. */
function varints(buf: Buffer): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    let v = 0;
    let n = 0;
    for (;;) {
      const byte = buf[i++];
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      n++;
      if (byte < 0x80) break;
    }
    out.push(v);
  }
  return out;
}

/** The text a page is searched by. */
export interface SearchablePage {
  slug: string;
  title: string;
  markdown: string;
}

/** One search result, as the API returns it. */
export interface WikiSearchResult {
  slug: string;
  title: string;
  /** Plain text around the first match (the client highlights the words). */
  snippet: string;
  score: number;
  /**
   * The matched words, as [start, end) offsets (JavaScript string indices) in the title and in the
   * snippet: they follow the real analysis (stems, accents, elisions, prefixes, typos).
   */
  highlights: { title: [number, number][]; snippet: [number, number][] };
}

/** What `WikiSearch.search` returns. */
export interface WikiSearchAnswer {
  query: string;
  total: number;
  results: WikiSearchResult[];
}

/** One analysed query word: the index terms it matches whole, and as prefixes. */
interface QueryWord {
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

/** The index terms of a query, for highlights and snippets: whole terms, and terms beginning with a typed prefix. */
class QueryTerms implements TermLookup {
  private readonly terms = new Set<string>();
  private readonly prefixes: string[] = [];
  /** The first characters of the terms and prefixes (see `TermLookup.initials`). */
  readonly initials: string = '';

  constructor(words: QueryWord[]) {
    for (const w of words) {
      for (const t of w.terms) this.terms.add(t);
      for (const p of w.prefixes) if (!this.prefixes.includes(p)) this.prefixes.push(p);
    }
    for (const t of [...this.terms, ...this.prefixes])
      if (t && !this.initials.includes(t[0])) this.initials += t[0];
  }

  has(term: string): boolean {
    if (this.terms.has(term)) return true;
    for (const p of this.prefixes) if (term.startsWith(p)) return true;
    return false;
  }

  get size(): number {
    return this.terms.size + this.prefixes.length;
  }
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
const rankPhrases = (w: QueryWord): string[] => [
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
const filterPhrases = (w: QueryWord): string[] => [
  ...w.terms.map(ftsString),
  ...w.prefixes.map((p, i) => {
    const terms = w.expansions[i];
    if (!terms) return ftsPrefix(p);
    return terms.length === 1 ? ftsString(terms[0]) : `(${terms.map(ftsString).join(' OR ')})`;
  }),
];

/** An FTS5 expression matching any of a word's terms and prefixes, for `bm25()`. */
const wordRankMatch = (w: QueryWord) => `(${rankPhrases(w).join(' OR ')})`;

/** The same pages as `wordRankMatch`, for counts and filters. */
const wordMatch = (w: QueryWord) => `(${filterPhrases(w).join(' OR ')})`;

/**
 * Plain-text snippet of a markdown body around the first of `terms`. Pages can be long and a
 * results page shows twenty snippets, so the raw markdown is scanned for the first matching word
 * and only the lines around it are converted to text (a raw match inside markup, a URL say, is
 * checked on the converted line and skipped).
 * @param terms index terms found in the body (empty: the beginning of the page).
 * @param title the page title: a first heading repeating it is left out.
 */
export function snippetOf(markdown: string, terms: TermLookup, title = ''): string {
  let body = markdown;
  // A first heading repeating the title says nothing the result does not already show.
  const heading = /^\s*#[ \t]+([^\n]*)(\n|$)/.exec(body);
  if (heading && foldAccents(markdownToText(heading[1])) === foldAccents(title.trim()))
    body = body.slice(heading[0].length);

  const window = 2 * SNIPPET_LENGTH;
  for (let from = 0; terms.size > 0;) {
    const at = firstMatch(body, terms, from);
    if (at < 0) break;
    const lineStart = body.lastIndexOf('\n', at) + 1;
    const newline = body.indexOf('\n', at);
    const lineEnd = newline < 0 ? body.length : newline;
    const line = body.slice(lineStart, lineEnd);
    // Without links, images, tags, code or a leading number, no markup can hide the word found.
    if (
      (!/[[<`~]/.test(line) && !/^\s{0,3}\d/.test(line)) ||
      firstMatch(markdownToText(line), terms) >= 0
    ) {
      // Whole lines around the match, so that no link or emphasis is cut in half.
      const start =
        lineStart === 0 ? 0 : body.lastIndexOf('\n', Math.max(0, lineStart - window)) + 1;
      const next = body.indexOf('\n', Math.min(body.length, lineEnd + window));
      const end = next < 0 ? body.length : next;
      return ellipsis(
        findSnippet(markdownToText(body.slice(start, end)), terms, SNIPPET_LENGTH),
        body,
        start,
        end,
      );
    }
    from = lineEnd;
  }
  const next = body.indexOf('\n', Math.min(body.length, window));
  const end = next < 0 ? body.length : next;
  return ellipsis(
    findSnippet(markdownToText(body.slice(0, end)), new Set(), SNIPPET_LENGTH),
    body,
    0,
    end,
  );
}

/** Marks with "…" the sides of a snippet taken from `body.slice(start, end)` where text was left out. */
function ellipsis(snippet: string, body: string, start: number, end: number): string {
  let out = snippet;
  if (start > 0 && !out.startsWith('…') && /\S/.test(body.slice(0, start))) out = `…${out}`;
  if (end < body.length && !out.endsWith('…') && /\S/.test(body.slice(end))) out = `${out}…`;
  return out;
}

/**
 * The wiki's search service (one per app, in `AppServices.search`): reads the `wiki_fts` table,
 * which the database keeps current itself. Holds no index of its own.
 */
export class WikiSearch {
  /**
   * @param db the database (migrated: its full-text table and triggers exist).
   * @param _wiki the wiki's services (kept for the constructor's shape: nothing to follow, the
   *   triggers index every write).
   */
  /**
   * Index terms by first letter, for typo tolerance: scanning the vocabulary table reads every
   * doclist of the letter (about 9 ms at 10k pages), so the terms are kept until the index changes.
   */
  private letterTerms = new Map<string, string[]>();
  /** Whether an index term exists, and whether some term has a prefix, while the index is unchanged. */
  private known = new Map<string, boolean>();
  /** The first index terms (up to `MAX_EXPANDED` + 1) each typed prefix begins, while the index is unchanged. */
  private expansions = new Map<string, string[]>();
  /** Pages matching an expression (queries and their phrases), while the index is unchanged. */
  private counts = new Map<string, number>();
  /** Live pages in the index, while it is unchanged. */
  private pages: number | undefined;
  /** Average tokens per page (bm25()'s avgdl), while the index is unchanged. */
  private averageLength: number | undefined;
  /** FTS5's structure record when the caches above were filled. */
  private indexState: Buffer | undefined;

  private readonly exactLimit: number;

  /**
   * @param options.exactLimit queries matching more pages than this are ranked without bm25()
   *   over every match (default `EXACT_LIMIT`; `Infinity` ranks every query exactly, for
   *   comparisons).
   */
  constructor(
    private readonly db: Database,
    _wiki?: WikiServices,
    options: { exactLimit?: number } = {},
  ) {
    this.exactLimit = options.exactLimit ?? EXACT_LIMIT;
  }

  /** Number of indexed (live) pages. */
  get size(): number {
    return ftsStatement(this.db, SQL_COUNT).pluck().get() as number;
  }

  /** Number of distinct index terms, and of (term, page) pairs (a scan of the vocabulary: for benchmarks). */
  vocabulary(): { terms: number; postings: number } {
    return ftsStatement(this.db, SQL_VOCABULARY).get() as { terms: number; postings: number };
  }

  /**
   * Ranks pages for free text. Any string is accepted (empty gives no results); nothing throws.
   * @param limit results to return.
   */
  search(query: string, limit = 20): WikiSearchAnswer {
    // Once per search: the caches below stay valid until it returns (it writes nothing).
    this.checkIndex();
    const words = this.queryWords(query);
    const usable = words.filter((w) => w.terms.length + w.prefixes.length > 0);
    if (usable.length === 0) return { query, total: 0, results: [] };
    const required = words.filter((w) => !w.optional);
    // Every word when some page has them all; else pages with some of them (or with the optional ones).
    const all =
      required.length > 0 && required.every((w) => w.terms.length + w.prefixes.length > 0)
        ? required.map(wordMatch).join(' AND ')
        : '';
    const some = usable.map(wordMatch).join(' OR ');
    let match = all;
    let total = all ? this.count(all) : 0;
    if (total === 0 && some !== all) total = this.count((match = some));
    if (total === 0) return { query, total: 0, results: [] };
    // The words of the expression matched (the optional ones only in the fallback).
    const matched = match === all ? required : usable;
    const hits =
      total <= this.exactLimit
        ? this.run(matched.map(wordRankMatch).join(match === all ? ' AND ' : ' OR '), limit)
        : this.rankBroad(match, matched, limit, match !== all || required.length === 1);
    const terms = new QueryTerms(usable);
    const rows = stmt(this.db, SQL_PAGES_BY_ID).all({
      ids: JSON.stringify(hits.map((h) => h.id)),
    }) as (SearchablePage & { id: number })[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const results: WikiSearchResult[] = [];
    for (const hit of hits) {
      const p = byId.get(hit.id);
      if (!p) continue;
      const snippet = snippetOf(p.markdown, terms, p.title);
      results.push({
        slug: p.slug,
        title: p.title,
        snippet,
        // bm25() is negative, better matches lower; three significant digits (a term found in most
        // pages has a tiny weight, which must still read as a match).
        score: Number((-hit.rank).toPrecision(3)),
        highlights: { title: matchRanges(p.title, terms), snippet: matchRanges(snippet, terms) },
      });
    }
    return { query, total, results };
  }

  private run(match: string, limit: number): Hit[] {
    return ftsStatement(this.db, SQL_HITS).all({ match, limit }) as Hit[];
  }

  /** Pages matching an FTS5 expression (cached while the index is unchanged). */
  private count(match: string): number {
    return cached(
      this.counts,
      match,
      () => ftsStatement(this.db, SQL_MATCH_COUNT).pluck().get({ match }) as number,
    );
  }

  /**
   * The best `limit` pages of a query matching more than `EXACT_LIMIT` pages, without running
   * bm25() over every match (see `SQL_RARE_HITS`): pages with a phrase found in fewer than half
   * the pages, ranked by those phrases; then, if too few, pages whose title has a query word; then
   * the newest other matches.
   * @param disjunction `match` is any of the phrases of `words` (so every page with one matches).
   */
  private rankBroad(match: string, words: QueryWord[], limit: number, disjunction: boolean): Hit[] {
    // Each phrase as bm25() sees it, and as a filter (the same pages).
    const ranked = words.flatMap(rankPhrases);
    const phrases = words.flatMap(filterPhrases);
    if (this.pages === undefined)
      this.pages = ftsStatement(this.db, SQL_PAGES).pluck().get() as number;
    const pages = this.pages;
    const rare = ranked.filter((_, i) => 2 * this.count(phrases[i]) < pages);
    // No common phrase: bm25() over every match, as for a narrow query.
    if (rare.length === phrases.length)
      return this.run(words.map(wordRankMatch).join(disjunction ? ' OR ' : ' AND '), limit);
    const hits: Hit[] =
      rare.length > 0
        ? ((disjunction
            ? ftsStatement(this.db, SQL_RARE_ANY_HITS).all({ rank: rare.join(' OR '), limit })
            : ftsStatement(this.db, SQL_RARE_HITS).all({
                rank: rare.join(' OR '),
                match,
                limit,
              })) as Hit[])
        : [];
    if (hits.length >= limit) return hits;
    const seen = new Set(hits.map((h) => h.id));
    // The other matches have only phrases found in half the pages or more.
    const inTitle = `(${match}) AND {title} : (${phrases.join(' OR ')})`;
    for (const expr of [inTitle, match]) {
      if (hits.length >= limit) break;
      const ids = ftsStatement(this.db, SQL_NEWEST)
        .pluck()
        .all({ match: expr, limit: limit + seen.size }) as number[];
      const group = ids
        .filter((id) => !seen.has(id))
        .slice(0, limit - hits.length)
        .map((id) => ({ id, rank: -this.commonScore(id, words) }))
        .sort((x, y) => x.rank - y.rank || x.id - y.id);
      for (const h of group) {
        seen.add(h.id);
        hits.push(h);
      }
    }
    return hits;
  }

  /**
   * bm25() of a page for phrases all found in half the pages or more, as FTS5 computes it
   * (fts5_aux.c: k1 1.2, b 0.75, IDF 1e-6, the column weights above), from the page's analysed
   * text as the index stores it and its token counts.
   */
  private commonScore(id: number, words: QueryWord[]): number {
    const row = ftsStatement(this.db, SQL_INDEXED).get({ id }) as
      | { title: string | null; body: string | null; fields: string | null; size: Buffer }
      | undefined;
    if (!row) return 0;
    if (this.averageLength === undefined) {
      const [rows, ...columns] = varints(
        ftsStatement(this.db, SQL_AVERAGES).pluck().get() as Buffer,
      );
      this.averageLength = columns.reduce((a, b) => a + b, 0) / Math.max(1, rows);
    }
    const length = varints(row.size).reduce((a, b) => a + b, 0);
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / this.averageLength);
    const columns: [string | null, number][] = [
      [row.title, TITLE_WEIGHT],
      [row.body, BODY_WEIGHT],
      [row.fields, FIELDS_WEIGHT],
    ];
    const tokens = columns.map(([text, weight]) => [text ? text.split(' ') : [], weight] as const);
    let score = 0;
    for (const w of words) {
      const phrases = [
        ...w.terms.map((t) => (x: string) => x === t),
        ...w.prefixes.map((p) => (x: string) => x.startsWith(p)),
      ];
      for (const matches of phrases) {
        let f = 0;
        for (const [list, weight] of tokens)
          for (const token of list) if (matches(token)) f += weight;
        score += (COMMON_IDF * f * (BM25_K1 + 1)) / (f + norm);
      }
    }
    return score;
  }

  /** Forgets what was cached about the index when it changed (FTS5's structure record did). */
  private checkIndex(): void {
    const structure = ftsStatement(this.db, SQL_STRUCTURE).pluck().get() as Buffer | undefined;
    if (!structure || !this.indexState || !structure.equals(this.indexState)) {
      this.letterTerms.clear();
      this.known.clear();
      this.expansions.clear();
      this.counts.clear();
      this.pages = undefined;
      this.averageLength = undefined;
      this.indexState = structure;
    }
  }

  /** Analyses the query into words, each with the index terms it matches. */
  private queryWords(query: string): QueryWord[] {
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
   * Adds index terms one edit (insertion, deletion, substitution or swap) away from `term`: the
   * vocabulary is scanned for terms with the same first letter and a length within one.
   */
  private neighbours(term: string, into: Set<string>): void {
    for (const t of this.termsStartingWith(term[0])) {
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
