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
/** Shortest stem that gets typo tolerance (shorter words have too many one-edit neighbours). */
const MIN_FUZZY = 4;
/** Longest word ending a stemmer removes ("ements", "ations"), for typo tolerance. */
const MAX_SUFFIX = 6;
/** Query words beyond this are ignored (a pasted paragraph must stay fast). */
const MAX_QUERY_WORDS = 24;
/** Most one-edit neighbours one misspelt word expands to. */
const MAX_FUZZY = 50;

// A page's structured field values (registry/wiki/fields.ts) are shown in snippets after its body.
const FIELDS_TEXT = `coalesce((SELECT char(10) || char(10) || group_concat(value, ' ') FROM page_field_values WHERE page_id = pages.id), '')`;
const SQL_PAGE_BY_ID = `SELECT slug, title, markdown || ${FIELDS_TEXT} AS markdown FROM pages WHERE id = @id AND deleted_at IS NULL`;
// The best `limit` matches (SQLite keeps a top-k heap); every match is counted apart, without
// bm25(), and only when the page of results is full.
const SQL_HITS = `SELECT rowid AS id, bm25(wiki_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}, ${FIELDS_WEIGHT}) AS rank
  FROM wiki_fts WHERE wiki_fts MATCH @match ORDER BY rank, rowid LIMIT @limit`;
const SQL_MATCH_COUNT = `SELECT count(*) FROM wiki_fts WHERE wiki_fts MATCH @match`;
// A term is in the index when some page matches it: the first entry of its doclist answers, where
// the vocabulary table would count every page of a frequent term (0.5 ms for a term of every page).
const SQL_TERM = `SELECT 1 FROM wiki_fts WHERE wiki_fts MATCH @match LIMIT 1`;
const SQL_PREFIX = `SELECT 1 FROM wiki_fts_vocab WHERE term >= @from AND term < @to LIMIT 1`;
const SQL_LETTER_TERMS = `SELECT term FROM wiki_fts_vocab WHERE term >= @from AND term < @to`;
// FTS5's structure record (segments and their levels): rewritten by every transaction that writes
// to the index, so an unchanged record means an unchanged vocabulary.
const SQL_STRUCTURE = `SELECT block FROM wiki_fts_data WHERE id = 10`;
const SQL_COUNT = `SELECT count(*) FROM wiki_fts`;
const SQL_VOCABULARY = `SELECT count(*) AS terms, coalesce(sum(doc), 0) AS postings FROM wiki_fts_vocab`;

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
  /** Stop words typed last are kept only as prefixes and never required. */
  optional: boolean;
}

/** The index terms of a query, for highlights and snippets: whole terms, and terms beginning with a typed prefix. */
class QueryTerms implements TermLookup {
  private readonly terms = new Set<string>();
  private readonly prefixes: string[] = [];

  constructor(words: QueryWord[]) {
    for (const w of words) {
      for (const t of w.terms) this.terms.add(t);
      for (const p of w.prefixes) if (!this.prefixes.includes(p)) this.prefixes.push(p);
    }
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

/** An FTS5 expression matching any of a word's terms and prefixes. */
const wordMatch = (w: QueryWord) =>
  `(${[...w.terms.map(ftsString), ...w.prefixes.map(ftsPrefix)].join(' OR ')})`;

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
    if (firstMatch(markdownToText(body.slice(lineStart, lineEnd)), terms) >= 0) {
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
  private letterTermsOf: Buffer | undefined;

  constructor(
    private readonly db: Database,
    _wiki?: WikiServices,
  ) {}

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
    let hits = all ? this.run(all, limit) : [];
    if (hits.length === 0 && some !== all) hits = this.run((match = some), limit);
    if (hits.length === 0) return { query, total: 0, results: [] };
    const total =
      hits.length < limit
        ? hits.length
        : (ftsStatement(this.db, SQL_MATCH_COUNT).pluck().get({ match }) as number);
    const terms = new QueryTerms(usable);
    const page = stmt(this.db, SQL_PAGE_BY_ID);
    const results: WikiSearchResult[] = [];
    for (const hit of hits) {
      const p = page.get({ id: hit.id }) as SearchablePage | undefined;
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

  private run(match: string, limit: number): { id: number; rank: number }[] {
    return ftsStatement(this.db, SQL_HITS).all({ match, limit }) as { id: number; rank: number }[];
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
      words.push({ terms, prefixes, optional: stop });
    });
    return words;
  }

  private hasTerm(term: string): boolean {
    return ftsStatement(this.db, SQL_TERM).get({ match: ftsString(term) }) !== undefined;
  }

  /** The index terms starting with `letter` (cached while the index is unchanged). */
  private termsStartingWith(letter: string): string[] {
    const structure = ftsStatement(this.db, SQL_STRUCTURE).pluck().get() as Buffer | undefined;
    if (!structure || !this.letterTermsOf || !structure.equals(this.letterTermsOf)) {
      this.letterTerms.clear();
      this.letterTermsOf = structure;
    }
    let terms = this.letterTerms.get(letter);
    if (!terms) {
      terms = ftsStatement(this.db, SQL_LETTER_TERMS)
        .pluck()
        .all({ from: letter, to: prefixEnd(letter) }) as string[];
      this.letterTerms.set(letter, terms);
    }
    return terms;
  }

  private hasPrefix(prefix: string): boolean {
    return (
      ftsStatement(this.db, SQL_PREFIX).get({ from: prefix, to: prefixEnd(prefix) }) !== undefined
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
