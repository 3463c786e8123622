/** Network side of the contact-message inbox (/api/inbox, /api/my-messages, /api/unread). */
import { api } from './http.js';

import type { InboxFilter, InboxMessage, SentMessage } from '../../registry/contact-inbox.js';
import type { InboxList, UnreadCounts } from '../../registry/contracts.js';

/** The shapes the inbox API answers (the server's own types). */
export type {
  ContactReply,
  InboxFilter,
  InboxMessage,
  SentMessage,
} from '../../registry/contact-inbox.js';

/** The caller's inbox: whose messages they handle, and the messages. */
export const listInbox = (status: InboxFilter = 'open') =>
  api<InboxList>('GET', `/api/inbox?status=${status}`);

/** Marks a message as read. */
export const markRead = (id: number) => api<InboxMessage>('POST', `/api/inbox/${id}/read`);

/** Answers a message. @throws ApiError 400 (`body`) for an empty answer. */
export const replyTo = (id: number, body: string) =>
  api<InboxMessage>('POST', `/api/inbox/${id}/replies`, { body });

/** Closes a message, or opens it again. */
export const setMessageStatus = (id: number, status: 'open' | 'closed') =>
  api<InboxMessage>('PATCH', `/api/inbox/${id}`, { status });

/** The messages the caller sent while logged in, with their answers. */
export const listSent = () => api<{ messages: SentMessage[] }>('GET', '/api/my-messages');

/** The caller has seen every answer. */
export const markSentSeen = () => api<{ ok: true }>('POST', '/api/my-messages/seen');

/** The header's counts. */
export const unreadCounts = () => api<UnreadCounts>('GET', '/api/unread');

/** Tells the header to count again (after reading, answering, closing). */
export const inboxChanged = () => window.dispatchEvent(new Event('lc-inbox-changed'));
