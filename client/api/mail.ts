import { api } from './http.js';
import type { OutboxMail, OutboxPage } from '../../server/contracts/mail.js';

// The outbox's shapes are the server's contract (server/contracts/mail.ts), imported as types only.
export type { OutboxMail };

/** The outbox, newest first, and whether SMTP is configured. */
export const listOutbox = (q: { status?: string; before?: number } = {}) => {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (q.before) p.set('before', String(q.before));
  const s = p.toString();
  return api<OutboxPage>('GET', `/api/admin/outbox${s ? `?${s}` : ''}`);
};

/** Puts a failed mail back in the queue. */
export const retryMail = (id: number) => api<OutboxMail>('POST', `/api/admin/outbox/${id}/retry`);
