import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t, withColon } from '../i18n/index.js';
import {
  cancelSession,
  getPermanence,
  sessionIcsUrl,
  type Permanence,
} from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox, loadingLine } from '../format.js';
import { SessionController } from '../session.js';
import { themeName } from './switchyard-themes.js';
import { seatsLabel, sessionWhen } from '../lib/permanence-format.js';
import './lc-permanence-book.js';
import './lc-booking-item.js';
import './lc-expert-feed.js';

/** /permanences/:id: one session, its booking form, the bookings the viewer may see, and its management. */
@customElement('lc-permanence-page')
export class LcPermanencePage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { display: block; }
      .badges { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.4rem 0; }
      .description { white-space: pre-wrap; }
      .bookings { display: grid; gap: 0.6rem; }
      section { margin-top: 1.2rem; }
    `,
  ];

  /** The session id. */
  @property({ type: Number }) permanenceId = 0;

  private _session = new SessionController(this);
  @state() private _p: Permanence | null = null;
  @state() private _error: unknown = null;

  override updated(changed: Map<string, unknown>) {
    if (changed.has('permanenceId')) void this._load();
  }

  private async _load() {
    try {
      this._p = await getPermanence(this.permanenceId);
    } catch (err) {
      this._error = err;
    }
  }

  private async _cancel() {
    if (!confirm(t('perm.session.cancelConfirm'))) return;
    try {
      this._p = await cancelSession(this.permanenceId);
    } catch (err) {
      this._error = err;
    }
  }

  override render() {
    const p = this._p;
    if (!p) return this._error ? errorBox(this._error) : loadingLine();
    const user = this._session.user;
    return html`
      <p><a href="/permanences">← ${t('perm.back')}</a></p>
      <h1>${p.title}</h1>
      <p><strong>${sessionWhen(p)}</strong> · ${t('perm.with', { name: p.expert.name })}</p>
      <div class="badges">
        <span class="badge">${t(`perm.format.${p.format}`)}</span>
        <span class="badge">${t(`perm.mode.${p.mode}`)}${p.mode === 'onsite' && p.place ? html` · ${p.place.name}` : nothing}</span>
        ${p.themes.map((th) => html`<span class="badge new">${themeName(th)}</span>`)}
        <span class="badge ${p.seatsLeft ? '' : 'warn'}" data-testid="perm-seats">${seatsLabel(p)}</span>
        ${p.seriesId ? html`<span class="badge">${t('perm.series')}</span>` : nothing}
      </div>
      ${p.description ? html`<p class="description">${p.description}</p>` : nothing}
      ${p.link ? html`<p>${withColon(t('perm.link'))} <a href=${p.link} rel="noopener noreferrer">${p.link}</a></p>` : nothing}
      ${this._error ? errorBox(this._error) : nothing}
      <div class="actions">
        <a class="btn secondary small" href=${sessionIcsUrl(p.id)} download>${t('perm.ics')}</a>
        ${p.canManage && p.status === 'scheduled' ? html`<button class="btn danger small" @click=${this._cancel}>${t('perm.session.cancel')}</button>` : nothing}
      </div>
      ${
        p.status === 'scheduled' && p.seatsLeft > 0 && Date.parse(p.startsAt) > Date.now()
          ? html`<section><h2>${t('perm.book.title')}</h2><lc-permanence-book open .session=${p} @lc-booked=${() => void this._load()}></lc-permanence-book></section>`
          : nothing
      }
      ${
        user && p.bookings
          ? html`<section>
            <h2>${t('perm.bookings')}</h2>
            ${
              p.bookings.length
                ? html`<div class="bookings">${p.bookings.map((b) => html`<lc-booking-item .booking=${b} ?manage=${p.canManage} @lc-booking-changed=${() => void this._load()}></lc-booking-item>`)}</div>`
                : html`<p class="muted">${t('perm.bookings.none')}</p>`
            }
          </section>`
          : nothing
      }
      ${p.canManage ? html`<section><lc-expert-feed slug=${p.expert.slug} name=${p.expert.name}></lc-expert-feed></section>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-permanence-page': LcPermanencePage;
  }
}
