import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { contactPerson } from '../api/registry.js';
import { ApiError } from '../api/http.js';
import { currentUser } from '../session.js';

/**
 * A "Contacter" button that opens a short form and sends the message through the platform
 * (POST /api/people/:slug/contact). No address is ever shown, in either direction.
 */
@customElement('lc-contact-person')
export class LcContactPerson extends LitElement {
  static override styles = css`
    :host { display: block; }
    .btn { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.35rem 0.8rem; border-radius: 8px; border: 1px solid #2f6f4f; background: #2f6f4f; color: #fff; font: inherit; cursor: pointer; }
    .btn.secondary { background: #fff; color: #2f6f4f; }
    .btn[disabled] { opacity: 0.6; cursor: default; }
    form { margin-top: 0.6rem; display: flex; flex-direction: column; gap: 0.4rem; }
    label { font-weight: 600; font-size: 0.9rem; }
    textarea, input { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #b9c5be; border-radius: 7px; width: 100%; box-sizing: border-box; }
    textarea { min-height: 5.5rem; }
    .privacy { font-size: 0.82rem; color: #5b6b63; margin: 0; }
    .actions { display: flex; gap: 0.5rem; }
    .ok { color: #1b5e36; background: #e0f3e7; padding: 0.4rem 0.6rem; border-radius: 7px; margin: 0; }
    .err { color: #a61b1b; margin: 0; font-size: 0.9rem; }
  `;

  /** Slug of the person to write to. */
  @property() slug = '';
  /** Their display name. */
  @property() name = '';

  @state() private _open = false;
  @state() private _sending = false;
  @state() private _sent = false;
  @state() private _error = '';

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const message = String(data.get('message') ?? '').trim();
    const from = String(data.get('from') ?? '').trim();
    if (!message) {
      this._error = t('contact.empty');
      return;
    }
    this._sending = true;
    this._error = '';
    try {
      await contactPerson(this.slug, from ? { message, from } : { message });
      this._sent = true;
      this._open = false;
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : t('error.generic', { message: String(err) });
    } finally {
      this._sending = false;
    }
  }

  override render() {
    // Logged in, the answer comes back in "Mes demandes"; without an account, only through what the sender wrote.
    if (this._sent) return html`<p class="ok" role="status">${t(currentUser() ? 'inbox.contactSent' : 'inbox.contactSentAnonymous', { name: this.name })}</p>`;
    if (!this._open) {
      return html`<button class="btn" data-testid="contact" @click=${() => (this._open = true)} aria-label=${t('contact.title', { name: this.name })}>
        ✉ ${t('contact.button')}
      </button>`;
    }
    const id = `msg-${this.slug}`;
    return html`<form @submit=${this._submit} aria-label=${t('contact.title', { name: this.name })}>
      <label for=${id}>${t('contact.title', { name: this.name })}</label>
      <textarea id=${id} name="message" required placeholder=${t('contact.placeholder')}></textarea>
      <label for=${`${id}-from`}>${t('contact.from')}</label>
      <input id=${`${id}-from`} name="from" placeholder=${t('contact.fromPlaceholder')} />
      <p class="privacy">${t('contact.privacy')}</p>
      ${this._error ? html`<p class="err" role="alert">${this._error}</p>` : null}
      <div class="actions">
        <button class="btn" type="submit" ?disabled=${this._sending}>${t('contact.send')}</button>
        <button class="btn secondary" type="button" @click=${() => (this._open = false)}>${t('contact.cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-contact-person': LcContactPerson;
  }
}
