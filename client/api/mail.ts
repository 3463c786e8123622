import { api } from './http.js';

/** A mail of the outbox (admins). */
export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string }[];
  kind: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The outbox, newest first, and whether SMTP is configured. */
export const listOutbox = (q: { status?: string; before?: number } = {}) => {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (q.before) p.set('before', String(q.before));
  const s = p.toString();
  return api<{ smtp: boolean; mails: OutboxMail[]; next: number | null }>('GET', `/api/admin/outbox${s ? `?${s}` : ''}`);
};

/** Puts a failed mail back in the queue. */
export const retryMail = (id: number) => api<OutboxMail>('POST', `/api/admin/outbox/${id}/retry`);
