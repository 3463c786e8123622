import type { Database } from 'better-sqlite3';
import { FullTextIndex, findSnippet, firstMatch, matchRanges } from '../text/search-index.js';
import { foldAccents } from '../text/french.js';
import type { WikiServices } from './services.js';
import { stmt } from './statements.js';

/*
 * Wiki full-text search: an incremental inverted index (registry/text/search-index.ts: BM25,
 * title boosted over body, French analysis) built from the pages table when the app is created
 * and updated in place by `wiki.onPageChanged` after every committed save. Updating one page
 * costs a few milliseconds at most, so an edit is findable as soon as its save returns; there is no
 * rebuild, no delta index and no background job (see the design note in search-index.ts).
 * Writes by another process (the CLI, an import) do not reach the listeners: SQLite's
 * `PRAGMA data_version` tells, at each search, whether another connection committed, and only
 * then the pages whose revision moved are re-indexed.
 */

/** Title words weigh this much more than body words. */
const TITLE_BOOST = 4;
const BODY_BOOST = 1;
const SNIPPET_LENGTH = 200;

// Deleted pages are not searchable (a restoration indexes them again). A page's structured field
// values (registry/wiki/fields.ts) are indexed with its body.
const FIELDS_TEXT = `coalesce((SELECT char(10) || char(10) || group_concat(value, ' ') FROM page_field_values WHERE page_id = pages.id), '')`;
const SQL_ALL_PAGES = `SELECT slug, title, markdown || ${FIELDS_TEXT} AS markdown, revision FROM pages WHERE deleted_at IS NULL`;
const SQL_PAGE_TEXT = `SELECT slug, title, markdown || ${FIELDS_TEXT} AS markdown, revision FROM pages WHERE slug = @slug AND deleted_at IS NULL`;
const SQL_REVISIONS = `SELECT slug, revision FROM pages WHERE deleted_at IS NULL`;
const SQL_DATA_VERSION = `PRAGMA data_version`;

/** The text a page is indexed by, and the revision it is at. */
export interface SearchablePage {
  slug: string;
  title: string;
  markdown: string;
  revision: number;
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
 * Plain text of a markdown body, for indexing and snippets: wiki links and links keep their
 * label, images their alt text; markup characters, HTML tags and URLs are dropped.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s*(```+|~~~+).*$/gm, ' ') // code fences (the code stays)
    .replace(/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/gm, ' ') // table delimiter rows
    .replace(/^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+/gm, '$1') // task list boxes
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt
    .replace(/\[\[([^\]|]*)\|([^\]]*)\]\]/g, '$2') // [[target|label]] → label
    .replace(/\[\[([^\]]*)\]\]/g, '$1') // [[target]] → target
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // [text](url) → text
    .replace(/<[^>\n]*>/g, ' ') // HTML tags and autolinks
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '') // headings, quotes, list markers
    .replace(/^\s*([-*_=]\s*){3,}$/gm, ' ') // rules and setext underlines
    .replace(/[*_~`|]+/g, ' ') // emphasis, code spans, table pipes
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Plain-text snippet of a markdown body around the first of `terms`. Pages can be long and a
 * results page shows twenty snippets, so the raw markdown is scanned for the first matching word
 * and only the lines around it are converted to text (a raw match inside markup, a URL say, is
 * checked on the converted line and skipped).
 * @param terms index terms found in the body (empty: the beginning of the page).
 * @param title the page title: a first heading repeating it is left out.
 */
export function snippetOf(markdown: string, terms: Set<string>, title = ''): string {
  let body = markdown;
  // A first heading repeating the title says nothing the result does not already show.
  const heading = /^\s*#[ \t]+([^\n]*)(\n|$)/.exec(body);
  if (heading && foldAccents(markdownToText(heading[1])) === foldAccents(title.trim())) body = body.slice(heading[0].length);

  const window = 2 * SNIPPET_LENGTH;
  for (let from = 0; terms.size > 0; ) {
    const at = firstMatch(body, terms, from);
    if (at < 0) break;
    const lineStart = body.lastIndexOf('\n', at) + 1;
    const newline = body.indexOf('\n', at);
    const lineEnd = newline < 0 ? body.length : newline;
    if (firstMatch(markdownToText(body.slice(lineStart, lineEnd)), terms) >= 0) {
      // Whole lines around the match, so that no link or emphasis is cut in half.
      const start = lineStart === 0 ? 0 : body.lastIndexOf('\n', Math.max(0, lineStart - window)) + 1;
      const next = body.indexOf('\n', Math.min(body.length, lineEnd + window));
      const end = next < 0 ? body.length : next;
      return ellipsis(findSnippet(markdownToText(body.slice(start, end)), terms, SNIPPET_LENGTH), body, start, end);
    }
    from = lineEnd;
  }
  const next = body.indexOf('\n', Math.min(body.length, window));
  const end = next < 0 ? body.length : next;
  return ellipsis(findSnippet(markdownToText(body.slice(0, end)), new Set(), SNIPPET_LENGTH), body, 0, end);
}

