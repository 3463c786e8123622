import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { search, type SearchResult } from '../api/wiki.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl, plural } from '../format.js';
import { SessionController } from '../session.js';
import { slugify } from '../../server/wiki/slug.js';
import { sharedStyles } from '../styles.js';
import { highlightParts } from '../highlight.js';

/** The search results page: titles, snippets with the matched words marked, a way to create the page. */
@customElement('lc-search-page')
export class LcSearchPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      ol { list-style: none; padding: 0; margin: 0; }
      li { padding: 0.9rem 0; border-bottom: 1px solid var(--lc-line); }
      li:last-child { border-bottom: 0; }
      li a.title { font-size: 1.1rem; font-weight: 600; }
      .url { color: var(--lc-muted); font-size: 0.82rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
      .snippet { margin: 0.25rem 0 0; color: #34423b; }
      mark { background: #ffe58a; color: inherit; padding: 0 0.1em; border-radius: 2px; }
      .create { margin-top: 1.2rem; }
      .card { padding-top: 0.2rem; padding-bottom: 0.2rem; }
      form.again { display: flex; gap: 0.5rem; margin-bottom: 1rem; max-width: 36rem; }
    `,
  ];

  /** The query. */
  @property() query = '';

  @state() private _results: SearchResult[] | null = null;
  @state() private _total = 0;
  @state() private _error: unknown = null;
  private _session = new SessionController(this);

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('query')) void this._load();
  }

  private async _load() {
    const q = this.query.trim();
    this._results = null;
    this._error = null;
    document.title = `${t('wiki.search.heading')} · ${t('app.name')}`;
    if (!q) {
      this._results = [];
      this._total = 0;
      return;
    }
    try {
      const r = await search(q, 50);
      if (q !== this.query.trim()) return;
      this._results = r.results;
      this._total = r.total;
    } catch (err) {
      this._error = err;
    }
  }

  override render() {
    const q = this.query.trim();
    return html`
      <h1>${q ? t('wiki.search.headingFor', { q }) : t('wiki.search.heading')}</h1>
      ${this._error ? errorBox(this._error) : this._results === null ? loadingLine() : this._renderResults(q, this._results)}
    `;
  }

  private _renderResults(q: string, results: SearchResult[]) {
    if (!q) return html`<p class="muted">${t('wiki.search.typeSomething')}</p>`;
    const exact = results.some((r) => r.slug === slugify(q));
    const canCreate = this._session.canEdit || !this._session.user;
    return html`
      <p class="muted" role="status">${plural('wiki.search.count', this._total)}</p>
      ${results.length
        ? html`<ol class="card" data-testid="search-results">
            ${results.map(
              (r) => html`<li>
                <a class="title" href=${pageUrl(r.slug)}>${r.title}</a>
                <div class="url">${pageUrl(r.slug)}</div>
                ${r.snippet
                  ? html`<p class="snippet">
                      ${highlightParts(r.snippet, q).map((p) => (p.hit ? html`<mark>${p.text}</mark>` : p.text))}
                    </p>`
                  : nothing}
              </li>`,
            )}
          </ol>`
        : html`<p>${t('wiki.search.none')}</p>`}
      ${!exact && canCreate && slugify(q)
        ? html`<p class="create">
            ${t('wiki.search.createPrompt')}
            <a class="btn secondary small" href="/new?${new URLSearchParams({ title: q })}">${t('wiki.search.create', { q })}</a>
          </p>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-search-page': LcSearchPage;
  }
}
