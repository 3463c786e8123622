import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { showFiltersInUrl } from '../lib/filter-url.js';
import { DirectoryPages } from '../lib/directory-pages.js';
import { registryStyles } from '../lib/registry-styles.js';
import { listPlaces, placePoints, type GeoPoint, type PlaceSummary } from '../api/registry.js';
import {
  MY_PLACE_EVENT,
  distanceKm,
  facetLabel,
  formatKm,
  getMyPlace,
  type MyPlace,
} from '../lib/registry-format.js';
import { loadPlaceMap } from '../lib/load-place-map.js';
import type { LcPlaceMap } from './lc-place-map.js';
import './lc-my-place.js';

const PAGE = 50;

interface Filters {
  q: string;
  region: string;
  family: string;
  inView: boolean;
}

function readFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') ?? '',
    region: p.get('region') ?? '',
    family: p.get('family') ?? '',
    inView: p.get('zone') === '1',
  };
}

/**
 * The places directory (/lieux): a clustered map of every matching place and the list beside
 * it, filtered by region, family and text; optionally only the places in the visible area.
 */
@customElement('lc-places-directory')
export class LcPlacesDirectory extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin: 0.8rem 0; }
      .filters label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.9rem; }
      .filters input[type='search'] { min-width: 16rem; }
      .filters .check { flex-direction: row; align-items: center; font-weight: normal; }
      .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
      @media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }
      lc-place-map { height: 36rem; position: sticky; top: 0.8rem; }
      .list { max-height: 36rem; overflow: auto; background: #fff; border: 1px solid #dfe5e1; border-radius: 10px; }
      .list ul { list-style: none; margin: 0; padding: 0; }
      .list li { padding: 0.55rem 0.8rem; border-bottom: 1px solid #eef1ef; display: flex; justify-content: space-between; gap: 0.6rem; }
      .list .side { display: flex; flex-direction: column; align-items: flex-end; gap: 0.2rem; white-space: nowrap; font-size: 0.85rem; }
      .list li a { font-weight: 600; text-decoration: none; }
      .list li a:hover { text-decoration: underline; }
      .list .where { font-size: 0.88rem; color: #5b6b63; }
      .list .fam { font-size: 0.78rem; }
      .list .km { color: #1f4f86; }
      .listhead { display: flex; justify-content: space-between; padding: 0.5rem 0.8rem; border-bottom: 1px solid #dfe5e1; background: #f2f5f3; font-size: 0.9rem; position: sticky; top: 0; }
      .more { padding: 0.6rem; text-align: center; }
      .mine { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; margin-bottom: 0.6rem; }
      .list .onmap { font-size: 0.82rem; }
    `,
  ];

  @state() private _f: Filters = readFilters(location.search);
  @state() private _points: GeoPoint[] = [];
  @state() private _home: MyPlace | null = getMyPlace();
  @query('lc-place-map') private _map?: LcPlaceMap;
  private _bbox = '';
  private _list = new DirectoryPages<PlaceSummary, 'region' | 'family'>(this, (offset) => {
    const f = this._f;
    return listPlaces({
      q: f.q || undefined,
      region: f.region || undefined,
      family: f.family || undefined,
      bbox: f.inView && this._bbox ? this._bbox : undefined,
      limit: PAGE,
      offset,
    });
  });
  private _typing?: ReturnType<typeof setTimeout>;

  override connectedCallback() {
    super.connectedCallback();
    loadPlaceMap();
    document.title = `${t('places.title')} · ${t('app.name')}`;
    window.addEventListener('popstate', this._onPop);
    window.addEventListener(MY_PLACE_EVENT, this._onMyPlace);
    window.addEventListener('lc-locale-changed', this._onLocale);
    void this._loadMap();
    void this._loadList(false);
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPop);
    window.removeEventListener(MY_PLACE_EVENT, this._onMyPlace);
    window.removeEventListener('lc-locale-changed', this._onLocale);
  }
  private _onPop = () => {
    if (location.pathname !== '/lieux') return;
    this._f = readFilters(location.search);
    void this._loadMap();
    void this._loadList(false);
  };
  private _onMyPlace = () => (this._home = getMyPlace());
  private _onLocale = () => this.requestUpdate();

  /** Never rejects: a failure is shown as the list's error (callers need not wait). */
  private async _loadMap() {
    try {
      const r = await placePoints({
        region: this._f.region || undefined,
        family: this._f.family || undefined,
      });
      this._points = r.points;
    } catch (err) {
      this._list.fail(err);
    }
  }

  /** Never rejects: a failure is shown as the list's error (callers need not wait). */
  private _loadList(append: boolean) {
    return this._list.load(append);
  }

  private _apply(next: Filters, push: boolean, reloadMap: boolean) {
    this._f = next;
    showFiltersInUrl(
      '/lieux',
      { q: next.q, region: next.region, family: next.family, zone: next.inView ? '1' : '' },
      push,
    );
    if (reloadMap) void this._loadMap();
    void this._loadList(false);
  }

  private _onMoved(e: CustomEvent<{ bbox: string }>) {
    this._bbox = e.detail.bbox;
    if (this._f.inView) void this._loadList(false);
  }

  private _km(p: PlaceSummary): number | null {
    const h = this._home;
    if (h?.lat == null || h?.lon == null || p.lat == null || p.lon == null || h.slug === p.slug)
      return null;
    return distanceKm(h.lat, h.lon, p.lat, p.lon);
  }

  private _options(facet: 'region' | 'family', selected: string) {
    const values = this._list.facets[facet] ?? [];
    const list =
      selected && !values.some((v) => v.value === selected)
        ? [{ value: selected, count: 0 }, ...values]
        : values;
    return html`<option value="">${t('facet.all')}</option>
      ${list.map((v) => html`<option value=${v.value} ?selected=${v.value === selected}>${facetLabel(facet, v.value, v.label)} (${v.count})</option>`)}`;
  }

  override render() {
    const f = this._f;
    return html`
      <h1>${t('places.title')}</h1>
      <p class="muted">${t('places.intro')}</p>
      <form class="filters" role="search" aria-label=${t('places.search')} @submit=${(e: Event) => e.preventDefault()}>
        <label
          >${t('places.search')}
          <input
            type="search"
            placeholder=${t('places.searchPlaceholder')}
            .value=${f.q}
            @input=${(e: InputEvent) => {
              const q = (e.target as HTMLInputElement).value.trim();
              clearTimeout(this._typing);
              this._typing = setTimeout(() => this._apply({ ...this._f, q }, false, false), 250);
            }}
        /></label>
        <label
          >${t('facet.region')}
          <select name="region" @change=${(e: Event) => this._apply({ ...f, region: (e.target as HTMLSelectElement).value }, true, true)}>
            ${this._options('region', f.region)}
          </select></label
        >
        <label
          >${t('facet.family')}
          <select name="family" @change=${(e: Event) => this._apply({ ...f, family: (e.target as HTMLSelectElement).value }, true, true)}>
            ${this._options('family', f.family)}
          </select></label
        >
        <label class="check"
          ><input type="checkbox" ?checked=${f.inView} @change=${(e: Event) => this._apply({ ...f, inView: (e.target as HTMLInputElement).checked }, true, false)} />
          ${t('places.inView')}</label
        >
      </form>
      <div class="mine">
        <lc-my-place></lc-my-place>
        ${
          this._home?.lat != null && this._home?.lon != null
            ? html`<button class="btn link" @click=${() => this._map?.centerOn?.(this._home!.lat!, this._home!.lon!, 10)}>${t('places.centerOnMine')}</button>`
            : nothing
        }
      </div>
      ${this._list.error ? html`<p class="notice error" role="alert">${this._list.error}</p>` : nothing}
      <div class="layout">
        <lc-place-map
          .points=${this._points}
          .home=${this._home}
          label=${t('places.onMap', { count: this._points.length })}
          @lc-map-moved=${this._onMoved}
        ></lc-place-map>
        <div class="list" aria-live="polite" aria-busy=${this._list.loading ? 'true' : 'false'}>
          <div class="listhead">
            <strong data-testid="places-count">${this._list.total === 1 ? t('places.count1') : t('places.count', { count: this._list.total })}</strong>
            <span class="muted">${t('places.onMap', { count: this._points.length })}</span>
          </div>
          ${this._list.items.length === 0 && !this._list.loading ? html`<p class="empty" style="padding:0 0.8rem">${t('places.none')}</p>` : nothing}
          <ul data-testid="places-list">
            ${this._list.items.map(
              (p) => html`<li data-slug=${p.slug}>
                <div class="main">
                  <a href=${`/lieux/${encodeURIComponent(p.slug)}`}>${p.name}</a>
                  <div class="where">${[p.postcode, p.city].filter(Boolean).join(' ')}${p.region ? ` · ${p.region}` : ''}</div>
                  ${
                    p.families?.length
                      ? html`<div class="chips fam">${p.families.map((x) => html`<span class="chip">${facetLabel('family', x)}</span>`)}</div>`
                      : nothing
                  }
                </div>
                <div class="side">
                  ${this._km(p) != null ? html`<span class="km">${t('card.distance', { km: formatKm(this._km(p)!) })}</span>` : nothing}
                  ${
                    p.lat != null && p.lon != null
                      ? html`<button class="btn link onmap" @click=${() => this._map?.reveal?.(p.slug)} aria-label=${t('places.showOnMapOf', { name: p.name })}>
                        ${t('places.showOnMap')}
                      </button>`
                      : nothing
                  }
                </div>
              </li>`,
            )}
          </ul>
          ${
            this._list.items.length < this._list.total
              ? html`<div class="more"><button class="btn secondary" ?disabled=${this._list.loading} @click=${() => this._loadList(true)}>${t('places.more')}</button></div>`
              : nothing
          }
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-places-directory': LcPlacesDirectory;
  }
}
