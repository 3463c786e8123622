import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { ApiError } from '../api/http.js';
import {
  bookSession,
  bookingIcsUrl,
  listPermanences,
  type Booking,
  type Permanence,
  type RecordRef,
} from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox } from '../format.js';
import { SessionController, hasRole } from '../session.js';
import { seatsLabel, sessionWhen } from '../lib/permanence-format.js';

/**
 * "Réserver un créneau": books a seat in one of an expert's upcoming sessions (or in a given
 * session) for the caller's place, with a question. Fires `lc-booked` (detail: the booking).
 */
@customElement('lc-permanence-book')
export class LcPermanenceBook extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      form { display: grid; gap: 0.6rem; margin-top: 0.6rem; }
      textarea { min-height: 4.5rem; font-family: inherit; }
    `,
  ];

  /** The expert whose upcoming sessions are offered (when `session` is not given). */
  @property() expert = '';
  /** One given session to book. */
  @property({ attribute: false }) session: Permanence | null = null;
  /** The question, prefilled (a switchyard request's problem). */
  @property() question = '';
  /** Called before booking to get the switchyard request to attach (creating it if needed). */
  @property({ attribute: false }) ensureRequest: (() => Promise<number | null>) | null = null;
  /** Start with the form open (otherwise a "Réserver un créneau" button opens it). */
  @property({ type: Boolean }) open = false;
  /** The button's label (defaults to "Réserver un créneau"). */
  @property() label = '';

  private _session = new SessionController(this);
  @state() private _sessions: Permanence[] = [];
  @state() private _myPlace: RecordRef | null = null;
  @state() private _chosen = 0;
  @state() private _placeSlug = '';
  @state() private _question: string | null = null;
  @state() private _error: unknown = null;
  @state() private _problem = '';
  @state() private _done: Booking | null = null;
  @state() private _busy = false;
  @state() private _loaded = false;

  override updated(changed: Map<string, unknown>) {
    if (changed.has('expert') || changed.has('session')) void this._load();
  }

  private async _load() {
    try {
      const list = await listPermanences(
        this.expert && !this.session ? { expert: this.expert } : {},
      );
      this._myPlace = list.myPlace;
      this._sessions = this.session ? [this.session] : list.items.filter((p) => p.seatsLeft > 0);
      this._chosen = this._sessions[0]?.id ?? 0;
    } catch (err) {
      this._error = err;
    }
    this._loaded = true;
  }

  private async _book(e: Event) {
    e.preventDefault();
    this._busy = true;
    this._error = null;
    this._problem = '';
    try {
      const request = this.ensureRequest ? await this.ensureRequest() : null;
      const place = this._myPlace?.slug ?? this._placeSlug.trim();
      const booking = await bookSession(this._chosen, {
        place,
        question: (this._question ?? this.question).trim(),
        ...(request ? { request } : {}),
      });
      this._done = booking;
      this.dispatchEvent(
        new CustomEvent('lc-booked', { detail: booking, bubbles: true, composed: true }),
      );
    } catch (err) {
      if (err instanceof ApiError && err.code === 'full') this._problem = t('perm.book.full');
      else if (err instanceof ApiError && err.code === 'already_booked')
        this._problem = t('perm.book.already');
      else this._error = err;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    if (!this._loaded) return nothing;
    if (this._done) {
      return html`<p class="message info" role="status">
        ${t('perm.book.done')} <a href=${bookingIcsUrl(this._done.id)} download data-testid="perm-booking-ics">${t('perm.booking.ics')}</a>
      </p>`;
    }
    // An expert with nothing upcoming: say nothing in a list of proposals, say so on its own.
    if (!this._sessions.length)
      return this.session
        ? nothing
        : this.open
          ? html`<p class="muted">${t('perm.book.none')}</p>`
          : nothing;
    const user = this._session.user;
    if (!this.open) {
      return html`<button class="btn secondary small" data-testid="perm-open-book" @click=${() => (this.open = true)}>${this.label || t('perm.book.title')}</button>`;
    }
    if (!hasRole(user, 'contributor'))
      return html`<p class="message warning">${t('perm.book.login')}</p>`;
    const facilitator = hasRole(user, 'facilitator');
    if (!this._myPlace && !facilitator)
      return html`<p class="message warning">${t('perm.book.noPlace')}</p>`;
    return html`<form @submit=${this._book} aria-label=${t('perm.book.title')}>
      ${this._error ? errorBox(this._error) : nothing}
      ${this._problem ? html`<p class="message error" role="alert">${this._problem}</p>` : nothing}
      <div class="field">
        <label for="slot">${t('perm.book.session')}</label>
        <select id="slot" @change=${(e: Event) => (this._chosen = Number((e.target as HTMLSelectElement).value))}>
          ${this._sessions.map((p) => html`<option value=${p.id} ?selected=${p.id === this._chosen}>${p.title} — ${sessionWhen(p)} (${seatsLabel(p)})</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="place">${t('perm.book.place')}</label>
        ${
          this._myPlace
            ? html`<input id="place" type="text" readonly .value=${this._myPlace.name} />`
            : html`<input id="place" type="text" required .value=${this._placeSlug} @input=${(e: Event) => (this._placeSlug = (e.target as HTMLInputElement).value)} />`
        }
      </div>
      <div class="field">
        <label for="question">${t('perm.book.question')}</label>
        <textarea id="question" required maxlength="5000" .value=${this._question ?? this.question} @input=${(e: Event) => (this._question = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="actions">
        <button class="btn" type="submit" data-testid="perm-book" ?disabled=${this._busy || !(this._question ?? this.question).trim()}>${t('perm.book.submit')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-permanence-book': LcPermanenceBook;
  }
}
