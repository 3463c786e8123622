import type { Database } from 'better-sqlite3';

/** A file sent with a mail (an `.ics` invitation, say). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The file's content: text as is, or bytes. */
  content: string | Uint8Array;
}

/** A mail to queue. */
export interface MailInput {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** What sent it ('booking-confirmation', 'password-reset', …), for the outbox and tests. */
  kind?: string;
  /** Mails queued with the same key are one mail: the second enqueue is ignored. */
  dedupeKey?: string;
}

/** Where a queued mail is. */
export type MailStatus = 'queued' | 'sent' | 'failed';

/** A mail as stored in the outbox. */
export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
  kind: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface OutboxRow {
  id: number;
  to_addr: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: string;
  kind: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const INSERT_MAIL = `INSERT INTO mail_outbox (to_addr, subject, text, html, attachments, kind, dedupe_key)
  VALUES (@to, @subject, @text, @html, @attachments, @kind, @dedupeKey)
  ON CONFLICT (dedupe_key) DO NOTHING`;

/** A loose check: one @, no spaces or angle brackets (the SMTP server judges the rest). */
const ADDRESS_RE = /^[^\s@<>,;]+@[^\s@<>,;]+$/;

/**
 * Queues a mail. Synchronous, so it runs inside the caller's transaction: the mail exists if and
 * only if what caused it was committed.
 * @returns the mail's id, or null when a mail with the same `dedupeKey` was already queued.
 * @throws Error when the address is not one (a programming error: addresses come from accounts).
 */
export function enqueueMail(db: Database, mail: MailInput): number | null {
  if (!ADDRESS_RE.test(mail.to)) throw new Error(`Not a mail address: ${JSON.stringify(mail.to)}`);
  const attachments = (mail.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(
      typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : a.content,
    ).toString('base64'),
  }));
  const info = db.prepare(INSERT_MAIL).run({
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: JSON.stringify(attachments),
    kind: mail.kind ?? '',
    dedupeKey: mail.dedupeKey ?? null,
  });
  return info.changes ? Number(info.lastInsertRowid) : null;
}

function toMail(row: OutboxRow): OutboxMail {
  return {
    id: row.id,
    to: row.to_addr,
    subject: row.subject,
    text: row.text,
    html: row.html,
    attachments: JSON.parse(row.attachments) as OutboxMail['attachments'],
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** Filters of {@link listOutbox}. */
export interface OutboxQuery {
  status?: MailStatus;
  kind?: string;
  to?: string;
  /** Mails with an id below this one (paging, newest first). */
  before?: number;
  limit?: number;
}

/** The outbox, newest first. */
export function listOutbox(db: Database, q: OutboxQuery = {}): OutboxMail[] {
  const rows = db
    .prepare(
      `SELECT * FROM mail_outbox
        WHERE (@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind)
          AND (@to IS NULL OR to_addr = @to COLLATE NOCASE) AND (@before IS NULL OR id < @before)
        ORDER BY id DESC LIMIT @limit`,
    )
    .all({
      status: q.status ?? null,
      kind: q.kind ?? null,
      to: q.to ?? null,
      before: q.before ?? null,
      limit: Math.min(Math.max(q.limit ?? 50, 1), 500),
    }) as OutboxRow[];
  return rows.map(toMail);
}

/** One mail of the outbox, or undefined. */
export function getOutboxMail(db: Database, id: number): OutboxMail | undefined {
  const row = db.prepare('SELECT * FROM mail_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  return row ? toMail(row) : undefined;
}

/** Mails due for a sending attempt now, oldest first. */
export function dueMails(db: Database, now: Date, limit = 20): OutboxMail[] {
  const rows = db
    .prepare(
      `SELECT * FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
    )
    .all(now.toISOString(), limit) as OutboxRow[];
  return rows.map(toMail);
}

/** Records a successful delivery. */
export function markSent(db: Database, id: number, now: Date): void {
  db.prepare(
    `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?`,
  ).run(now.toISOString(), id);
}

/**
 * Records a failed attempt: retried later with exponential backoff (1 min, 2, 4… capped at 6 h),
 * given up as `failed` after `maxAttempts`.
 */
export function markFailed(
  db: Database,
  id: number,
  error: string,
  now: Date,
  maxAttempts: number,
): void {
  const row = db.prepare('SELECT attempts FROM mail_outbox WHERE id = ?').get(id) as
    { attempts: number } | undefined;
  if (!row) return;
  const attempts = row.attempts + 1;
  const delayMs = Math.min(60_000 * 2 ** (attempts - 1), 6 * 3600_000);
  db.prepare(
    `UPDATE mail_outbox SET attempts = ?, last_error = ?, status = ?, next_attempt_at = ? WHERE id = ?`,
  ).run(
    attempts,
    error.slice(0, 1000),
    attempts >= maxAttempts ? 'failed' : 'queued',
    new Date(now.getTime() + delayMs).toISOString(),
    id,
  );
}

/** Puts a failed mail back in the queue, due now (an admin's "retry"). */
export function retryMail(db: Database, id: number, now: Date): boolean {
  return (
    db
      .prepare(
        `UPDATE mail_outbox SET status = 'queued', next_attempt_at = ? WHERE id = ? AND status = 'failed'`,
      )
      .run(now.toISOString(), id).changes > 0
  );
}
