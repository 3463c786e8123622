import type { Database } from 'better-sqlite3';
import { missing } from './errors.js';
import { stmt } from './store.js';

/**
 * The contact-message inbox. A message left on a person's page (`contactPerson`) is read,
 * answered and closed by the person, through the account linked to the profile, and by the
 * facilitators; its sender, when logged in, reads the answers ("Mes demandes"). No address ever
 * appears in what this module returns: names only.
 */

/** Who wrote an answer: the person the message was for, or the facilitation team. */
export type ReplyRole = 'person' | 'team';

/** An answer to a message. */
export interface ContactReply {
  id: number;
  body: string;
  author: { name: string; role: ReplyRole };
  createdAt: string;
}

/** A message as its recipients (the person, facilitators) see it. */
export interface InboxMessage {
  id: number;
  person: { slug: string; name: string };
  message: string;
  /** What the sender typed about themselves (free text, optional). */
  from: string;
  /** The sender's account name, when they were logged in. */
  sender: string | null;
  status: 'new' | 'relayed' | 'closed';
  read: boolean;
  createdAt: string;
  closedAt: string | null;
  replies: ContactReply[];
}

/** A message as its sender sees it in "Mes demandes". */
export interface SentMessage {
  id: number;
  person: { slug: string; name: string };
  message: string;
  status: 'new' | 'relayed' | 'closed';
  createdAt: string;
  /** Answers the sender has not seen yet. */
  unread: number;
  replies: ContactReply[];
}

/** Whose inbox: every message (facilitators and admins), and/or those for one person. */
export interface InboxScope {
  all: boolean;
  personId: number | null;
}

/** Which messages: still open (not closed), closed, or all. */
export type InboxFilter = 'open' | 'closed' | 'all';

interface MessageRow {
  id: number;
  person_id: number;
  person_slug: string;
  person_name: string;
  message: string;
  from_text: string;
  from_user_id: number | null;
  sender: string | null;
  status: 'new' | 'relayed' | 'closed';
  read_at: string | null;
  sender_seen_at: string | null;
  closed_at: string | null;
  created_at: string;
}

interface ReplyRow {
  id: number;
  message_id: number;
  body: string;
  author_role: ReplyRole;
  author_name: string | null;
  person_name: string;
  created_at: string;
}

const SELECT_MESSAGE = `SELECT m.id, m.person_id, pe.slug AS person_slug, pe.name AS person_name, m.message, m.from_text,
  m.from_user_id, u.name AS sender, m.status, m.read_at, m.sender_seen_at, m.closed_at, m.created_at
  FROM contact_messages m JOIN people pe ON pe.id = m.person_id LEFT JOIN users u ON u.id = m.from_user_id`;
const IN_SCOPE = `(@all = 1 OR m.person_id = @personId)`;
const BY_FILTER = `(@filter = 'all' OR (@filter = 'open' AND m.status != 'closed') OR (@filter = 'closed' AND m.status = 'closed'))`;
const SQL_INBOX = `${SELECT_MESSAGE} WHERE ${IN_SCOPE} AND ${BY_FILTER} ORDER BY m.read_at IS NOT NULL, m.created_at DESC, m.id DESC LIMIT 500`;
const SQL_MESSAGE = `${SELECT_MESSAGE} WHERE m.id = @id`;
const SQL_SENT = `${SELECT_MESSAGE} WHERE m.from_user_id = @userId ORDER BY m.created_at DESC, m.id DESC LIMIT 500`;
const SQL_REPLIES = `SELECT r.id, r.message_id, r.body, r.author_role, u.name AS author_name, pe.name AS person_name, r.created_at
  FROM contact_replies r JOIN contact_messages m ON m.id = r.message_id JOIN people pe ON pe.id = m.person_id
  LEFT JOIN users u ON u.id = r.author_user_id
  WHERE r.message_id IN (SELECT value FROM json_each(@ids)) ORDER BY r.id`;
const SQL_UNREAD_INBOX = `SELECT count(*) AS n FROM contact_messages m WHERE ${IN_SCOPE} AND m.read_at IS NULL AND m.status != 'closed'`;
const SQL_UNREAD_ANSWERS = `SELECT count(*) AS n FROM contact_replies r JOIN contact_messages m ON m.id = r.message_id
  WHERE m.from_user_id = @userId AND (m.sender_seen_at IS NULL OR r.created_at > m.sender_seen_at)`;
const SQL_MARK_READ = `UPDATE contact_messages SET read_at = @now WHERE id = @id AND read_at IS NULL`;
const SQL_INSERT_REPLY = `INSERT INTO contact_replies (message_id, author_user_id, author_role, body, created_at)
  VALUES (@messageId, @userId, @role, @body, @now)`;
const SQL_ANSWERED = `UPDATE contact_messages SET status = CASE status WHEN 'closed' THEN status ELSE 'relayed' END,
  read_at = COALESCE(read_at, @now) WHERE id = @id`;
