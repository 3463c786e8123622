import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { verifyEmail } from '../api/accounts.js';
import { t } from '../i18n/index.js';
import { errorText, loadingLine } from '../format.js';
import { setCurrentUser } from '../session.js';
import { sharedStyles } from '../styles.js';
import { authFormStyles } from './auth-form.js';

/** Confirms an address with the mailed link (`/compte/verifier?token=…`), which signs in. */
@customElement('lc-verify-email')
export class LcVerifyEmail extends LitElement {
  static override styles = [sharedStyles, authFormStyles];

  /** The secret from the mailed link. */
  @property() token = '';

  @state() private _state: 'working' | 'done' | 'failed' = 'working';
  @state() private _error = '';

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.verify.heading')} · ${t('app.name')}`;
    void this._verify();
  }

  private async _verify() {
    if (!this.token) {
      this._state = 'failed';
      this._error = t('acc.verify.missing');
      return;
    }
    try {
      setCurrentUser(await verifyEmail(this.token));
      this._state = 'done';
    } catch (err) {
      this._state = 'failed';
      this._error = err instanceof ApiError && err.code === 'token_invalid' ? t('acc.error.linkInvalid') : errorText(err);
    }
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('acc.verify.heading')}</h1>
      ${this._state === 'working' ? loadingLine() : nothing}
      ${this._state === 'done'
        ? html`<p class="message info" role="status" data-testid="verified">${t('acc.verify.done')}</p>
            <p><a href="/">${t('nav.home')}</a></p>`
        : nothing}
      ${this._state === 'failed' ? html`<p class="message error" role="alert">${this._error}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-verify-email': LcVerifyEmail;
  }
}
