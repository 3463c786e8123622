import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { requestPasswordReset } from '../api/accounts.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { sharedStyles } from '../styles.js';
import { authFormStyles, fieldErrors } from './auth-form.js';

/** "Mot de passe oublié": asks for a reset link by mail; the answer never says whether the address has an account. */
@customElement('lc-password-forgot')
export class LcPasswordForgot extends LitElement {
  static override styles = [sharedStyles, authFormStyles];

  @state() private _sent = false;
  @state() private _fieldError = '';
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.forgot.heading')} · ${t('app.name')}`;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim();
    this._error = '';
    this._fieldError = email ? '' : t('auth.error.emailRequired');
    if (this._fieldError) return;
    this._busy = true;
    try {
      await requestPasswordReset(email);
      this._sent = true;
    } catch (err) {
      if (err instanceof ApiError && err.details.field === 'email')
        this._fieldError = fieldErrors(err).email ?? err.message;
      else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('acc.forgot.heading')}</h1>
      ${
        this._sent
          ? html`<p class="message info" role="status" data-testid="check-mail">${t('acc.checkMail.reset')}</p>`
          : html`<p class="muted">${t('acc.forgot.intro')}</p>
            ${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
            <form novalidate @submit=${this._submit} aria-busy=${this._busy}>
              <div class="field">
                <label for="email">${t('auth.email')}</label>
                <input id="email" name="email" type="email" autocomplete="username" required
                  aria-invalid=${this._fieldError ? 'true' : 'false'} aria-describedby="email-error" />
                ${this._fieldError ? html`<span class="field-error" id="email-error">${this._fieldError}</span>` : nothing}
              </div>
              <button class="btn wide" type="submit" ?disabled=${this._busy}>${t('acc.forgot.submit')}</button>
            </form>`
      }
      <p class="switch"><a href="/login">${t('nav.login')}</a></p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-password-forgot': LcPasswordForgot;
  }
}
