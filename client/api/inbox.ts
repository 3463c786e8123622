/** Network side of the contact-message inbox (/api/inbox, /api/my-messages, /api/unread). */
import { api } from './http.js';

/** An answer to a message: by the person it was for, or by the facilitation team. */
export interface ContactReply {
  id: number;
  body: string;
  author: { name: string; role: 'person' | 'team' };
  createdAt: string;
}

/** A message as the person and the facilitators see it. */
export interface InboxMessage {
  id: number;
  person: { slug: string; name: string };
  message: string;
  from: string;
  sender: string | null;
  status: 'new' | 'relayed' | 'closed';
  read: boolean;
  createdAt: string;
  closedAt: string | null;
  replies: ContactReply[];
}

/** A message as its sender sees it. */
export interface SentMessage {
  id: number;
  person: { slug: string; name: string };
  message: string;
  status: 'new' | 'relayed' | 'closed';
  createdAt: string;
  unread: number;
  replies: ContactReply[];
}

/** Which messages of the inbox. */
export type InboxFilter = 'open' | 'closed' | 'all';

/** The caller's inbox: whose messages they handle, and the messages. */
export const listInbox = (status: InboxFilter = 'open') =>
  api<{ scope: { all: boolean; person: string | null }; messages: InboxMessage[] }>('GET', `/api/inbox?status=${status}`);

/** Marks a message as read. */
export const markRead = (id: number) => api<InboxMessage>('POST', `/api/inbox/${id}/read`);

/** Answers a message. @throws ApiError 400 (`body`) for an empty answer. */
export const replyTo = (id: number, body: string) => api<InboxMessage>('POST', `/api/inbox/${id}/replies`, { body });

/** Closes a message, or opens it again. */
export const setMessageStatus = (id: number, status: 'open' | 'closed') => api<InboxMessage>('PATCH', `/api/inbox/${id}`, { status });

/** The messages the caller sent while logged in, with their answers. */
export const listSent = () => api<{ messages: SentMessage[] }>('GET', '/api/my-messages');

/** The caller has seen every answer. */
export const markSentSeen = () => api<{ ok: true }>('POST', '/api/my-messages/seen');

/** The header's counts. */
export const unreadCounts = () => api<{ inbox: number; answers: number; handles: boolean }>('GET', '/api/unread');

/** Tells the header to count again (after reading, answering, closing). */
export const inboxChanged = () => window.dispatchEvent(new Event('lc-inbox-changed'));