/** Marks with "…" the sides of a snippet taken from `body.slice(start, end)` where text was left out. */
function ellipsis(snippet: string, body: string, start: number, end: number): string {
  let out = snippet;
  if (start > 0 && !out.startsWith('…') && /\S/.test(body.slice(0, start))) out = `…${out}`;
  if (end < body.length && !out.endsWith('…') && /\S/.test(body.slice(end))) out = `${out}…`;
  return out;
}

/**
 * The wiki's search service (one per app, in `AppServices.search`).
 */
export class WikiSearch {
  private index = new FullTextIndex({
    fields: [
      { name: 'title', boost: TITLE_BOOST },
      { name: 'body', boost: BODY_BOOST },
    ],
  });
  /** Indexed revision of every page, to catch up with writes from other processes. */
  private revisions = new Map<string, number>();
  /** Pages saved inside a caller's transaction, which may still roll back: re-read at the next search. */
  private stale = new Set<string>();
  private dataVersion: number;
  /** Milliseconds the initial build took. */
  readonly buildMs: number;

  /**
   * Indexes every live page of the database and follows later saves, deletions and restorations
   * through `wiki.onPageChanged`, `wiki.onPageDeleted` and `wiki.onPageMoved`.
   * Pages written before the app existed (the seed) are read from the pages table here.
   */
  constructor(
    private readonly db: Database,
    wiki: WikiServices,
  ) {
    const started = performance.now();
    this.dataVersion = this.readDataVersion();
    for (const page of stmt(db, SQL_ALL_PAGES).iterate() as IterableIterator<SearchablePage>) this.indexPage(page);
    this.index.compact();
    this.buildMs = performance.now() - started;
    wiki.onPageChanged((page) => {
      if (db.inTransaction) this.stale.add(page.slug);
      else this.reindex(page.slug);
    });
    wiki.onPageDeleted((slug) => {
      if (db.inTransaction) this.stale.add(slug);
      else this.removePage(slug);
    });
    wiki.onPageMoved((from, page) => {
      if (db.inTransaction) {
        this.stale.add(from);
        this.stale.add(page.slug);
      } else {
        this.removePage(from);
        this.indexPage(page);
      }
    });
  }

  /** Number of indexed pages. */
  get size(): number {
    return this.index.size;
  }

  /** Number of distinct index terms. */
  get vocabularySize(): number {
    return this.index.vocabularySize;
  }

  /** Number of (term, page) pairs in the index. */
  get postingCount(): number {
    return this.index.postingCount;
  }

  /** Adds or replaces a page in the index. */
  indexPage(page: SearchablePage): void {
    this.index.set(page.slug, { title: page.title, body: markdownToText(page.markdown) });
    this.revisions.set(page.slug, page.revision);
  }

  /** Indexes a page again as the database holds it (body and field values), or drops it when it is gone. */
  reindex(slug: string): void {
    if (this.db.inTransaction) {
      this.stale.add(slug);
      return;
    }
    const page = stmt(this.db, SQL_PAGE_TEXT).get({ slug }) as SearchablePage | undefined;
    if (page) this.indexPage(page);
    else this.removePage(slug);
  }

  /** Drops a page from the index (deleted or renamed pages). */
  removePage(slug: string): void {
    this.index.remove(slug);
    this.revisions.delete(slug);
  }

  /**
   * Catches up with pages saved inside a transaction (committed or rolled back since) and with
   * pages written by another connection since the last call (cheap when none did: one pragma).
   * Called by `search`.
   */
  refresh(): void {
    const text = stmt(this.db, SQL_PAGE_TEXT);
    if (this.stale.size > 0 && !this.db.inTransaction) {
      for (const slug of this.stale) {
        const page = text.get({ slug }) as SearchablePage | undefined;
        if (page) this.indexPage(page);
        else this.removePage(slug);
      }
      this.stale.clear();
    }
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    const seen = new Set<string>();
    for (const { slug, revision } of stmt(this.db, SQL_REVISIONS).all() as { slug: string; revision: number }[]) {
      seen.add(slug);
      if (this.revisions.get(slug) === revision) continue;
      const page = text.get({ slug }) as SearchablePage | undefined;
      if (page) this.indexPage(page);
    }
    for (const slug of [...this.revisions.keys()]) if (!seen.has(slug)) this.removePage(slug);
  }

  /**
   * Ranks pages for free text. Any string is accepted (empty gives no results); nothing throws.
   * @param limit results to return.
   */
  search(query: string, limit = 20): WikiSearchAnswer {
    this.refresh();
    const { total, hits } = this.index.search(query, { limit });
    const statement = stmt(this.db, SQL_PAGE_TEXT);
    const results: WikiSearchResult[] = [];
    for (const hit of hits) {
      const page = statement.get({ slug: hit.ref }) as SearchablePage | undefined;
      if (!page) continue;
      const snippet = snippetOf(page.markdown, hit.fieldTerms.body ?? new Set(), page.title);
      results.push({
        slug: page.slug,
        title: page.title,
        snippet,
        score: Math.round(hit.score * 1000) / 1000,
        highlights: { title: matchRanges(page.title, hit.terms), snippet: matchRanges(snippet, hit.terms) },
      });
    }
    return { query, total, results };
  }

  private readDataVersion(): number {
    return (stmt(this.db, SQL_DATA_VERSION).get() as { data_version: number }).data_version;
  }
}
