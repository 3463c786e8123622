import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { verifyEmail } from '../api/accounts.js';
import { t } from '../i18n/index.js';
import { setCurrentUser } from '../session.js';
import { TokenPasswordForm } from './auth-form.js';

/**
 * Confirms an address with the mailed link (`/compte/verifier?token=…`) and the password chosen
 * when signing up, which signs in.
 */
@customElement('lc-verify-email')
export class LcVerifyEmail extends TokenPasswordForm {
  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.verify.heading')} · ${t('app.name')}`;
  }

  protected override async send(password: string) {
    setCurrentUser(await verifyEmail(this.token, password));
  }

  protected override passwordMessage() {
    return t('acc.verify.wrongPassword');
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('acc.verify.heading')}</h1>
      ${!this.token ? html`<p class="message error" role="alert">${t('acc.verify.missing')}</p>` : nothing}
      ${
        this._done
          ? html`<p class="message info" role="status" data-testid="verified">${t('acc.verify.done')}</p>
            <p><a href="/">${t('nav.home')}</a></p>`
          : this.token
            ? html`${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
              <p class="muted">${t('acc.verify.intro')}</p>
              ${this.passwordForm(t('auth.password'), 'current-password', t('acc.verify.submit'), undefined, false)}`
            : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-verify-email': LcVerifyEmail;
  }
}
