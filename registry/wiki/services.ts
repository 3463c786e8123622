import type { MarkdownIt } from 'markdown-it';
import type { Database } from 'better-sqlite3';
import type { Page } from './pages.js';
import {
  analyzeMarkdown,
  createMarkdown,
  finalizeHtml,
  type MarkdownAnalysis,
} from './markdown.js';
import { stmt } from './statements.js';

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
}

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
  /** SQLite's data version when other connections' commits were last looked for (-1: never). */
  protected dataVersion = -1;
  private lastAnalysis: { markdown: string; analysis: MarkdownAnalysis } | null = null;
  private readonly listeners: PageListener[] = [];
  private readonly deletedListeners: PageDeletedListener[] = [];
  private readonly movedListeners: PageMovedListener[] = [];

  /**
   * @param db the database whose pages decide which wiki links are "missing"; without one (the
   *   seed, tools) every link is shown as existing.
   */
  constructor(
    protected readonly db?: Database,
    options: WikiServicesOptions = {},
  ) {
    this.maxCacheChars = options.cacheChars ?? 32 * 1024 * 1024;
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
  renderJson(page: Pick<Page, 'slug' | 'revision' | 'markdown'>): {
    markdown: string;
    html: string;
  } {
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
        this.cacheChars -=
          entry.template.length +
          entry.html.length +
          (entry.htmlJson?.length ?? 0) +
          (entry.markdownJson?.length ?? 0);
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

  /** Number of cached renderings (for tests and benchmarks). */
  get cacheSize(): number {
    return this.cache.size;
  }

  private missingOf(targets: string[]): Set<string> {
    if (!this.db || targets.length === 0) return new Set();
    const found = new Set(
      stmt(this.db, SQL_EXISTING_SLUGS)
        .pluck()
        .all({ slugs: JSON.stringify(targets) }) as string[],
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
  protected checkOtherWriters(): void {
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
      this.cacheChars -=
        entry.template.length +
        entry.html.length +
        (entry.htmlJson?.length ?? 0) +
        (entry.markdownJson?.length ?? 0);
    }
  }
}
