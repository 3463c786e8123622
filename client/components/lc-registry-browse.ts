import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { showFiltersInUrl } from '../lib/filter-url.js';
import { LatestRequest } from '../lib/latest-request.js';
import { registryStyles } from '../lib/registry-styles.js';
import {
  listResources,
  type ResourceList,
  type ResourceQuery,
  type ResourceSummary,
} from '../api/registry.js';
import { MY_PLACE_EVENT, getMyPlace } from '../lib/registry-format.js';
import './lc-facet-list.js';
import './lc-filters-panel.js';
import './lc-resource-card.js';
import './lc-my-place.js';

const FACETS = ['theme', 'kind', 'license', 'qualification', 'region'] as const;
type Facet = (typeof FACETS)[number];
const SORTS = ['relevance', 'name', 'recent', 'usage', 'near'] as const;
type Sort = (typeof SORTS)[number];
const PAGE = 24;

/** Filters of the browser, mirrored in the address bar (?q=&theme=&kind=…&sort=). */
interface Filters {
  q: string;
  sort: Sort | '';
  facets: Record<Facet, string>;
}

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  const sort = p.get('sort') ?? '';
  return {
    q: p.get('q') ?? '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : '',
    facets: Object.fromEntries(FACETS.map((f) => [f, p.get(f) ?? ''])) as Record<Facet, string>,
  };
}

/**
 * The commons browser (/communs): search, facets (theme, kind, licence, qualification,
 * region), sort, and result cards. The address bar reflects the filters, so a filtered view
 * can be shared and the back button undoes a filter.
 */