const SQL_CLOSE = `UPDATE contact_messages SET status = 'closed', closed_at = @now, read_at = COALESCE(read_at, @now) WHERE id = @id`;
const SQL_REOPEN = `UPDATE contact_messages SET status = CASE WHEN EXISTS (SELECT 1 FROM contact_replies WHERE message_id = @id) THEN 'relayed' ELSE 'new' END,
  closed_at = NULL WHERE id = @id`;
const SQL_SENDER_SEEN = `UPDATE contact_messages SET sender_seen_at = @now WHERE from_user_id = @userId`;

function repliesOf(db: Database, ids: number[]): Map<number, ContactReply[]> {
  const out = new Map<number, ContactReply[]>();
  if (ids.length === 0) return out;
  for (const r of stmt(db, SQL_REPLIES).all({ ids: JSON.stringify(ids) }) as ReplyRow[]) {
    const name = r.author_role === 'person' ? r.person_name : (r.author_name ?? '');
    const list = out.get(r.message_id) ?? [];
    list.push({
      id: r.id,
      body: r.body,
      author: { name, role: r.author_role },
      createdAt: r.created_at,
    });
    out.set(r.message_id, list);
  }
  return out;
}

const toInbox = (r: MessageRow, replies: ContactReply[]): InboxMessage => ({
  id: r.id,
  person: { slug: r.person_slug, name: r.person_name },
  message: r.message,
  from: r.from_text,
  sender: r.sender,
  status: r.status,
  read: r.read_at !== null,
  createdAt: r.created_at,
  closedAt: r.closed_at,
  replies,
});

/** The messages of an inbox, unread first, then newest first (500 at most). */
export function listInbox(
  db: Database,
  scope: InboxScope,
  filter: InboxFilter = 'open',
): InboxMessage[] {
  const rows = stmt(db, SQL_INBOX).all({
    all: scope.all ? 1 : 0,
    personId: scope.personId,
    filter,
  }) as MessageRow[];
  const replies = repliesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toInbox(r, replies.get(r.id) ?? []));
}

/** A message with what access checks need: its person and its sender's account. */
export interface MessageAccess {
  message: InboxMessage;
  personId: number;
  senderUserId: number | null;
}

/** One message with its answers. @throws RegistryError 404 for an unknown id. */
export function getInboxMessage(db: Database, id: number): MessageAccess {
  const row = stmt(db, SQL_MESSAGE).get({ id }) as MessageRow | undefined;
  if (!row) throw missing(`message ${id}`);
  return {
    message: toInbox(row, repliesOf(db, [id]).get(id) ?? []),
    personId: row.person_id,
    senderUserId: row.from_user_id,
  };
}

/** Marks a message as read by its recipients (the first time only). */
export function markMessageRead(db: Database, id: number, now = new Date().toISOString()): void {
  stmt(db, SQL_MARK_READ).run({ id, now });
}

/**
 * Adds an answer; an open message becomes "relayed" (answered) and read. Call inside the
 * transaction that also queues the sender's alert.
 * @returns the new answer's id.
 */
export function addReply(
  db: Database,
  input: { messageId: number; userId: number; role: ReplyRole; body: string; now?: string },
): number {
  const now = input.now ?? new Date().toISOString();
  const id = Number(
    stmt(db, SQL_INSERT_REPLY).run({
      messageId: input.messageId,
      userId: input.userId,
      role: input.role,
      body: input.body,
      now,
    }).lastInsertRowid,
  );
  stmt(db, SQL_ANSWERED).run({ id: input.messageId, now });
  return id;
}

/** Closes a message (nothing more to do), or opens it again. */
export function setMessageClosed(
  db: Database,
  id: number,
  closed: boolean,
  now = new Date().toISOString(),
): void {
  stmt(db, closed ? SQL_CLOSE : SQL_REOPEN).run({ id, now });
}

/** The messages a user sent while logged in, newest first, with their answers. */
export function listSentMessages(db: Database, userId: number): SentMessage[] {
  const rows = stmt(db, SQL_SENT).all({ userId }) as MessageRow[];
  const replies = repliesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const list = replies.get(r.id) ?? [];
    return {
      id: r.id,
      person: { slug: r.person_slug, name: r.person_name },
      message: r.message,
      status: r.status,
      createdAt: r.created_at,
      unread: list.filter((a) => r.sender_seen_at === null || a.createdAt > r.sender_seen_at)
        .length,
      replies: list,
    };
  });
}

/** The sender has read every answer to their messages. */
export function markSentSeen(db: Database, userId: number, now = new Date().toISOString()): void {
  stmt(db, SQL_SENDER_SEEN).run({ userId, now });
}

/** Unread counts for the header: messages waiting in the user's inbox, answers to what they sent. */
export function unreadCounts(
  db: Database,
  scope: InboxScope,
  userId: number,
): { inbox: number; answers: number } {
  const inbox =
    scope.all || scope.personId !== null
      ? (
          stmt(db, SQL_UNREAD_INBOX).get({ all: scope.all ? 1 : 0, personId: scope.personId }) as {
            n: number;
          }
        ).n
      : 0;
  const answers = (stmt(db, SQL_UNREAD_ANSWERS).get({ userId }) as { n: number }).n;
  return { inbox, answers };
}
