import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { showFiltersInUrl } from '../lib/filter-url.js';
import { LatestRequest } from '../lib/latest-request.js';
import { registryStyles } from '../lib/registry-styles.js';
import { loadPlaceMap } from '../lib/load-place-map.js';
import {
  EVENT_TYPES,
  eventPoints,
  feedUrl,
  listCampaigns,
  listEvents,
  type Campaign,
  type EventFilters,
  type EventItem,
} from '../api/events.js';
import { listPlaces, type FacetValue, type GeoPoint } from '../api/registry.js';
import { SessionController } from '../session.js';
import './lc-programme.js';

function readFilters(search: string): EventFilters {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k) ?? undefined;
  return {
    from: get('from'),
    to: get('to'),
    region: get('region'),
    type: get('type'),
    campaign: get('campaign'),
    now: p.get('now') === '1',
  };
}

/**
 * The events page (/evenements): events filtered by dates, region, type, campaign and "ouvert
 * maintenant", on a map of their places and as a day-by-day programme, with the iCalendar feed of
 * the same filters to subscribe to.
 */
@customElement('lc-events-page')
export class LcEventsPage extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; margin: 0.8rem 0; }
      .filters label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.9rem; }
      .filters label.check { flex-direction: row; align-items: center; gap: 0.4rem; }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
      @media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }
      lc-place-map { height: 30rem; position: sticky; top: 0.8rem; }
      .subscribe { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin: 0.4rem 0 0.8rem; }
      .top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.6rem; }
    `,
  ];

  private _session = new SessionController(this);
  @state() private _f: EventFilters = readFilters(location.search);
  @state() private _events: EventItem[] = [];
  @state() private _total = 0;
  @state() private _points: GeoPoint[] = [];
  @state() private _campaigns: Campaign[] = [];
  @state() private _regions: FacetValue[] = [];
  @state() private _error = '';
  private _latest = new LatestRequest();

  override connectedCallback() {
    super.connectedCallback();
    loadPlaceMap();
    document.title = `${t('events.title')} · ${t('app.name')}`;
    window.addEventListener('popstate', this._onPop);
    listCampaigns().then(
      (r) => (this._campaigns = r.items),
      () => undefined,
    );
    listPlaces({ limit: 1 }).then(
      (r) => (this._regions = r.facets.region ?? []),
      () => undefined,
    );
    void this._load();
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPop);
  }
  private _onPop = () => {
    if (location.pathname !== '/evenements') return;
    this._f = readFilters(location.search);
    void this._load();
  };

  /** Never rejects: a failure is shown as the list's error (callers need not wait). */
  private _load() {
    const f = this._f;
    return this._latest.run(() => Promise.all([listEvents({ ...f, limit: 200 }), eventPoints(f)]), {
      answer: ([list, map]) => {
        this._events = list.items;
        this._total = list.total;
        this._points = map.points;
        this._error = '';
      },
      error: (err) => (this._error = t('error.generic', { message: (err as Error).message })),
      settled: () => undefined,
    });
  }

  private _set(patch: Partial<EventFilters>) {
    const next = { ...this._f, ...patch };
    this._f = next;
    showFiltersInUrl(
      '/evenements',
      {
        from: next.from ?? '',
        to: next.to ?? '',
        region: next.region ?? '',
        type: next.type ?? '',
        campaign: next.campaign ?? '',
        now: next.now ? '1' : '',
      },
      true,
    );
    void this._load();
  }

  override render() {
    const f = this._f;
    const feed = feedUrl(f);
    const value = (e: Event) => (e.target as HTMLInputElement).value || undefined;
    return html`
      <div class="top">
        <h1>${t('events.title')}</h1>
        ${this._session.canEdit ? html`<a class="btn" href="/evenements/nouveau">${t('events.add')}</a>` : nothing}
      </div>
      <p class="muted">${t('events.intro')} <a href="/campagnes">${t('campaigns.title')}</a></p>
      <form class="filters" @submit=${(e: Event) => e.preventDefault()} aria-label=${t('events.filters')}>
        <label>${t('events.from')}<input type="date" name="from" .value=${f.from ?? ''} ?disabled=${f.now} @change=${(e: Event) => this._set({ from: value(e) })} /></label>
        <label>${t('events.to')}<input type="date" name="to" .value=${f.to ?? ''} ?disabled=${f.now} @change=${(e: Event) => this._set({ to: value(e) })} /></label>
        <label>${t('events.region')}
          <select name="region" @change=${(e: Event) => this._set({ region: value(e) })}>
            <option value="">${t('events.all')}</option>
            ${this._regions.map((r) => html`<option value=${r.value} ?selected=${r.value === f.region}>${r.value}</option>`)}
          </select>
        </label>
        <label>${t('events.type')}
          <select name="type" @change=${(e: Event) => this._set({ type: value(e) })}>
            <option value="">${t('events.all')}</option>
            ${EVENT_TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === f.type}>${t(`eventType.${ty}`)}</option>`)}
          </select>
        </label>
        <label>${t('events.campaign')}
          <select name="campaign" @change=${(e: Event) => this._set({ campaign: value(e) })}>
            <option value="">${t('events.all')}</option>
            ${this._campaigns.map((c) => html`<option value=${c.slug} ?selected=${c.slug === f.campaign}>${c.title}</option>`)}
          </select>
        </label>
        <label class="check"><input type="checkbox" name="now" .checked=${!!f.now} @change=${(e: Event) => this._set({ now: (e.target as HTMLInputElement).checked })} />${t('events.openNow')}</label>
      </form>
      <div class="subscribe">
        <a class="btn secondary" href=${feed} data-testid="events-feed">${t('events.subscribe')}</a>
        <span class="small muted">${t('events.subscribeHint')}</span>
      </div>
      ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
      <div class="layout">
        <lc-place-map .points=${this._points} label=${t('events.mapLabel', { count: this._points.length })} data-testid="events-map"></lc-place-map>
        <section aria-live="polite">
          <p class="muted" data-testid="events-count">${t('events.count', { count: this._total })}</p>
          <lc-programme .events=${this._events}></lc-programme>
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-events-page': LcEventsPage;
  }
}
