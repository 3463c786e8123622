import type { Database } from 'better-sqlite3';
import { matchRanges } from '../text/snippets.js';
import { markdownToText } from '../text/markdown-text.js';
import { ftsStatement } from '../text/fts.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';
import { QueryAnalyser, wordMatch, wordRankMatch } from './search-query.js';
import { EXACT_LIMIT, SearchRanking } from './search-rank.js';
import { QueryTerms, snippetOf } from './search-snippets.js';

export { markdownToText, snippetOf, EXACT_LIMIT };

/*
 * Wiki full-text search on SQLite FTS5 (migrations/0016_fts.sql): the `wiki_fts` table holds the
 * analysed title, body and field values of every live page, kept current by triggers in the same
 * transaction as every write (saves, deletions, restorations, moves, imports, other processes),
 * so an edit is findable as soon as its transaction commits and nothing is built at start-up.
 *
 * Queries are never parsed as a query language: the text is analysed into words (the shared
 * French analyser) and the FTS5 expression is built from quoted terms, so `:`, `^`, `~`, `*`,
 * quotes or any garbage are just separators. Each word matches its stems; the last word, while
 * typed, also matches as a prefix; a word that matches nothing gets typo tolerance (terms one edit
 * away in the `wiki_fts_vocab` table, or terms the word starts with: a typo in an ending defeats
 * the stemmer). Pages matching every word are returned, ranked by `bm25()` with the title weighing
 * more than the body; when none does, pages matching some words.
 *
 * Query analysis is in search-query.ts, ranking in search-rank.ts, snippets and highlights in
 * search-snippets.ts; this module puts them together.
 */

// A page's structured field values (registry/wiki/fields.ts) are shown in snippets after its body.
const FIELDS_TEXT = `coalesce((SELECT char(10) || char(10) || group_concat(value, ' ') FROM page_field_values WHERE page_id = pages.id), '')`;
// The pages of a page of results, in one statement (`@ids`: a JSON array of page ids).
const SQL_PAGES_BY_ID = `SELECT id, slug, title, markdown || ${FIELDS_TEXT} AS markdown FROM pages
  WHERE id IN (SELECT value FROM json_each(@ids)) AND deleted_at IS NULL`;
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

/**
 * The wiki's search service (one per app, in `AppServices.search`): reads the `wiki_fts` table,
 * which the database keeps current itself. Holds no index of its own.
 */
export class WikiSearch {
  /** Query analysis, with what the vocabulary answered while the index is unchanged. */
  private readonly queries: QueryAnalyser;
  /** Counts and ranking, with the counts and figures of the index while it is unchanged. */
  private readonly ranking: SearchRanking;
  /** FTS5's structure record when the caches above were filled. */
  private indexState: Buffer | undefined;

  private readonly exactLimit: number;

  /**
   * @param db the database (migrated: its full-text table and triggers exist).
   * @param _wiki the wiki's services (kept for the constructor's shape: nothing to follow, the
   *   triggers index every write).
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
    this.queries = new QueryAnalyser(db);
    this.ranking = new SearchRanking(db);
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
    const words = this.queries.words(query);
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
    let total = all ? this.ranking.count(all) : 0;
    if (total === 0 && some !== all) total = this.ranking.count((match = some));
    if (total === 0) return { query, total: 0, results: [] };
    // The words of the expression matched (the optional ones only in the fallback).
    const matched = match === all ? required : usable;
    const hits =
      total <= this.exactLimit
        ? this.ranking.run(matched.map(wordRankMatch).join(match === all ? ' AND ' : ' OR '), limit)
        : this.ranking.rankBroad(match, matched, limit, match !== all || required.length === 1);
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

  /** Forgets what was cached about the index when it changed (FTS5's structure record did). */
  private checkIndex(): void {
    const structure = ftsStatement(this.db, SQL_STRUCTURE).pluck().get() as Buffer | undefined;
    if (!structure || !this.indexState || !structure.equals(this.indexState)) {
      this.queries.reset();
      this.ranking.reset();
      this.indexState = structure;
    }
  }
}
