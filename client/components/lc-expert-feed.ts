import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { calendarTokenState, newCalendarToken, revokeCalendarToken } from '../api/permanences.js';
import { sharedStyles } from '../styles.js';
import { errorBox } from '../format.js';

/** An expert's private calendar address: create (shown once), replace, revoke. For the expert and facilitators. */
@customElement('lc-expert-feed')
export class LcExpertFeed extends LitElement {
  static override styles = [
    sharedStyles,
    css`:host { display: block; } code { word-break: break-all; }`,
  ];

  /** The expert's person slug. */
  @property() slug = '';
  /** The expert's name. */
  @property() name = '';

  @state() private _active: boolean | null = null;
  @state() private _url = '';
  @state() private _error: unknown = null;

  override updated(changed: Map<string, unknown>) {
    if (changed.has('slug') && this.slug)
      void this._run(async () => (this._active = (await calendarTokenState(this.slug)).active));
  }

  private async _run(action: () => Promise<unknown>) {
    this._error = null;
    try {
      await action();
    } catch (err) {
      this._error = err;
    }
  }

  override render() {
    if (this._active === null && !this._error) return nothing;
    return html`<section class="card" aria-labelledby="feed-title">
      <h2 id="feed-title">${t('perm.feedExpert.title', { name: this.name })}</h2>
      <p class="muted small">${t('perm.feedExpert.hint')}</p>
      ${this._error ? errorBox(this._error) : nothing}
      <p>${this._active ? t('perm.feedExpert.on') : t('perm.feedExpert.off')}</p>
      ${this._url ? html`<p class="message info"><code>${this._url}</code><br />${t('perm.feedExpert.copy')}</p>` : nothing}
      <div class="actions">
        <button class="btn secondary small" @click=${() =>
          this._run(async () => {
            this._url = (await newCalendarToken(this.slug)).url;
            this._active = true;
          })}>${t('perm.feedExpert.create')}</button>
        ${
          this._active
            ? html`<button class="btn danger small" @click=${() =>
                this._run(async () => {
                  await revokeCalendarToken(this.slug);
                  this._active = false;
                  this._url = '';
                })}>${t('perm.feedExpert.revoke')}</button>`
            : nothing
        }
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-expert-feed': LcExpertFeed;
  }
}
