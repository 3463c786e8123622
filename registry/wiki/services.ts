import { createHash } from 'node:crypto';
import type { MarkdownIt } from 'markdown-it';
import type { Database } from '../../server/db/open.js';
import type { Page } from './pages.js';
import { analyzeMarkdown, createMarkdown, finalizeHtml, type MarkdownAnalysis } from './markdown.js';
import { stmt } from './statements.js';
import { BROTLI_CACHED_QUALITY, compressSync, type ContentCoding } from '../../server/compression.js';

/**
 * Where a save came from: listeners use it (co-editing ignores its own saves, for instance).
 * 'restore' is a deleted page coming back as it was (no new revision).
 */
export type SaveOrigin = 'rest' | 'collab' | 'revert' | 'seed' | 'import' | 'restore';

/** Told about every committed save, and every restoration of a deleted page. */
export type PageListener = (page: Page, origin: SaveOrigin) => void;

/** Told about every committed page deletion (the slug no longer names a live page). */
export type PageDeletedListener = (slug: string) => void;

/** Told about every committed page move: `from` is the old slug, `page` the page at its new slug. */
export type PageMovedListener = (from: string, page: Page) => void;

/** Options of `WikiServices`. */
export interface WikiServicesOptions {
  /** Budget of the render cache, in characters of HTML (default 32 M, about 64 MB). */
  cacheChars?: number;
  /** Budget of the cache of whole page answers, in bytes (default 16 MB). */
  answerBytes?: number;
}

/** One form of a cached page answer: its bytes and their strong validator (quoted, as sent in ETag). */
export interface AnswerBytes {
  readonly body: Buffer<ArrayBuffer>;
  readonly etag: string;
}

/**
 * A cached page answer (UTF-8 JSON) with its validator; its compressed forms are made by
 * `answerIn` when a request first accepts them, and live as long as the answer.
 */
export interface CachedAnswer {
  readonly identity: AnswerBytes;
  br?: AnswerBytes;
  gzip?: AnswerBytes;
}

/** ETag suffix of each compressed form: a validator names one representation, not the page. */
const CODING_TAG: Record<ContentCoding, string> = { br: 'br', gzip: 'gz' };

/** Bytes held by a cached answer, compressed forms included. */
const answerSize = (a: CachedAnswer) => a.identity.body.length + (a.br?.body.length ?? 0) + (a.gzip?.body.length ?? 0);

/** One cached rendering of a page revision. */
interface RenderEntry {
  template: string;
  /** Distinct wiki link targets of the revision. */
  targets: string[];
  /** Targets that had no page when `html` was filled in, joined by spaces (a cheap comparable key). */
  missingKey: string;
  html: string;
  /** `html` and the body as JSON string literals, made on first use: page reads splice them in. */
  htmlJson: string | null;
  markdownJson: string | null;
  /** `existenceGen` when `html` was last checked. */
  gen: number;
}

// A redirect to a live page (a moved page's former slug) is an existing link target too.
const SQL_EXISTING_SLUGS = `SELECT slug FROM pages WHERE slug IN (SELECT value FROM json_each(@slugs)) AND deleted_at IS NULL
  UNION ALL SELECT g.slug FROM page_redirects g JOIN pages p ON p.id = g.page_id
  WHERE g.slug IN (SELECT value FROM json_each(@slugs)) AND p.deleted_at IS NULL`;
const SQL_DATA_VERSION = `PRAGMA data_version`;
/** Rows written by this connection since it opened (rolled-back writes count too: that only empties a cache). */
const OTHER_WRITERS_CHECK_MS = 20;
const SQL_TOTAL_CHANGES = `SELECT total_changes()`;

/**
 * The wiki's in-memory services: markdown rendering (cached per revision), link extraction,
 * and the listeners that keep derived state (search index, live co-editing documents) current.
 * One instance per app.
 *
 * The render cache is keyed by slug and revision, so an edit never serves stale HTML. What a
 * revision's HTML also depends on is which linked pages exist (the "missing" class): every entry
 * remembers the existence generation it was checked at; the generation moves when a page is
 * created in this process, or when another process (the CLI, an import) wrote to the database.
 * A moved generation costs one indexed query for that entry's targets, and a string fill-in only
 * when the answer changed; never a re-parse.
 */
