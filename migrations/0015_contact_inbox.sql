-- The contact-message inbox: the person (through the account linked to the profile) and the
-- facilitators read, answer and close messages; the sender reads the answers in "Mes demandes".
-- read_at: first opened by the person or a facilitator (the header's unread count).
-- sender_seen_at: last time the sender read the answers (their unread count).
ALTER TABLE contact_messages ADD COLUMN read_at TEXT;
ALTER TABLE contact_messages ADD COLUMN sender_seen_at TEXT;
ALTER TABLE contact_messages ADD COLUMN closed_at TEXT;
CREATE INDEX contact_messages_sender ON contact_messages(from_user_id);
CREATE INDEX contact_messages_unread ON contact_messages(read_at, person_id);

-- Answers to a message, by the person or a facilitator ("team"). Never an address: the sender
-- sees the author's display name, or "l'équipe d'animation".
CREATE TABLE contact_replies (
  id             INTEGER PRIMARY KEY,
  message_id     INTEGER NOT NULL REFERENCES contact_messages(id) ON DELETE CASCADE,
  author_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author_role    TEXT NOT NULL CHECK (author_role IN ('person', 'team')),
  body           TEXT NOT NULL,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX contact_replies_message ON contact_replies(message_id, id);