@customElement('lc-registry-browse')
export class LcRegistryBrowse extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .layout { display: grid; grid-template-columns: 15rem 1fr; gap: 1.4rem; align-items: start; }
      @media (max-width: 760px) { .layout { grid-template-columns: 1fr; } }
      .head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.6rem; }
      .resultbar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.6rem; margin-bottom: 0.7rem; }
      .resultbar select { padding: 0.3rem 0.4rem; }
      aside { position: sticky; top: 0.8rem; }
      .more { text-align: center; margin-top: 1rem; }
      lc-my-place { margin-bottom: 0.6rem; }
      .active { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
    `,
  ];

  @state() private _filters: Filters = readFilters(location.search);
  @state() private _data: ResourceList | null = null;
  @state() private _items: ResourceSummary[] = [];
  @state() private _loading = false;
  @state() private _error = '';
  private _latest = new LatestRequest();
  private _typing?: ReturnType<typeof setTimeout>;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('browse.title')} · ${t('app.name')}`;
    window.addEventListener('popstate', this._onPop);
    window.addEventListener('lc-locale-changed', this._onLocale);
    window.addEventListener(MY_PLACE_EVENT, this._onMyPlace);
    void this._load(false);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPop);
    window.removeEventListener('lc-locale-changed', this._onLocale);
    window.removeEventListener(MY_PLACE_EVENT, this._onMyPlace);
  }

  private _onPop = () => {
    if (location.pathname !== '/communs') return;
    this._filters = readFilters(location.search);
    void this._load(false);
  };
  private _onLocale = () => this.requestUpdate();
  private _onMyPlace = () => {
    if (this._filters.sort === 'near') void this._load(false);
    else this.requestUpdate();
  };

  private _query(offset: number): ResourceQuery {
    const f = this._filters;
    const q: ResourceQuery = { q: f.q || undefined, limit: PAGE, offset };
    for (const k of FACETS) if (f.facets[k]) q[k] = f.facets[k];
    const home = getMyPlace();
    if (f.sort === 'near') {
      if (home?.lat != null && home?.lon != null) {
        q.near = `${home.lat},${home.lon}`;
        q.sort = 'distance';
      }
    } else if (f.sort) {
      q.sort = f.sort;
    }
    return q;
  }

  /** Never rejects: a failure is shown as the list's error (callers need not wait). */
  private _load(append: boolean) {
    this._loading = true;
    this._error = '';
    const query = this._query(append ? this._items.length : 0);
    return this._latest.run(() => listResources(query), {
      answer: (data) => {
        this._data = data;
        this._items = append ? [...this._items, ...data.items] : data.items;
      },
      error: (err) => (this._error = t('error.generic', { message: (err as Error).message })),
      settled: () => (this._loading = false),
    });
  }

  /** Applies new filters: updates the address (push for a click, replace while typing) and reloads. */
  private _apply(next: Filters, push: boolean) {
    this._filters = next;
    const facets = Object.fromEntries(FACETS.map((k) => [k, next.facets[k]]));
    showFiltersInUrl('/communs', { q: next.q, ...facets, sort: next.sort }, push);
    void this._load(false);
  }

  private _onFacet(e: CustomEvent<{ facet: Facet; value: string }>) {
    const { facet, value } = e.detail;
    this._apply({ ...this._filters, facets: { ...this._filters.facets, [facet]: value } }, true);
  }

  private _onSearch(e: InputEvent) {
    const q = (e.target as HTMLInputElement).value;
    clearTimeout(this._typing);
    this._typing = setTimeout(() => this._apply({ ...this._filters, q: q.trim() }, false), 250);
  }

  private _clear() {
    this._apply(
      {
        q: '',
        sort: this._filters.sort,
        facets: { theme: '', kind: '', license: '', qualification: '', region: '' },
      },
      true,
    );
  }

  override render() {
    const f = this._filters;
    const data = this._data;
    const active = f.q || FACETS.some((k) => f.facets[k]);
    const total = data?.total ?? 0;
    return html`
      <div class="head">
        <div>
          <h1>${t('browse.title')}</h1>
          <p class="muted">${t('browse.intro')}</p>
        </div>
        <a class="btn" href="/communs/new">+ ${t('browse.propose')}</a>
      </div>
      <form class="searchbar" role="search" aria-label=${t('browse.search')} @submit=${(e: Event) => e.preventDefault()}>
        <input
          type="search"
          name="q"
          aria-label=${t('browse.search')}
          placeholder=${t('browse.searchPlaceholder')}
          .value=${f.q}
          @input=${this._onSearch}
        />
      </form>
      <div class="layout">
        <aside aria-label=${t('facet.filters')} @lc-facet-change=${this._onFacet}>
          <lc-filters-panel active=${FACETS.filter((k) => f.facets[k]).length}>
            <div class="facets">
              ${FACETS.map(
                (k) =>
                  html`<lc-facet-list facet=${k} heading=${t(`facet.${k}`)} .values=${data?.facets[k] ?? []} selected=${f.facets[k]}></lc-facet-list>`,
              )}
            </div>
          </lc-filters-panel>
        </aside>
        <section aria-live="polite" aria-busy=${this._loading ? 'true' : 'false'}>
          ${f.sort === 'near' ? html`<lc-my-place></lc-my-place>` : null}
          <div class="resultbar">
            <div class="active">
              <strong data-testid="result-count">${total === 1 ? t('browse.result1') : t('browse.results', { count: total })}</strong>
              ${active ? html`<button class="btn link" @click=${this._clear}>${t('browse.clear')}</button>` : null}
            </div>
            <label
              >${t('browse.sort')}
              <select
                @change=${(e: Event) => this._apply({ ...f, sort: (e.target as HTMLSelectElement).value as Sort }, true)}
              >
                ${SORTS.map((s) => {
                  const value = s === 'relevance' ? '' : s;
                  return html`<option value=${value} ?selected=${f.sort === value}>${t(`sort.${s}`)}</option>`;
                })}
              </select></label
            >
          </div>
          ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : null}
          ${data && this._items.length === 0 && !this._loading ? html`<p class="empty">${t('browse.none')}</p>` : null}
          ${!data && this._loading ? html`<p class="muted">${t('loading')}</p>` : null}
          <div class="grid" data-testid="results">
            ${this._items.map((r) => html`<lc-resource-card .resource=${r}></lc-resource-card>`)}
          </div>
          ${
            this._items.length < total
              ? html`<div class="more"><button class="btn secondary" ?disabled=${this._loading} @click=${() => this._load(true)}>${t('browse.more')}</button></div>`
              : null
          }
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-registry-browse': LcRegistryBrowse;
  }
}