export class WikiServices {
  private readonly md: MarkdownIt = createMarkdown();
  private readonly cache = new Map<string, RenderEntry>();
  private cacheChars = 0;
  private readonly maxCacheChars: number;
  private existenceGen = 0;
  private dataVersion = -1;
  private lastAnalysis: { markdown: string; analysis: MarkdownAnalysis } | null = null;
  private readonly listeners: PageListener[] = [];
  private readonly deletedListeners: PageDeletedListener[] = [];
  private readonly movedListeners: PageMovedListener[] = [];
  /** Whole page answers (UTF-8 JSON, and compressed forms), valid until anything is written to the database. */
  private readonly answers = new Map<string, CachedAnswer>();
  private answerBytes = 0;
  private readonly maxAnswerBytes: number;
  private answersStamp = -1;
  /**
   * `dataVersion` when the answers were last emptied. Compared with `dataVersion` itself, not with
   * whether this call moved it: every rendering also looks at the data version, and would otherwise
   * swallow another connection's commit before a cached read saw it.
   */
  private answersVersion = -1;
  private otherWritersCheckedAt = -Infinity;

  /**
   * @param db the database whose pages decide which wiki links are "missing"; without one (the
   *   seed, tools) every link is shown as existing.
   */
  constructor(
    private readonly db?: Database,
    options: WikiServicesOptions = {},
  ) {
    this.maxCacheChars = options.cacheChars ?? 32 * 1024 * 1024;
    this.maxAnswerBytes = options.answerBytes ?? 16 * 1024 * 1024;
  }

  /**
   * The page answer (`GET /api/pages/:slug`) stored by `storeAnswer`, as long as nothing at all was
   * written to the database since (by this process or another): an answer also shows names,
   * categories and backlink counts that other writes move, so any write empties this cache. The
   * check is two statements that touch no table (this connection's change count, and SQLite's
   * data version for the commits of other connections).
   */
  cachedAnswer(slug: string): CachedAnswer | undefined {
    if (!this.db) return undefined;
    const changes = stmt(this.db, SQL_TOTAL_CHANGES).pluck().get() as number;
    const now = performance.now();
    if (now - this.otherWritersCheckedAt >= OTHER_WRITERS_CHECK_MS) {
      this.otherWritersCheckedAt = now;
      this.checkOtherWriters();
    }
    if (changes !== this.answersStamp || this.answersVersion !== this.dataVersion) {
      this.answers.clear();
      this.answerBytes = 0;
      this.answersStamp = changes;
      this.answersVersion = this.dataVersion;
      return undefined;
    }
    return this.answers.get(slug);
  }

  /**
   * Keeps a page answer for `cachedAnswer` (call it right after `cachedAnswer` missed, with no
   * write in between), with a strong validator: a hash of the bytes, so it is the same in every
   * process and after a restart, as long as the answer is.
   * @returns the cache entry (also when the answer is too large to be kept).
   */
  storeAnswer(slug: string, body: Buffer<ArrayBuffer>): CachedAnswer {
    const tag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const answer: CachedAnswer = { identity: { body, etag: `"${tag}"` } };
    if (!this.db || body.length > this.maxAnswerBytes / 4) return answer;
    const old = this.answers.get(slug);
    if (old) this.answerBytes -= answerSize(old);
    this.answers.set(slug, answer);
    this.answerBytes += body.length;
    this.trimAnswers();
    return answer;
  }

  /**
   * A page answer compressed with `coding`: made on first demand (brotli at BROTLI_CACHED_QUALITY,
   * once per cache fill) and kept with the answer. Its ETag is the answer's with a suffix.
   */
  answerIn(slug: string, answer: CachedAnswer, coding: ContentCoding): AnswerBytes {
    const kept = answer[coding];
    if (kept) return kept;
    const body = compressSync(answer.identity.body, coding, BROTLI_CACHED_QUALITY) as Buffer<ArrayBuffer>;
    const made: AnswerBytes = { body, etag: `${answer.identity.etag.slice(0, -1)}-${CODING_TAG[coding]}"` };
    answer[coding] = made;
    // Counted only while the answer is in the cache (an answer too large to keep is not).
    if (this.answers.get(slug) === answer) {
      this.answerBytes += body.length;
      this.trimAnswers();
    }
    return made;
  }

