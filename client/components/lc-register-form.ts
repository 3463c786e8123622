import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { register } from '../api/auth.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { navigate } from '../router.js';
import { setCurrentUser } from '../session.js';
import { sharedStyles } from '../styles.js';
import { authFormStyles, fieldErrors, safeNext } from './auth-form.js';

const FIELDS = ['name', 'email', 'password'] as const;

/** The registration form; errors appear next to the field the API names. */
@customElement('lc-register-form')
export class LcRegisterForm extends LitElement {
  static override styles = [sharedStyles, authFormStyles, css``];

  /** Where to go after registering (a path of this site). */
  @property() next = '/';

  @state() private _errors: Record<string, string> = {};
  @state() private _error = '';
  @state() private _busy = false;

  override connectedCallback() {
    super.connectedCallback();
    document.title = `${t('nav.register')} · ${t('app.name')}`;
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
      setCurrentUser(await register(email, name, password));
      navigate(safeNext(this.next));
    } catch (err) {
      const errors = err instanceof ApiError ? fieldErrors(err) : {};
      if (Object.keys(errors).some((f) => (FIELDS as readonly string[]).includes(f))) {
        this._errors = errors;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private _field(id: (typeof FIELDS)[number], label: string, type: string, autocomplete: string, hint = '') {
    const err = this._errors[id];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} type=${type} autocomplete=${autocomplete} required
        aria-invalid=${err ? 'true' : 'false'} aria-describedby="${id}-hint ${id}-error" />
      ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      ${err ? html`<span class="field-error" id="${id}-error" data-testid="${id}-error">${err}</span>` : nothing}
    </div>`;
  }

  override render() {
    return html`<div class="auth card">
      <h1>${t('nav.register')}</h1>
      <p class="muted">${t('auth.registerIntro')}</p>
      ${this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
      <form novalidate @submit=${this._submit} aria-busy=${this._busy}>
        ${this._field('name', t('auth.name'), 'text', 'name', t('auth.nameHint'))}
        ${this._field('email', t('auth.email'), 'email', 'email')}
        ${this._field('password', t('auth.password'), 'password', 'new-password', t('auth.passwordHint'))}
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
