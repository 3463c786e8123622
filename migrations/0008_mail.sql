-- Outgoing mail, queued in the same transaction as what caused it (a booking, a reset, a message):
-- sending never blocks or fails the action. A sender delivers queued mails through SMTP when one is
-- configured (LC_SMTP_URL), retrying with backoff; without SMTP the queue is the outbox that admins
-- read in the web application.
CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  to_addr         TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text            TEXT NOT NULL,
  html            TEXT,
  -- JSON array of { filename, contentType, content } with content in base64.
  attachments     TEXT NOT NULL DEFAULT '[]',
  -- What sent it ('booking-confirmation', 'password-reset', …): for the outbox's filter and tests.
  kind            TEXT NOT NULL DEFAULT '',
  -- The same key queued twice is one mail (a reminder sent once per booking).
  dedupe_key      TEXT UNIQUE,
  status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_error      TEXT,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  sent_at         TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);
