import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { getCategory, type PageRef } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl } from '../format.js';
import { SessionController } from '../session.js';
import { sharedStyles } from '../styles.js';
import './lc-wiki-content.js';

/** A category: its pages, in title order, grouped by first letter as in MediaWiki. */
@customElement('lc-category-page')
export class LcCategoryPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .cols { columns: 3 14rem; column-gap: 2rem; }
      .letter { break-inside: avoid; margin-bottom: 1rem; }
      .letter h2 { font-size: 1rem; margin: 0 0 0.3rem; color: var(--lc-muted); }
      li { padding: 0.15rem 0; }
      .description { margin-bottom: 1.5rem; }
    `,
  ];

  /** Name of the category. */
  @property() name = '';

  @state() private _pages: PageRef[] | null = null;
  @state() private _descriptionHtml: string | null = null;
  @state() private _error: unknown = null;
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('name')) void this._load();
  }

  private async _load() {
    const name = this.name;
    this._pages = null;
    this._descriptionHtml = null;
    this._error = null;
    document.title = `${t('wiki.category.heading', { name })} · ${t('app.name')}`;
    try {
      const r = await getCategory(name);
      if (name === this.name) {
        this._descriptionHtml = r.descriptionHtml;
        this._pages = r.pages;
      }
    } catch (err) {
      if (name === this.name) this._error = err;
    }
  }

  override render() {
    return html`
      <p class="small"><a href="/special/categories">← ${t('wiki.special.categories')}</a></p>
      <h1>${t('wiki.category.heading', { name: this.name })}</h1>
      ${
        this._descriptionHtml
          ? html`<lc-wiki-content class="description" data-testid="category-description" .html=${this._descriptionHtml}></lc-wiki-content>`
          : ''
      }
      ${this._error ? errorBox(this._error) : this._pages ? this._renderPages(this._pages) : loadingLine()}
    `;
  }

  private _renderPages(pages: PageRef[]) {
    if (!pages.length) return html`<p class="muted">${t('wiki.category.empty')}</p>`;
    const groups = new Map<string, PageRef[]>();
    for (const p of pages) {
      const letter = p.title.normalize('NFD').charAt(0).toUpperCase();
      groups.set(letter, [...(groups.get(letter) ?? []), p]);
    }
    return html`<p class="muted">${t('wiki.special.pageCount', { n: pages.length })}</p>
      <div class="card cols" data-testid="category-pages">
        ${[...groups].map(
          ([letter, list]) => html`<section class="letter">
            <h2>${letter}</h2>
            <ul class="plain">
              ${list.map((p) => html`<li><a href=${pageUrl(p.slug)}>${p.title}</a></li>`)}
            </ul>
          </section>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-category-page': LcCategoryPage;
  }
}
