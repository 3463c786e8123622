import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.js';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';
import { sharedStyles } from '../styles.js';

/** Layout shared by the login and registration forms. */
export const authFormStyles = css`
  :host { display: block; }
  .auth { max-width: 26rem; margin: 1.5rem auto; padding: 1.5rem 1.6rem; }
  .auth h1 { margin-top: 0; font-size: 1.6rem; }
  .btn.wide { width: 100%; justify-content: center; padding: 0.65rem; }
  .switch { text-align: center; margin: 1.2rem 0 0; font-size: 0.95rem; }
`;

/** A translated message for one invalid field, from the field and the error code. */
function fieldMessage(field: string, code: string, fallback: string): string {
  if (code === 'conflict' && field === 'email') return t('auth.error.emailTaken');
  if (code === 'validation_failed') {
    if (field === 'email') return t('auth.error.emailInvalid');
    if (field === 'name') return t('auth.error.nameRequired');
    if (field === 'password') return t('auth.error.passwordShort');
  }
  return fallback.replace(/^[\w.]+: /, '');
}

/**
 * Translated messages for every form field an API error names: `error.field`, and each of
 * `error.issues` when the API lists several invalid fields.
 */
export function fieldErrors(err: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = Array.isArray(err.details.issues)
    ? (err.details.issues as { field?: unknown; message?: unknown }[])
    : [];
  for (const i of issues) {
    if (typeof i.field === 'string' && !(i.field in out))
      out[i.field] = fieldMessage(i.field, err.code, String(i.message ?? ''));
  }
  const field = err.details.field;
  // A refused new password says why (too short, among the most common ones).
  const reason = err.details.reason;
  if (typeof field === 'string' && (reason === 'too_common' || reason === 'too_short')) {
    out[field] = t(reason === 'too_common' ? 'acc.error.tooCommon' : 'acc.error.tooShort');
  }
  if (typeof field === 'string' && !(field in out))
    out[field] = fieldMessage(field, err.code, err.message);
  return out;
}

/** A same-site path to go to after logging in (anything else becomes "/"). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';
}

/** What `authField` shows: one labelled input of an account form. */
export interface AuthFieldOptions {
  /** The input's id and name (`email`, `password`…); its hint and error get `ID-hint`, `ID-error`. */
  id: string;
  label: string;
  type: string;
  autocomplete: string;
  /** The message of an invalid value (empty: valid). */
  error?: string;
  hint?: string;
  value?: string;
}

/**
 * One field of the account forms (login, registration, reset, verification): label, input marked
 * invalid and described by its hint and error, the error next to it (test id `ID-error`).
 */
export function authField(o: AuthFieldOptions): TemplateResult {
  return html`<div class="field">
    <label for=${o.id}>${o.label}</label>
    <input id=${o.id} name=${o.id} type=${o.type} autocomplete=${o.autocomplete} required .value=${o.value ?? ''}
      aria-invalid=${o.error ? 'true' : 'false'} aria-describedby="${o.hint ? `${o.id}-hint ` : ''}${o.id}-error" />
    ${o.hint ? html`<span class="hint" id="${o.id}-hint">${o.hint}</span>` : nothing}
    ${o.error ? html`<span class="field-error" id="${o.id}-error" data-testid="${o.id}-error">${o.error}</span>` : nothing}
  </div>`;
}

/** Moves the focus to the first invalid field of `form` once it has rendered. */
export async function focusFirstInvalid(form: LitElement): Promise<void> {
  await form.updateComplete;
  form.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/**
 * A form that sends one password with the secret of a mailed link (password reset, address
 * verification): a link that no longer works, a refused password next to its field, any other
 * error above the form. Subclasses say what to send and how to word a refused password.
 */
export abstract class TokenPasswordForm extends LitElement {
  static override styles = [sharedStyles, authFormStyles];

  /** The secret from the mailed link. */
  @property() token = '';

  @state() protected _done = false;
  @state() protected _fieldError = '';
  @state() protected _error = '';
  @state() protected _busy = false;

  /** Sends the password with the token; resolves once the server accepted it. */
  protected abstract send(password: string): Promise<void>;

  /** The message shown next to the password field when the server refused it. */
  protected abstract passwordMessage(err: ApiError): string;

  protected async _submit(e: SubmitEvent) {
    e.preventDefault();
    const password = String(new FormData(e.target as HTMLFormElement).get('password') ?? '');
    this._error = '';
    this._fieldError = '';
    this._busy = true;
    try {
      await this.send(password);
      this._done = true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'token_invalid')
        this._error = t('acc.error.linkInvalid');
      else if (err instanceof ApiError && err.details.field === 'password') {
        this._fieldError = this.passwordMessage(err);
        await focusFirstInvalid(this);
      } else this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  /** The form: the error above it (unless the caller shows it elsewhere), the password field, the submit button. */
  protected passwordForm(
    label: string,
    autocomplete: string,
    submit: string,
    hint?: string,
    withError = true,
  ): TemplateResult {
    return html`${withError && this._error ? html`<div class="message error" role="alert">${this._error}</div>` : nothing}
      <form novalidate @submit=${this._submit} aria-busy=${this._busy}>
        ${authField({ id: 'password', label, type: 'password', autocomplete, error: this._fieldError, hint })}
        <button class="btn wide" type="submit" ?disabled=${this._busy}>${submit}</button>
      </form>`;
  }
}
