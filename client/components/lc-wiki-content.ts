import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { navigate } from '../router.js';
import { titleForMissingLink } from '../format.js';
import { t } from '../i18n/index.js';
import { slugify } from '../../registry/text/slug.js';

/**
 * Shows the rendered HTML of a wiki page. The HTML comes from the server's markdown renderer,
 * which allows no raw HTML and only safe URL schemes: it is the only HTML inserted unescaped.
 * A click on a link to a missing page opens the new-page form with the page's title; links to
 * sections (#h-…) scroll inside the content, since ids in a shadow root are not found by the browser.
 */
@customElement('lc-wiki-content')
export class LcWikiContent extends LitElement {
  static override styles = css`
    :host { display: block; line-height: 1.65; overflow-wrap: anywhere; }
    .content > :first-child { margin-top: 0; }
    .content > :last-child { margin-bottom: 0; }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; scroll-margin-top: 1rem; }
    h1 { font-size: 1.7rem; }
    h2 { font-size: 1.4rem; padding-bottom: 0.2em; border-bottom: 1px solid #dcd7ca; }
    h3 { font-size: 1.15rem; }
    h4, h5, h6 { font-size: 1rem; }
    p, ul, ol, blockquote, table, pre { margin: 0 0 1em; }
    a { color: #22563c; text-underline-offset: 2px; }
    a:hover { color: #2f6f4f; }
    a:focus-visible { outline: 3px solid #1f4f9c; outline-offset: 2px; }
    a.wikilink { text-decoration-style: dotted; }
    a.wikilink.missing { color: #b3261e; }
    a.wikilink.missing:hover { color: #8a1c16; }
    a[href^='http']:not(.wikilink)::after { content: ' ↗'; font-size: 0.8em; }
    img { max-width: 100%; height: auto; }
    blockquote { border-left: 4px solid #b9d6c4; margin-left: 0; padding: 0.2em 1em; color: #41504a; background: #f3f7f4; }
    code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.9em; background: #efece4; padding: 0.1em 0.35em; border-radius: 4px; }
    pre { background: #24302a; color: #eef3ef; padding: 0.9em 1.1em; border-radius: 8px; overflow-x: auto; line-height: 1.45; }
    pre code { background: none; padding: 0; color: inherit; font-size: 0.88em; }
    table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
    th, td { border: 1px solid #d3cdbf; padding: 0.4em 0.7em; text-align: left; vertical-align: top; }
    th { background: #eef3ef; font-weight: 600; }
    tr:nth-child(even) td { background: #fbfaf7; }
    hr { border: 0; border-top: 1px solid #dcd7ca; margin: 2em 0; }
    ul.contains-task-list, ul:has(> li > input[type='checkbox']) { list-style: none; padding-left: 0.4em; }
    li.task-list-item { list-style: none; }
    li > input[type='checkbox'] { margin: 0 0.5em 0 0; vertical-align: middle; accent-color: #2f6f4f; }
    .missing-file { display: inline-block; border: 1px dashed #b3261e; color: #8a1c16; background: #fbf1f0; padding: 0.5em 0.8em; border-radius: 6px; }
  `;

  /** Server-rendered, sanitised HTML of the page. */
  @property() html = '';
  /** A preview inside the edit form: links do not navigate away from the unsaved text. */
  @property({ type: Boolean }) preview = false;

  override render() {
    return html`<div class="content" @click=${this._onClick}>${unsafeHTML(this.html)}</div>`;
  }

  /** Scrolls to the heading (or any element) with this id inside the content, and puts it in the URL. */
  scrollToAnchor(id: string): boolean {
    const target = this.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
    if (!target) return false;
    target.scrollIntoView({ block: 'start' });
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}#${encodeURIComponent(id)}`,
    );
    return true;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('html')) this._watchFiles();
    // Ids live inside this shadow root, where the browser does not look for them: scroll by hand.
    if (changed.has('html') && location.hash.length > 1) {
      const id = decodeURIComponent(location.hash.slice(1));
      requestAnimationFrame(() => this.scrollToAnchor(id));
    }
  }

  /**
   * An image of this wiki's files that does not load (the file was deleted, or never uploaded)
   * becomes a visible placeholder naming the file, instead of a broken image.
   */
  private _watchFiles() {
    for (const img of this.renderRoot.querySelectorAll<HTMLImageElement>('img[src^="/files/"]')) {
      const replace = () => {
        const name = decodeURIComponent(new URL(img.src).pathname.slice('/files/'.length));
        const span = document.createElement('span');
        span.className = 'missing-file';
        span.textContent = img.alt
          ? t('files.missing.alt', { name, alt: img.alt })
          : t('files.missing', { name });
        // In place of an image: an image whose name says what is missing.
        span.setAttribute('role', 'img');
        span.setAttribute('aria-label', span.textContent);
        img.replaceWith(span);
      };
      // Listened to right after rendering, before any answer can arrive (an SVG may have no natural size: not a test).
      img.addEventListener('error', replace, { once: true });
    }
  }

  private _onClick(e: MouseEvent) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest?.('a') as HTMLAnchorElement | null;
    if (!a || !a.href) return;
    if (this.preview) {
      e.preventDefault();
      return;
    }
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname && url.hash) {
      // A link to a section of this page.
      if (this.scrollToAnchor(decodeURIComponent(url.hash.slice(1)))) e.preventDefault();
      return;
    }
    if (
      !a.classList.contains('wikilink') ||
      !a.classList.contains('missing') ||
      !url.pathname.startsWith('/wiki/')
    )
      return;
    e.preventDefault();
    const slug = decodeURIComponent(url.pathname.slice('/wiki/'.length));
    const title = titleForMissingLink(slug, a.textContent ?? '', slugify);
    navigate(`/new?${new URLSearchParams({ title, slug })}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-wiki-content': LcWikiContent;
  }
}
