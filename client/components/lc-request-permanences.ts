import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { bookingsOfRequest, type Booking, type Permanence } from '../api/permanences.js';
import type { TrackedRequest } from '../api/switchyard.js';
import { sharedStyles } from '../styles.js';
import { errorBox } from '../format.js';
import { sessionWhen } from '../lib/permanence-format.js';
import './lc-permanence-book.js';
import './lc-booking-item.js';

/**
 * The permanences of a switchyard request: its bookings (with attendance and follow-up for the
 * expert and facilitators), "Réserver un créneau" with each proposed person who holds upcoming
 * sessions, and, once a session took place, the request asks for its outcome.
 */
@customElement('lc-request-permanences')
export class LcRequestPermanences extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .bookings { display: grid; gap: 0.6rem; }
      .people { display: grid; gap: 0.4rem; margin-top: 0.6rem; }
      h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem; }
    `,
  ];

  /** The request. */
  @property({ attribute: false }) request!: TrackedRequest;

  @state() private _items: (Booking & { permanence: Permanence })[] = [];
  @state() private _error: unknown = null;

  override updated(changed: Map<string, unknown>) {
    const before = changed.get('request') as TrackedRequest | undefined;
    if (changed.has('request') && before?.id !== this.request.id) void this._load();
  }

  private async _load() {
    try {
      this._items = (await bookingsOfRequest(this.request.id)).items;
    } catch (err) {
      this._error = err;
    }
  }

  override render() {
    const r = this.request;
    const held = this._items.some(
      (b) => b.status === 'confirmed' && Date.parse(b.permanence.endsAt) < Date.now(),
    );
    return html`<section aria-labelledby="rp-title">
      <h2 id="rp-title">${t('perm.request.title')}</h2>
      ${this._error ? errorBox(this._error) : nothing}
      ${held && !r.outcome ? html`<p class="message warning" data-testid="perm-ask-outcome">${t('perm.request.askOutcome')}</p>` : nothing}
      ${
        this._items.length
          ? html`<div class="bookings">
            ${this._items.map(
              (b) => html`<div>
                <h3><a href="/permanences/${b.permanence.id}">${b.permanence.title}</a> — ${sessionWhen(b.permanence)}, ${t('perm.with', { name: b.permanence.expert.name })}</h3>
                <lc-booking-item .booking=${b} ?manage=${b.permanence.canManage} @lc-booking-changed=${() => void this._load()}></lc-booking-item>
              </div>`,
            )}
          </div>`
          : html`<p class="muted">${t('perm.request.none')}</p>`
      }
      <div class="people">
        ${r.proposal.people.map(
          (p) => html`<lc-permanence-book
            expert=${p.slug}
            question=${r.problem}
            label=${t('perm.request.book', { name: p.name })}
            .ensureRequest=${async () => r.id}
            @lc-booked=${() => void this._load()}
          ></lc-permanence-book>`,
        )}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-request-permanences': LcRequestPermanences;
  }
}
