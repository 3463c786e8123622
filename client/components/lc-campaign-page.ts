import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { campaignDates } from '../lib/event-format.js';
import { loadPlaceMap } from '../lib/load-place-map.js';
import { getMyPlace } from '../lib/registry-format.js';
import { SessionController } from '../session.js';
import {
  eventPoints,
  feedUrl,
  getCampaign,
  joinCampaign,
  type CampaignDetail,
} from '../api/events.js';
import type { GeoPoint } from '../api/registry.js';
import './lc-programme.js';
import './lc-record-picker.js';
import type { PickedRecord } from './lc-record-picker.js';

/**
 * A campaign's page (/campagnes/:slug): places and events counted by region and by type, places
 * joining it and adding their programme through the guided form, the day-by-day programme, its
 * map, and what the press kit needs (print, CSV, feed, embed code).
 */
@customElement('lc-campaign-page')
export class LcCampaignPage extends LitElement {
  static override styles = [
    registryStyles,
    css`
      .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e6ebe8; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      lc-place-map { height: 24rem; margin: 0.8rem 0; }
      .join { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; }
      .join lc-record-picker { flex: 0 1 22rem; }
      .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.6rem 0; }
      code { display: block; white-space: pre-wrap; word-break: break-all; background: #f2f5f3; padding: 0.5rem; border-radius: 6px; font-size: 0.85rem; }
      @media print {
        .tools, .join, lc-place-map, .noprint { display: none !important; }
        h1 { font-size: 1.5rem; }
      }
    `,
  ];

  /** Slug of the campaign. */
  @property() slug = '';
  private _session = new SessionController(this);
  @state() private _c: CampaignDetail | null = null;
  @state() private _points: GeoPoint[] = [];
  @state() private _error = '';
  @state() private _joinPlace: PickedRecord | null = null;
  @state() private _joined = '';

  override connectedCallback() {
    super.connectedCallback();
    loadPlaceMap();
    const mine = getMyPlace();
    if (mine) this._joinPlace = { slug: mine.slug, name: mine.name };
    void this._load(); // shows its own failure
  }

  private async _load() {
    try {
      this._c = await getCampaign(this.slug);
      document.title = `${this._c.title} · ${t('app.name')}`;
      this._points = (
        await eventPoints({ campaign: this.slug, from: this._c.startsOn, to: this._c.endsOn })
      ).points;
    } catch (err) {
      this._error = t('error.generic', { message: (err as Error).message });
    }
  }

  private async _join(e: Event) {
    e.preventDefault();
    const place = this._joinPlace;
    if (!place) return;
    try {
      await joinCampaign(this.slug, place.slug);
      this._joined = place.slug;
      await this._load();
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  override render() {
    if (this._error && !this._c)
      return html`<p class="notice error" role="alert">${this._error}</p>`;
    const c = this._c;
    if (!c) return html`<p class="muted">${t('loading')}</p>`;
    const embed = `<iframe src="${location.origin}/embed/campaigns/${c.slug}" title="${c.title}" width="100%" height="600" style="border:0"></iframe>`;
    return html`
      <p class="small noprint"><a href="/campagnes">${t('campaigns.back')}</a></p>
      <h1>${c.title}</h1>
      <p><strong>${campaignDates(c.startsOn, c.endsOn)}</strong>${c.regions.length ? ` · ${c.regions.join(', ')}` : ''}</p>
      ${c.description ? html`<p>${c.description}</p>` : nothing}
      <p data-testid="campaign-counts">${t('campaign.counts', { places: c.places.total, events: c.events.total })}</p>
      <div class="tools">
        <button class="btn secondary" @click=${() => window.print()}>${t('campaign.print')}</button>
        <a class="btn secondary" href=${`/api/campaigns/${encodeURIComponent(c.slug)}/programme.csv`} download>${t('campaign.csv')}</a>
        <a class="btn secondary" href=${feedUrl({ campaign: c.slug, from: c.startsOn })} data-testid="campaign-feed">${t('campaign.feed')}</a>
        <a class="btn secondary" href=${`/evenements?campaign=${encodeURIComponent(c.slug)}&from=${c.startsOn}&to=${c.endsOn}`}>${t('campaign.onEventsPage')}</a>
      </div>
      ${
        this._session.canEdit
          ? html`<section class="card noprint">
            <h2>${t('campaign.takePart')}</h2>
            <form class="join" @submit=${this._join}>
              <lc-record-picker kind="place" label=${t('campaign.yourPlace')} .value=${this._joinPlace?.name ?? ''} @lc-pick=${(e: CustomEvent<PickedRecord>) => (this._joinPlace = e.detail)}></lc-record-picker>
              <button class="btn" type="submit" ?disabled=${!this._joinPlace}>${t('campaign.join')}</button>
              ${
                this._joinPlace
                  ? html`<a class="btn secondary" href=${`/evenements/nouveau?lieu=${encodeURIComponent(this._joinPlace.slug)}&campagne=${encodeURIComponent(c.slug)}`}>${t('campaign.addEvent')}</a>`
                  : nothing
              }
            </form>
            ${this._joined ? html`<p class="notice" role="status">${t('campaign.joined')}</p>` : nothing}
            ${this._error ? html`<p class="notice error" role="alert">${this._error}</p>` : nothing}
          </section>`
          : nothing
      }
      <div class="stats">
        <section>
          <h2>${t('campaign.byRegion')}</h2>
          <table>
            <thead><tr><th>${t('events.region')}</th><th class="n">${t('campaign.places')}</th><th class="n">${t('campaign.events')}</th></tr></thead>
            <tbody>${c.places.byRegion.map((r) => html`<tr><td>${r.region}</td><td class="n">${r.places}</td><td class="n">${r.events}</td></tr>`)}</tbody>
          </table>
        </section>
        <section>
          <h2>${t('campaign.byType')}</h2>
          <table>
            <thead><tr><th>${t('events.type')}</th><th class="n">${t('campaign.events')}</th></tr></thead>
            <tbody>${c.events.byType.map((r) => html`<tr><td>${t(`eventType.${r.type}`)}</td><td class="n">${r.count}</td></tr>`)}</tbody>
          </table>
        </section>
      </div>
      <lc-place-map .points=${this._points} label=${t('events.mapLabel', { count: this._points.length })}></lc-place-map>
      <h2>${t('campaign.programme')}</h2>
      <lc-programme .events=${c.events.items}></lc-programme>
      <section class="noprint">
        <h2>${t('campaign.embed')}</h2>
        <p class="small">${t('campaign.embedHint')}</p>
        <code>${embed}</code>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-campaign-page': LcCampaignPage;
  }
}
