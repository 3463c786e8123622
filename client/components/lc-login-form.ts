import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { login } from '../api/auth.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { navigate } from '../router.js';
import { setCurrentUser } from '../session.js';
import { sharedStyles } from '../styles.js';
import {
  authField,
  authFormStyles,
  fieldErrors,
  focusFirstInvalid,
  safeNext,
} from './auth-form.js';

/** The login form; errors appear next to the field the API names. */
@customElement('lc-login-form')
export class LcLoginForm extends LitElement {
  static override styles = [sharedStyles, authFormStyles, css``];

  /** Where to go after logging in (a path of this site). */
  @property() next = '/';

  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('nav.login')} · ${t('app.name')}`;
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const errors: Record<string, string> = {};
    if (!email) errors.email = t('auth.error.emailRequired');
    if (!password) errors.password = t('auth.error.passwordRequired');
    this._errors = errors;
    this._error = '';
    if (Object.keys(errors).length) return this._focusError();
    this._busy = true;
    try {
      setCurrentUser(await login(email, password));
      navigate(safeNext(this.next));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401)
        this._error = t('auth.error.wrongCredentials');
      else if (err instanceof ApiError && err.code === 'email_unverified')
        this._error = t('acc.error.unverified');
      else if (err instanceof ApiError && err.code === 'password_reset_required')
        this._error = t('acc.error.mustReset');
      else if (
        err instanceof ApiError &&
        err.status === 400 &&
        typeof err.details.field === 'string'
      ) {
        this._errors = fieldErrors(err);
        void this._focusError();
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private _focusError() {
    return focusFirstInvalid(this);
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('nav.login')}</h1>
      ${this._error ? html`<div class="message error" role="alert" data-testid="form-error">${this._error}</div>` : nothing}
      <form novalidate @submit=${this._submit} aria-busy=${this._busy}>
        ${authField({ id: 'email', label: t('auth.email'), type: 'email', autocomplete: 'username', error: this._errors.email })}
        ${authField({ id: 'password', label: t('auth.password'), type: 'password', autocomplete: 'current-password', error: this._errors.password })}
        <button class="btn wide" type="submit" ?disabled=${this._busy}>${t('nav.login')}</button>
      </form>
      <p class="switch"><a href="/compte/mot-de-passe-oublie">${t('acc.forgot')}</a></p>
      <p class="switch">${t('auth.noAccount')} <a href="/register${this.next !== '/' ? `?next=${encodeURIComponent(this.next)}` : ''}">${t('nav.register')}</a></p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-login-form': LcLoginForm;
  }
}
