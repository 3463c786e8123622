import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SearchResult } from '../api/wiki.js';
import { searchEverything, type SearchEverything } from '../api/search-all.js';
import { label } from '../lib/registry-format.js';
import { t } from '../i18n/index.js';
import { errorBox, loadingLine, pageUrl } from '../format.js';
import { SessionController } from '../session.js';
import { slugify } from '../../registry/text/slug.js';
import { sharedStyles } from '../styles.js';
import { highlightParts } from '../highlight.js';
import { slotLabel } from '../lib/event-format.js';

/**
 * The search results page, grouped by kind: wiki pages (titles, snippets with the matched words
 * marked), communs, places, people and events (with their date, upcoming first); a way to create
 * the page when nothing else matched.
 */
@customElement('lc-search-page')
export class LcSearchPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      ol { list-style: none; padding: 0; margin: 0; }
      li { padding: 0.9rem 0; border-bottom: 1px solid var(--lc-line); }
      li:last-child { border-bottom: 0; }
      ul.card { list-style: none; margin: 0; }
      li a.title { font-size: 1.1rem; font-weight: 600; }
      h2 small { font-weight: 400; font-size: 0.9rem; }
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
  /** The other kinds of results (communs, places, people). */
  @state() private _others: SearchEverything | null = null;
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
      const r = await searchEverything(q, 50);
      if (q !== this.query.trim()) return;
      this._others = r;
      this._results = r.pages.items;
      this._total =
        r.pages.total + r.communs.total + r.places.total + r.people.total + r.events.total;
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
    const o = this._others;
    // A query that found a place, a person or a commun is not a page waiting to be written.
    const foundRecords =
      !!o && o.communs.total + o.places.total + o.people.total + o.events.total > 0;
    const group = <T>(
      key: string,
      testid: string,
      g: { total: number; items: T[] } | undefined,
      line: (x: T) => unknown,
    ) =>
      g && g.total
        ? html`<section aria-labelledby="g-${testid}">
            <h2 id="g-${testid}">${t(key)} <small class="muted">(${g.total})</small></h2>
            <ul class="card" data-testid=${testid}>${g.items.map((x) => html`<li>${line(x)}</li>`)}</ul>
            ${g.total > g.items.length ? html`<p class="muted small">${t('searchAll.more', { shown: g.items.length, total: g.total })}</p>` : nothing}
          </section>`
        : nothing;
    return html`
      <p class="muted" role="status">${t('wiki.search.count', { n: this._total })}</p>
      ${group(
        'searchAll.places',
        'search-places',
        o?.places,
        (p) => html`<a class="title" href="/lieux/${encodeURIComponent(p.slug)}">${p.name}</a>
          <div class="url">${[p.city, p.region].filter(Boolean).join(', ')}</div>`,
      )}
      ${group(
        'searchAll.people',
        'search-people',
        o?.people,
        (p) => html`<a class="title" href="/personnes/${encodeURIComponent(p.slug)}">${p.name}</a>
          <div class="url">${[p.place?.name, p.region].filter(Boolean).join(', ')}</div>`,
      )}
      ${group(
        'searchAll.events',
        'search-events',
        o?.events,
        (e) => html`<a class="title" href="/evenements/${e.id}">${e.title}</a>
          <div class="url"><time datetime=${e.startsAt}>${slotLabel(e)}</time>${e.upcoming ? nothing : html` · ${t('searchAll.eventPast')}`}</div>
          <div class="snippet">${t(`eventType.${e.type}`)} · ${[e.place.name, e.place.city].filter(Boolean).join(', ')}${e.campaign ? html` · ${e.campaign.title}` : nothing}</div>`,
      )}
      ${group(
        'searchAll.communs',
        'search-communs',
        o?.communs,
        (r) => html`<a class="title" href="/communs/${encodeURIComponent(r.slug)}">${r.name}</a>
          <div class="url">${label('kind', r.kind)}</div><p class="snippet">${r.summary}</p>`,
      )}
      ${results.length ? html`<h2 id="g-pages">${t('searchAll.pages')} <small class="muted">(${o?.pages.total ?? results.length})</small></h2>` : nothing}
      ${
        results.length
          ? html`<ol class="card" data-testid="search-results" aria-labelledby="g-pages">
            ${results.map(
              (r) => html`<li>
                <a class="title" href=${pageUrl(r.slug)}>${r.title}</a>
                <div class="url">${pageUrl(r.slug)}</div>
                ${
                  r.snippet
                    ? html`<p class="snippet">
                      ${highlightParts(r.snippet, q).map((p) => (p.hit ? html`<mark>${p.text}</mark>` : p.text))}
                    </p>`
                    : nothing
                }
              </li>`,
            )}
          </ol>`
          : foundRecords
            ? nothing
            : html`<p>${t('searchAll.none')}</p>`
      }
      ${
        !exact && !foundRecords && canCreate && slugify(q)
          ? html`<p class="create">
            ${t('wiki.search.createPrompt')}
            <a class="btn secondary small" href="/new?${new URLSearchParams({ title: q })}">${t('wiki.search.create', { q })}</a>
          </p>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-search-page': LcSearchPage;
  }
}
