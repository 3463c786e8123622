import { html } from 'lit';
import type { Route } from './router.js';
import './components/lc-verify-email.js';
import './components/lc-password-forgot.js';
import './components/lc-password-reset.js';
import './components/lc-security-page.js';
import './components/lc-admin-accounts.js';
import './components/lc-audit-log.js';

/** Accounts: links from mails (verification, reset), the "Sécurité" page and the accounts administration. */
export const ACCOUNT_ROUTES: Route[] = [
  {
    pattern: '/compte/verifier',
    render: (_p, q) => html`<lc-verify-email .token=${q.get('token') ?? ''}></lc-verify-email>`,
  },
  {
    pattern: '/compte/mot-de-passe-oublie',
    render: () => html`<lc-password-forgot></lc-password-forgot>`,
  },
  {
    pattern: '/compte/reinitialiser',
    render: (_p, q) => html`<lc-password-reset .token=${q.get('token') ?? ''}></lc-password-reset>`,
  },
  { pattern: '/securite', render: () => html`<lc-security-page></lc-security-page>` },
  { pattern: '/admin/comptes', render: () => html`<lc-admin-accounts></lc-admin-accounts>` },
  { pattern: '/admin/journal', render: () => html`<lc-audit-log></lc-audit-log>` },
];
