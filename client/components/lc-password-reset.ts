import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { resetPassword } from '../api/accounts.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { setCurrentUser } from '../session.js';
import { sharedStyles } from '../styles.js';
import { authFormStyles, fieldErrors } from './auth-form.js';

/** Sets a new password with the mailed link (`/compte/reinitialiser?token=…`). */
@customElement('lc-password-reset')
export class LcPasswordReset extends LitElement {
  static override styles = [sharedStyles, authFormStyles];

  /** The secret from the mailed link. */
  @property() token = '';

  @state() private _done = false;
  @state() private _fieldError = '';
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.reset.heading')} · ${t('app.name')}`;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    this._error = '';
    this._fieldError = '';
    this._busy = true;
    try {
      await resetPassword(this.token, password);
      // Every session of the account was closed, this one included.
      setCurrentUser(null);
      this._done = true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'token_invalid') this._error = t('acc.error.linkInvalid');
      else if (err instanceof ApiError && err.details.field === 'password') {
        this._fieldError = fieldErrors(err).password ?? err.message;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#password')?.focus();
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('acc.reset.heading')}</h1>
      ${this._done
        ? html`<p class="message info" role="status" data-testid="reset-done">${t('acc.reset.done')}</p>
            <p><a class="btn" href="/login">${t('nav.login')}</a></p>`
        : html`${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
            <form novalidate @submit=${this._submit} aria-busy=${this._busy}>
              <div class="field">
                <label for="password">${t('acc.sec.new')}</label>
                <input id="password" name="password" type="password" autocomplete="new-password" required
                  aria-invalid=${this._fieldError ? 'true' : 'false'} aria-describedby="password-hint password-error" />
                <span class="hint" id="password-hint">${t('acc.sec.newHint')}</span>
                ${this._fieldError ? html`<span class="field-error" id="password-error">${this._fieldError}</span>` : nothing}
              </div>
              <button class="btn wide" type="submit" ?disabled=${this._busy}>${t('acc.reset.submit')}</button>
            </form>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-password-reset': LcPasswordReset;
  }
}
