import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { slotLabel } from '../lib/event-format.js';
import { navigate } from '../router.js';
import { SessionController } from '../session.js';
import {
  bookSeats,
  cancelBooking,
  deleteEvent,
  feedUrl,
  getEvent,
  type EventDetail,
} from '../api/events.js';
import { ApiError } from '../api/http.js';

const LD_ID = 'lc-event-jsonld';

/**
 * An event's page (/evenements/:id): its slots in Europe/Paris, its place, audience,
 * accessibility and registration (a link, or seats booked here), with its schema.org `Event`
 * JSON-LD in the document's head while the page is shown.
 */
@customElement('lc-event-page')
export class LcEventPage extends LitElement {
  static override styles = [
    registryStyles,
    css`
      ul.slots { padding-left: 1.2rem; }
      ul.slots li { margin: 0.2rem 0; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      .book { display: flex; gap: 0.6rem; align-items: end; flex-wrap: wrap; }
      .book input { width: 5rem; }
    `,
  ];

  /** Id of the event. */
  @property({ type: Number }) eventId = 0;
  private _session = new SessionController(this);
  @state() private _e: EventDetail | null = null;
  @state() private _error = '';
  @state() private _message = '';
  @state() private _seats = 1;

  override connectedCallback() {
    super.connectedCallback();
    void this._load(); // shows its own failure
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    document.getElementById(LD_ID)?.remove();
  }

  private async _load() {
    try {
      this._e = await getEvent(this.eventId);
      document.title = `${this._e.title} · ${t('app.name')}`;
      // JSON-LD is data, not script: the CSP does not run it, search engines read it.
      let ld = document.getElementById(LD_ID);
      if (!ld) {
        ld = document.createElement('script');
        ld.id = LD_ID;
        ld.setAttribute('type', 'application/ld+json');
        document.head.append(ld);
      }
      ld.textContent = JSON.stringify(this._e.jsonLd);
    } catch (err) {
      this._error =
        err instanceof ApiError && err.status === 404
          ? t('event.notFound')
          : t('error.generic', { message: (err as Error).message });
    }
  }

  private async _book(e: Event) {
    e.preventDefault();
    try {
      await bookSeats(this.eventId, this._seats);
      this._message = t('event.booked', { count: this._seats });
      await this._load();
    } catch (err) {
      this._message = (err as Error).message;
    }
  }

  private async _cancel() {
    await cancelBooking(this.eventId);
    this._message = t('event.bookingCancelled');
    await this._load();
  }

  private async _delete() {
    if (!confirm(t('event.confirmDelete'))) return;
    await deleteEvent(this.eventId);
    navigate(`/lieux/${encodeURIComponent(this._e!.place.slug)}`);
  }

  private _registration(e: EventDetail) {
    const r = e.registration;
    if (r.kind === 'link')
      return html`<a class="btn" href=${r.url} rel="noopener nofollow" target="_blank">${t('event.registerLink')}</a>`;
    if (r.kind !== 'seats') return html`<p>${t('event.noRegistration')}</p>`;
    const user = this._session.user;
    return html`<p>${t('event.seatsLeft', { remaining: r.remaining ?? 0, seats: r.seats })}</p>
      ${
        !user
          ? html`<p><a href="/login">${t('event.loginToBook')}</a></p>`
          : e.myBooking
            ? html`<p>${t('event.youBooked', { count: e.myBooking })} <button class="btn secondary" @click=${this._cancel}>${t('event.cancelBooking')}</button></p>`
            : html`<form class="book" @submit=${this._book}>
              <label class="field">${t('event.seats')}<input type="number" min="1" max="50" .value=${String(this._seats)} @input=${(ev: Event) => (this._seats = Number((ev.target as HTMLInputElement).value) || 1)} /></label>
              <button class="btn" ?disabled=${(r.remaining ?? 0) < 1}>${t('event.book')}</button>
            </form>`
      }`;
  }

  override render() {
    if (this._error)
      return html`<p class="notice error" role="alert">${this._error}</p><p><a href="/evenements">${t('events.back')}</a></p>`;
    const e = this._e;
    if (!e) return html`<p class="muted">${t('loading')}</p>`;
    return html`
      <p class="small"><a href="/evenements">${t('events.back')}</a></p>
      <h1>${e.title}</h1>
      <div class="chips">
        <span class="chip">${t(`eventType.${e.type}`)}</span>
        <span class="chip">${e.free ? t('event.free') : t('event.paid')}${!e.free && e.price ? ` : ${e.price}` : ''}</span>
        ${e.campaign ? html`<a class="chip" href=${`/campagnes/${encodeURIComponent(e.campaign.slug)}`}>${e.campaign.title}</a>` : nothing}
      </div>
      <h2>${t('event.when')}</h2>
      <ul class="slots" data-testid="event-slots">${e.slots.map((s) => html`<li>${slotLabel(s)}</li>`)}</ul>
      <p><a class="btn secondary" href=${feedUrl({ place: e.place.slug })}>${t('event.placeFeed')}</a></p>
      <h2>${t('event.where')}</h2>
      <p><a href=${`/lieux/${encodeURIComponent(e.place.slug)}`}><strong>${e.place.name}</strong></a><br />
        ${[e.place.address, [e.place.postcode, e.place.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</p>
      ${e.descriptionHtml ? html`<div class="description">${unsafeHTML(e.descriptionHtml)}</div>` : nothing}
      <dl>
        ${e.audience ? html`<dt>${t('event.audience')}</dt><dd>${e.audience}</dd>` : nothing}
        ${e.accessibility ? html`<dt>${t('event.accessibility')}</dt><dd>${e.accessibility}</dd>` : nothing}
      </dl>
      <h2>${t('event.registration')}</h2>
      ${this._registration(e)}
      ${this._message ? html`<p class="notice" role="status">${this._message}</p>` : nothing}
      ${
        e.canEdit
          ? html`<p class="actions">
            <a class="btn secondary" href=${`/evenements/${e.id}/modifier`}>${t('event.edit')}</a>
            <button class="btn danger" @click=${this._delete}>${t('event.delete')}</button>
          </p>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-event-page': LcEventPage;
  }
}
