import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { verifyEmail } from '../api/accounts.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { setCurrentUser } from '../session.js';
import { sharedStyles } from '../styles.js';
import { authFormStyles } from './auth-form.js';

/**
 * Confirms an address with the mailed link (`/compte/verifier?token=…`) and the password chosen
 * when signing up, which signs in.
 */
@customElement('lc-verify-email')
export class LcVerifyEmail extends LitElement {
  static override styles = [sharedStyles, authFormStyles];

  /** The secret from the mailed link. */
  @property() token = '';

  @state() private _done = false;
  @state() private _fieldError = '';
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.verify.heading')} · ${t('app.name')}`;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    this._error = '';
    this._fieldError = '';
    this._busy = true;
    try {
      setCurrentUser(await verifyEmail(this.token, password));
      this._done = true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'token_invalid') this._error = t('acc.error.linkInvalid');
      else if (err instanceof ApiError && err.details.field === 'password') {
        this._fieldError = t('acc.verify.wrongPassword');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#password')?.focus();
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('acc.verify.heading')}</h1>
      ${!this.token ? html`<p class="message error" role="alert">${t('acc.verify.missing')}</p>` : nothing}
      ${this._done
        ? html`<p class="message info" role="status" data-testid="verified">${t('acc.verify.done')}</p>
            <p><a href="/">${t('nav.home')}</a></p>`
        : this.token
          ? html`${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
              <p class="muted">${t('acc.verify.intro')}</p>
              <form novalidate @submit=${this._submit} aria-busy=${this._busy}>
                <div class="field">
                  <label for="password">${t('auth.password')}</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required
                    aria-invalid=${this._fieldError ? 'true' : 'false'} aria-describedby="password-error" />
                  ${this._fieldError ? html`<span class="field-error" id="password-error">${this._fieldError}</span>` : nothing}
                </div>
                <button class="btn wide" type="submit" ?disabled=${this._busy}>${t('acc.verify.submit')}</button>
              </form>`
          : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-verify-email': LcVerifyEmail;
  }
}
