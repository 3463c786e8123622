import { css } from 'lit';
import type { ApiError } from '../api/http.js';
import { t } from '../i18n/index.js';

/** Layout shared by the login and registration forms. */
export const authFormStyles = css`
  :host { display: block; }
  .auth { max-width: 26rem; margin: 1.5rem auto; padding: 1.5rem 1.6rem; }
  .auth h1 { margin-top: 0; font-size: 1.6rem; }
  .btn.wide { width: 100%; justify-content: center; padding: 0.65rem; }
  .switch { text-align: center; margin: 1.2rem 0 0; font-size: 0.95rem; }
`;

/**
 * A translated message for an API error about one form field (`error.field`), from the field
 * and the error code; falls back to the API's own message.
 */
export function fieldErrorText(err: ApiError): string {
  const field = String(err.details.field ?? '');
  if (err.code === 'conflict' && field === 'email') return t('auth.error.emailTaken');
  if (err.code === 'validation_failed') {
    if (field === 'email') return t('auth.error.emailInvalid');
    if (field === 'name') return t('auth.error.nameRequired');
    if (field === 'password') return t('auth.error.passwordShort');
  }
  return err.message.replace(/^[\w.]+: /, '');
}

/** A same-site path to go to after logging in (anything else becomes "/"). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
