import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { bookingIcsUrl, cancelBooking, recordFollowup, type Booking } from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox } from '../format.js';

/**
 * One booking as its place, the expert or a facilitator sees it: question, .ics, cancel; and for
 * the expert and facilitators, attendance and the follow-up note. Fires `lc-booking-changed`.
 */
@customElement('lc-booking-item')
export class LcBookingItem extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .question { white-space: pre-wrap; margin: 0.3rem 0; }
      textarea { min-height: 3rem; font-family: inherit; }
      .follow { display: grid; gap: 0.4rem; margin-top: 0.5rem; }
    `,
  ];

  /** The booking. */
  @property({ attribute: false }) booking!: Booking;
  /** Whether the viewer records attendance (the expert, facilitators). */
  @property({ type: Boolean }) manage = false;

  @state() private _error: unknown = null;
  @state() private _attended: string | null = null;
  @state() private _followup: string | null = null;
  @state() private _saved = false;

  private async _run(action: () => Promise<Booking>) {
    this._error = null;
    this._saved = false;
    try {
      this.booking = await action();
      this.dispatchEvent(
        new CustomEvent('lc-booking-changed', {
          detail: this.booking,
          bubbles: true,
          composed: true,
        }),
      );
      return true;
    } catch (err) {
      this._error = err;
      return false;
    }
  }

  override render() {
    const b = this.booking;
    const attended = this._attended ?? (b.attended === null ? '' : String(b.attended));
    return html`<article class="card" data-testid="perm-booking">
      <strong>${b.place.name}</strong>
      ${b.bookedBy ? html`<span class="muted small"> · ${t('perm.booking.by', { name: b.bookedBy.name })}</span>` : nothing}
      ${b.status === 'cancelled' ? html` <span class="badge warn">${t('perm.booking.cancelled')}</span>` : nothing}
      <p class="question">${b.question}</p>
      ${this._error ? errorBox(this._error) : nothing}
      ${
        b.status === 'confirmed'
          ? html`<div class="actions">
              <a class="btn secondary small" href=${bookingIcsUrl(b.id)} download>${t('perm.booking.ics')}</a>
              <button class="btn danger small" @click=${() => this._run(() => cancelBooking(b.id))}>${t('perm.booking.cancel')}</button>
            </div>
            ${
              this.manage
                ? html`<div class="follow">
                  <div class="field">
                    <label for="att-${b.id}">${t('perm.booking.attendance')}</label>
                    <select id="att-${b.id}" @change=${(e: Event) => (this._attended = (e.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${attended === ''}>${t('perm.booking.unknown')}</option>
                      <option value="true" ?selected=${attended === 'true'}>${t('perm.booking.attended')}</option>
                      <option value="false" ?selected=${attended === 'false'}>${t('perm.booking.absent')}</option>
                    </select>
                  </div>
                  <div class="field">
                    <label for="fu-${b.id}">${t('perm.booking.followup')}</label>
                    <textarea id="fu-${b.id}" .value=${this._followup ?? b.followup ?? ''} @input=${(e: Event) => (this._followup = (e.target as HTMLTextAreaElement).value)}></textarea>
                  </div>
                  <div class="actions">
                    <button class="btn small" data-testid="perm-followup-save" @click=${async () => {
                      this._saved = await this._run(() =>
                        recordFollowup(b.id, {
                          attended: attended === '' ? null : attended === 'true',
                          followup: (this._followup ?? b.followup ?? '').trim() || null,
                        }),
                      );
                    }}>${t('perm.booking.save')}</button>
                    ${this._saved ? html`<span role="status">${t('perm.booking.saved')}</span>` : nothing}
                  </div>
                </div>`
                : nothing
            }`
          : nothing
      }
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-booking-item': LcBookingItem;
  }
}