  private trimAnswers(): void {
    // Oldest first (insertion order): the whole cache is emptied by any write anyway.
    for (const [key, a] of this.answers) {
      if (this.answerBytes <= this.maxAnswerBytes) break;
      this.answers.delete(key);
      this.answerBytes -= answerSize(a);
    }
  }

  /**
   * Parses a body: HTML template, wiki links, categories, text length. The last result is kept,
   * so a save followed by the rendering of the same body parses once.
   */
  analyze(markdown: string): MarkdownAnalysis {
    const last = this.lastAnalysis;
    if (last && last.markdown === markdown) return last.analysis;
    const analysis = analyzeMarkdown(this.md, markdown);
    this.lastAnalysis = { markdown, analysis };
    return analysis;
  }

  /** Rendered HTML of a page revision, cached by slug and revision number. */
  render(page: Pick<Page, 'slug' | 'revision' | 'markdown'>): string {
    return this.entry(page).html;
  }

  /**
   * The body and the rendered HTML of a page revision as JSON string literals, cached with the
   * rendering: a page read splices them into its answer instead of re-encoding kilobytes of text.
   */
  renderJson(page: Pick<Page, 'slug' | 'revision' | 'markdown'>): { markdown: string; html: string } {
    const entry = this.entry(page);
    if (entry.htmlJson === null) {
      entry.htmlJson = JSON.stringify(entry.html);
      this.cacheChars += entry.htmlJson.length;
    }
    if (entry.markdownJson === null) {
      entry.markdownJson = JSON.stringify(page.markdown);
      this.cacheChars += entry.markdownJson.length;
    }
    return { markdown: entry.markdownJson, html: entry.htmlJson };
  }

  /**
   * `renderJson` of a revision already in the cache (existence re-checked), without needing its
   * body; undefined when it is not cached with its encodings.
   */
  cachedJson(slug: string, revision: number): { markdown: string; html: string } | undefined {
    this.checkOtherWriters();
    const entry = this.cache.get(`${slug}@${revision}`);
    if (!entry || entry.markdownJson === null) return undefined;
    if (entry.gen !== this.existenceGen) this.recheck(entry);
    if (entry.htmlJson === null) {
      entry.htmlJson = JSON.stringify(entry.html);
      this.cacheChars += entry.htmlJson.length;
    }
    return { markdown: entry.markdownJson, html: entry.htmlJson };
  }

  private entry(page: Pick<Page, 'slug' | 'revision' | 'markdown'>): RenderEntry {
    this.checkOtherWriters();
    const key = `${page.slug}@${page.revision}`;
    let entry = this.cache.get(key);
    if (entry) {
      // Least recently used goes first: re-inserting moves the entry to the end of the Map.
      this.cache.delete(key);
      this.cache.set(key, entry);
      if (entry.gen !== this.existenceGen) this.recheck(entry);
      return entry;
    }
    const analysis = this.analyze(page.markdown);
    const targets = analysis.links.map((l) => l.slug);
    const missing = this.missingOf(targets);
    entry = {
      template: analysis.template,
      targets,
      missingKey: [...missing].join(' '),
      html: finalizeHtml(analysis.template, (s) => missing.has(s)),
      htmlJson: null,
      markdownJson: null,
      gen: this.existenceGen,
    };
    this.cache.set(key, entry);
    this.cacheChars += entry.template.length + entry.html.length;
    this.evict();
    return entry;
  }

  /**
   * HTML of a body that is not saved (the editor's preview): rendered exactly like a page, with
   * links to missing pages marked, and not cached.
   */
  preview(markdown: string): string {
    this.checkOtherWriters();
    const analysis = analyzeMarkdown(this.md, markdown);
    const missing = this.missingOf(analysis.links.map((l) => l.slug));
    return finalizeHtml(analysis.template, (s) => missing.has(s));
  }

  /** Slugs of the wiki pages a markdown body links to (distinct, in order of appearance). */
  extractLinks(markdown: string): string[] {
    return this.analyze(markdown).links.map((l) => l.slug);
  }

