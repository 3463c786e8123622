import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { invitationInfo, signUp, signupPolicy, type SignupPolicy } from '../api/accounts.js';
import { formatDate, t } from '../i18n/index.js';
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

const FIELDS = ['name', 'email', 'password'] as const;

/** The registration form; errors appear next to the field the API names. */
@customElement('lc-register-form')
export class LcRegisterForm extends LitElement {
  static override styles = [sharedStyles, authFormStyles, css``];

  /** Where to go after registering (a path of this site). */
  @property() next = '/';
  /** The secret of an invitation link (`/register?invitation=…`), empty without one. */
  @property() invitation = '';

  @state() private _policy: SignupPolicy | null = null;
  @state() private _invited: { email: string; role: string; expiresAt: string } | null = null;
  @state() private _invitationInvalid = false;
  @state() private _checkMail = false;
  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('nav.register')} · ${t('app.name')}`;
    void this._load();
  }

  private async _load() {
    try {
      if (this.invitation) this._invited = await invitationInfo(this.invitation);
      else this._policy = await signupPolicy();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'token_invalid') this._invitationInvalid = true;
      else this._error = errorText(err);
    }
  }

  private async _submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this._error = '';
    this._errors = {};
    this._busy = true;
    try {
      const user = await signUp({
        email,
        name,
        password,
        invitation: this.invitation || undefined,
      });
      if (user) {
        setCurrentUser(user);
        navigate(safeNext(this.next));
      } else this._checkMail = true;
    } catch (err) {
      const errors = err instanceof ApiError ? fieldErrors(err) : {};
      if (err instanceof ApiError && err.details.field === 'email' && this.invitation)
        errors.email = t('acc.error.emailNotInvited');
      if (err instanceof ApiError && err.code === 'token_invalid') this._invitationInvalid = true;
      if (Object.keys(errors).some((f) => (FIELDS as readonly string[]).includes(f))) {
        this._errors = errors;
        await focusFirstInvalid(this);
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private _field(
    id: (typeof FIELDS)[number],
    label: string,
    type: string,
    autocomplete: string,
    hint = '',
    value = '',
  ) {
    return authField({ id, label, type, autocomplete, hint, value, error: this._errors[id] });
  }

  override render() {
    if (this._checkMail) {
      return html`<div class="auth card">
        <h1>${t('acc.checkMail.heading')}</h1>
        <p class="message info" role="status" data-testid="check-mail">${t('acc.checkMail.signup')}</p>
      </div>`;
    }
    const closed = !this.invitation && this._policy === 'invitation';
    return html`<div class="auth card">
      <h1>${t('nav.register')}</h1>
      <p class="muted">${t('auth.registerIntro')}</p>
      ${
        this._invited
          ? html`<p class="message info" data-testid="invited">${t('acc.invited', {
              email: this._invited.email,
              role: t(`role.${this._invited.role}`),
              date: formatDate(this._invited.expiresAt),
            })}</p>`
          : nothing
      }
      ${this._invitationInvalid ? html`<p class="message error" role="alert">${t('acc.invitationInvalid')}</p>` : nothing}
      ${closed ? html`<p class="message warning" data-testid="invitation-only">${t('acc.invitationOnly')}</p>` : nothing}
      ${this._policy === 'approval' ? html`<p class="muted small">${t('acc.approvalNote')}</p>` : nothing}
      ${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
      <form novalidate @submit=${this._submit} aria-busy=${this._busy} ?hidden=${closed || this._invitationInvalid}>
        ${this._field('name', t('auth.name'), 'text', 'name', t('auth.nameHint'))}
        ${this._field('email', t('auth.email'), 'email', 'email', '', this._invited?.email ?? '')}
        ${this._field('password', t('auth.password'), 'password', 'new-password', t('acc.sec.newHint'))}
        <button class="btn wide" type="submit" ?disabled=${this._busy} data-testid="register">${t('nav.register')}</button>
      </form>
      <p class="switch">${t('auth.haveAccount')} <a href="/login">${t('nav.login')}</a></p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-register-form': LcRegisterForm;
  }
}
