import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { RecordPage } from '../lib/record-page.js';
import { registryStyles } from '../lib/registry-styles.js';
import { getPlace, type PlaceDetail } from '../api/registry.js';
import {
  MY_PLACE_EVENT,
  distanceKm,
  facetLabel,
  formatKm,
  getMyPlace,
  setMyPlace,
  themeShort,
  type MyPlace,
} from '../lib/registry-format.js';
import { loadPlaceMap } from '../lib/load-place-map.js';
import './lc-contact-person.js';
import './lc-place-events.js';

/** A place's page (/lieux/:slug): where it is, the commons it uses, its people. */
@customElement('lc-place-page')
export class LcPlacePage extends RecordPage<PlaceDetail> {
  static override styles = [
    registryStyles,
    css`
      .cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.4rem; align-items: start; }
      @media (max-width: 860px) { .cols { grid-template-columns: 1fr; } }
      lc-place-map { height: 20rem; }
      ul.plain { list-style: none; padding: 0; margin: 0; }
      ul.plain li { padding: 0.5rem 0; border-bottom: 1px solid #e6ebe8; }
      .people { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.8rem; }
      .status { font-size: 0.78rem; padding: 0 0.45rem; border-radius: 999px; background: #e6efe9; margin-left: 0.4rem; }
    `,
  ];

  @state() private _home: MyPlace | null = getMyPlace();

  override connectedCallback() {
    super.connectedCallback();
    loadPlaceMap();
    window.addEventListener(MY_PLACE_EVENT, this._onMyPlace);
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener(MY_PLACE_EVENT, this._onMyPlace);
  }
  private _onMyPlace = () => (this._home = getMyPlace());

  protected _fetch(slug: string) {
    return getPlace(slug);
  }

  private _meta(p: PlaceDetail) {
    const website = p.website && /^https?:\/\//i.test(p.website) ? p.website : null;
    const exchange = (key: 'needs' | 'offers') => {
      const x = p[key];
      const parts = (['skills', 'equipment', 'spaces'] as const).filter((k) => x?.[k]?.length);
      return parts.length
        ? html`<dt>${t(`place.${key}`)}</dt>
            <dd>${parts.map((k) => html`<div><em>${t(`place.${k}`)}</em> : ${x![k]!.join(', ')}</div>`)}</dd>`
        : nothing;
    };
    const rows = [
      website
        ? html`<dt>${t('place.website')}</dt><dd><a href=${website} target="_blank" rel="noopener noreferrer">${new URL(website).host}</a></dd>`
        : nothing,
      p.management ? html`<dt>${t('place.management')}</dt><dd>${p.management}</dd>` : nothing,
      p.networks?.length
        ? html`<dt>${t('place.networks')}</dt><dd>${p.networks.join(', ')}</dd>`
        : nothing,
      exchange('needs'),
      exchange('offers'),
    ];
    return rows.some((r) => r !== nothing) ? html`<dl class="meta">${rows}</dl>` : nothing;
  }

  override render() {
    const status = this._statusView('/lieux', t('place.back'), t('place.notFound'));
    const p = this._p;
    if (status || !p) return status;
    const home = this._home;
    const mine = home?.slug === p.slug;
    const km =
      !mine && home?.lat != null && home?.lon != null && p.lat != null && p.lon != null
        ? distanceKm(home.lat, home.lon, p.lat, p.lon)
        : null;
    const hasCoords = p.lat != null && p.lon != null;
    return html`
      <p class="small"><a href="/lieux">${t('place.back')}</a></p>
      <h1>${p.name}</h1>
      <p>
        ${[p.postcode, p.city].filter(Boolean).join(' ')}${p.region ? ` · ${p.region}` : ''}
        ${km != null ? html` · <span class="muted">${t('card.distance', { km: formatKm(km) })}</span>` : nothing}
      </p>
      ${p.address ? html`<p class="small muted">${p.address}</p>` : nothing}
      <div class="chips">${(p.families ?? []).map((f) => html`<span class="chip">${facetLabel('family', f)}</span>`)}</div>
      ${this._meta(p)}
      <p>
        ${
          mine
            ? html`<span class="chip">● ${t('place.isMine')}</span>`
            : html`<button class="btn secondary" @click=${() => setMyPlace({ slug: p.slug, name: p.name, lat: p.lat, lon: p.lon, region: p.region })}>
              ${t('place.setMine')}
            </button>`
        }
      </p>
      <div class="cols">
        <section>
          <h2>${t('place.uses')}</h2>
          ${
            p.uses.length
              ? html`<ul class="plain">
                ${p.uses.map(
                  (u) => html`<li>
                    <a href=${`/communs/${encodeURIComponent(u.resource.slug)}`}><strong>${u.resource.name}</strong></a>
                    <span class="status">${t(`usage.${u.status}`)}</span>
                    ${u.note ? html`<div class="small">${u.note}</div>` : nothing}
                  </li>`,
                )}
              </ul>`
              : html`<p class="empty">${t('place.usesNone')}</p>`
          }
        </section>
        ${
          hasCoords
            ? html`<lc-place-map .points=${[[p.lat!, p.lon!, p.slug, p.name]]} selected=${p.slug} .home=${mine ? null : home}></lc-place-map>`
            : html`<p class="muted">${t('places.noCoords')}</p>`
        }
      </div>
      <section><lc-place-events place=${p.slug}></lc-place-events></section>
      <section>
        <h2>${t('place.people')}</h2>
        ${
          p.people.length
            ? html`<div class="people">
              ${p.people.map(
                (x) => html`<article class="card">
                  <h3><a href=${`/personnes/${encodeURIComponent(x.slug)}`}>${x.name}</a></h3>
                  <div class="chips">${(x.themes ?? []).map((th) => html`<span class="chip">${themeShort(th)}</span>`)}</div>
                  ${x.contactable ? html`<lc-contact-person slug=${x.slug} name=${x.name}></lc-contact-person>` : nothing}
                </article>`,
              )}
            </div>`
            : html`<p class="empty">${t('place.peopleNone')}</p>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-place-page': LcPlacePage;
  }
}