  /** Tells the render cache that pages may have appeared or disappeared (creation, deletion, import). */
  pagesExistenceChanged(): void {
    this.existenceGen++;
  }

  /** Registers a listener called after every committed save. */
  onPageChanged(listener: PageListener): void {
    this.listeners.push(listener);
  }

  /** Called by `savePage` after a page was committed. A failing listener is logged, not thrown. */
  pageChanged(page: Page, origin: SaveOrigin): void {
    if (page.revision === 1) this.pagesExistenceChanged();
    for (const l of this.listeners) {
      try {
        l(page, origin);
      } catch (err) {
        console.error('[wiki] page listener failed', err);
      }
    }
  }

  /** Registers a listener called after every committed page deletion. */
  onPageDeleted(listener: PageDeletedListener): void {
    this.deletedListeners.push(listener);
  }

  /**
   * Called by `deletePage` after a deletion was committed: links to the page now render as
   * missing, and the listeners (search index, co-editing) let go of it. A failing listener is logged.
   */
  pageDeleted(slug: string): void {
    this.pagesExistenceChanged();
    for (const l of this.deletedListeners) {
      try {
        l(slug);
      } catch (err) {
        console.error('[wiki] page deletion listener failed', err);
      }
    }
  }

  /** Called by `restorePage` after a restoration was committed: the page is back for every listener. */
  pageRestored(page: Page): void {
    this.pagesExistenceChanged();
    this.pageChanged(page, 'restore');
  }

  /** Registers a listener called after every committed page move. */
  onPageMoved(listener: PageMovedListener): void {
    this.movedListeners.push(listener);
  }

  /**
   * Called by `movePage` after a move was committed: renderings cached under the old slug are
   * dropped (a new page written there would start again at revision 1), links to the old and the
   * new slug are re-checked, and the listeners (search index, co-editing) follow the page.
   * A failing listener is logged.
   */
  pageMoved(from: string, page: Page): void {
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(`${from}@`)) {
        const entry = this.cache.get(key)!;
        this.cache.delete(key);
        this.cacheChars -= entry.template.length + entry.html.length + (entry.htmlJson?.length ?? 0) + (entry.markdownJson?.length ?? 0);
      }
    }
    this.pagesExistenceChanged();
    for (const l of this.movedListeners) {
      try {
        l(from, page);
      } catch (err) {
        console.error('[wiki] page move listener failed', err);
      }
    }
  }

  /** Number of cached page answers (for tests and benchmarks). */
  get answerCount(): number {
    return this.answers.size;
  }

  /** Number of cached renderings (for tests and benchmarks). */
  get cacheSize(): number {
    return this.cache.size;
  }

  private missingOf(targets: string[]): Set<string> {
    if (!this.db || targets.length === 0) return new Set();
    const found = new Set(
      stmt(this.db, SQL_EXISTING_SLUGS).pluck().all({ slugs: JSON.stringify(targets) }) as string[],
    );
    return new Set(targets.filter((t) => !found.has(t)));
  }

  private recheck(entry: RenderEntry): void {
    const missing = this.missingOf(entry.targets);
    const key = [...missing].join(' ');
    if (key !== entry.missingKey) {
      this.cacheChars -= entry.html.length + (entry.htmlJson?.length ?? 0);
      entry.html = finalizeHtml(entry.template, (s) => missing.has(s));
      entry.htmlJson = null;
      entry.missingKey = key;
      this.cacheChars += entry.html.length;
    }
    entry.gen = this.existenceGen;
  }

  /** Another connection (a CLI import while the server runs) committed: page existence may have moved. */
  private checkOtherWriters(): void {
    if (!this.db) return;
    const v = stmt(this.db, SQL_DATA_VERSION).pluck().get() as number;
    if (v !== this.dataVersion) {
      if (this.dataVersion !== -1) this.existenceGen++;
      this.dataVersion = v;
    }
  }

  private evict(): void {
    for (const [key, entry] of this.cache) {
      if (this.cacheChars <= this.maxCacheChars || this.cache.size <= 1) break;
      this.cache.delete(key);
      this.cacheChars -= entry.template.length + entry.html.length + (entry.htmlJson?.length ?? 0) + (entry.markdownJson?.length ?? 0);
    }
  }
}
