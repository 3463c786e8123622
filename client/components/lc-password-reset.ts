import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ApiError } from '../api/http.js';
import { resetPassword } from '../api/accounts.js';
import { t } from '../i18n/index.js';
import { setCurrentUser } from '../session.js';
import { fieldErrors, TokenPasswordForm } from './auth-form.js';

/** Sets a new password with the mailed link (`/compte/reinitialiser?token=…`). */
@customElement('lc-password-reset')
export class LcPasswordReset extends TokenPasswordForm {
  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('acc.reset.heading')} · ${t('app.name')}`;
  }

  protected override async send(password: string) {
    await resetPassword(this.token, password);
    // Every session of the account was closed, this one included.
    setCurrentUser(null);
  }

  protected override passwordMessage(err: ApiError) {
    return fieldErrors(err).password ?? err.message;
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('acc.reset.heading')}</h1>
      ${
        this._done
          ? html`<p class="message info" role="status" data-testid="reset-done">${t('acc.reset.done')}</p>
            <p><a class="btn" href="/login">${t('nav.login')}</a></p>`
          : this.passwordForm(
              t('acc.sec.new'),
              'new-password',
              t('acc.reset.submit'),
              t('acc.sec.newHint'),
            )
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-password-reset': LcPasswordReset;
  }
}
