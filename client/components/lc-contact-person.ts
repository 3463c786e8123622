import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { contactPerson } from '../api/registry.js';
import { ApiError } from '../api/http.js';
import { currentUser } from '../session.js';

/**
 * A "Contacter" button that opens a modal dialog with a short form and sends the message through
 * the platform (POST /api/people/:slug/contact). No address is ever shown, in either direction.
 * The dialog is the browser's modal `<dialog>`: the rest of the page is inert while it is open
 * (the focus stays inside), Escape closes it, and the focus goes back to the button (or to the
 * confirmation once the message is sent).
 */
@customElement('lc-contact-person')
export class LcContactPerson extends LitElement {
  static override styles = css`
    :host { display: block; }
    .btn { display: inline-flex; align-items: center; gap: 0.3rem; padding: 0.35rem 0.8rem; border-radius: 8px; border: 1px solid #2f6f4f; background: #2f6f4f; color: #fff; font: inherit; cursor: pointer; }
    .btn.secondary { background: #fff; color: #2f6f4f; }
    .btn[disabled] { opacity: 0.6; cursor: default; }
    dialog { border: 0; border-radius: 10px; padding: 1.1rem 1.3rem; width: min(32rem, calc(100% - 2rem)); box-sizing: border-box; color: #1d2a24; box-shadow: 0 10px 40px rgba(0, 0, 0, 0.3); }
    dialog::backdrop { background: rgba(20, 30, 25, 0.5); }
    h2 { font-size: 1.15rem; margin: 0 0 0.6rem; }
    form { display: flex; flex-direction: column; gap: 0.4rem; }
    label { font-weight: 600; font-size: 0.9rem; }
    textarea, input { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #b9c5be; border-radius: 7px; width: 100%; box-sizing: border-box; }
    textarea { min-height: 7rem; }
    .privacy { font-size: 0.82rem; color: #5b6b63; margin: 0; }
    .actions { display: flex; gap: 0.5rem; margin-top: 0.3rem; }
    .ok { color: #1b5e36; background: #e0f3e7; padding: 0.4rem 0.6rem; border-radius: 7px; margin: 0; }
    .err { color: #a61b1b; margin: 0; font-size: 0.9rem; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  /** Slug of the person to write to. */
  @property() slug = '';
  /** Their display name. */
  @property() name = '';

  @state() private _open = false;
  @state() private _sending = false;
  @state() private _sent = false;
  @state() private _error = '';

  @query('dialog') private _dialog!: HTMLDialogElement;

  private async _show() {
    this._error = '';
    this._open = true;
    await this.updateComplete;
    // showModal() puts the focus on the first field (the message).
    this._dialog.showModal();
  }

  /** The dialog closed (Escape, Annuler, or sent): the focus goes back where the user was. */
  private async _closed() {
    this._open = false;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>(this._sent ? '[role="status"]' : 'button[data-testid="contact"]')
      ?.focus();
  }

  /**
   * Tab and Shift+Tab cycle through the dialog's controls: the page behind is inert, but without
   * this the focus would go on to the browser's own interface after the last button.
   */
  private _keepFocus(e: KeyboardEvent) {
    if (e.key !== 'Tab') return;
    const controls = [
      ...this._dialog.querySelectorAll<HTMLElement>('textarea, input, button:not([disabled])'),
    ];
    const first = controls[0];
    const last = controls[controls.length - 1];
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first?.focus();
    }
  }

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
      this._dialog.close();
    } catch (err) {
      this._error =
        err instanceof ApiError ? err.message : t('error.generic', { message: String(err) });
    } finally {
      this._sending = false;
    }
  }

  private _form() {
    const id = `msg-${this.slug}`;
    return html`<h2 id=${`${id}-title`}>${t('contact.title', { name: this.name })}</h2>
      <form @submit=${this._submit} aria-labelledby=${`${id}-title`}>
        <label for=${id}>${t('contact.message')}</label>
        <textarea id=${id} name="message" required placeholder=${t('contact.placeholder')}></textarea>
        <label for=${`${id}-from`}>${t('contact.from')}</label>
        <input id=${`${id}-from`} name="from" placeholder=${t('contact.fromPlaceholder')} />
        <p class="privacy">${t('contact.privacy')}</p>
        ${this._error ? html`<p class="err" role="alert">${this._error}</p>` : nothing}
        <div class="actions">
          <button class="btn" type="submit" ?disabled=${this._sending}>${t('contact.send')}</button>
          <button class="btn secondary" type="button" @click=${() => this._dialog.close()}>${t('contact.cancel')}</button>
        </div>
      </form>`;
  }

  override render() {
    // The visible words come first in the button's name (WCAG 2.5.3: say what you see), the name completes them.
    return html`${
      this._sent
        ? html`<p class="ok" role="status" tabindex="-1">${t(currentUser() ? 'inbox.contactSent' : 'inbox.contactSentAnonymous', { name: this.name })}</p>`
        : html`<button class="btn" data-testid="contact" aria-haspopup="dialog" @click=${this._show}>
            <span aria-hidden="true">✉</span> ${t('contact.button')}<span class="visually-hidden"> ${this.name}</span>
          </button>`
    }
      <dialog aria-labelledby=${`msg-${this.slug}-title`} @close=${this._closed} @keydown=${this._keepFocus}>${this._open ? this._form() : nothing}</dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-contact-person': LcContactPerson;
  }
}
