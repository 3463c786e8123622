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
  const issues = Array.isArray(err.details.issues) ? (err.details.issues as { field?: unknown; message?: unknown }[]) : [];
  for (const i of issues) {
    if (typeof i.field === 'string' && !(i.field in out)) out[i.field] = fieldMessage(i.field, err.code, String(i.message ?? ''));
  }
  const field = err.details.field;
  // A refused new password says why (too short, among the most common ones).
  const reason = err.details.reason;
  if (typeof field === 'string' && (reason === 'too_common' || reason === 'too_short')) {
    out[field] = t(reason === 'too_common' ? 'acc.error.tooCommon' : 'acc.error.tooShort');
  }
  if (typeof field === 'string' && !(field in out)) out[field] = fieldMessage(field, err.code, err.message);
  return out;
}

/** A same-site path to go to after logging in (anything else becomes "/"). */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
