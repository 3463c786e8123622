-- Accounts a network runs on its own: sign-up policy, invitations, e-mail verification, password
-- resets, sessions and API tokens their owners can list and revoke, and an audit log for admins.

-- 'pending': signed up under the "open with approval" policy, a reader until a facilitator approves.
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending'));
-- Accounts made before this migration, by the CLI or by an admin count as verified.
ALTER TABLE users ADD COLUMN email_verified_at TEXT;
UPDATE users SET email_verified_at = created_at;
-- Set by an admin ("force a reset"): the password no longer opens a session until it is reset by mail.
ALTER TABLE users ADD COLUMN must_reset INTEGER NOT NULL DEFAULT 0;

-- Sessions get a public id (the primary key is the hash of the cookie, never shown), a device
-- (the User-Agent at sign-in) and when they were last seen (to the minute).
ALTER TABLE sessions ADD COLUMN public_id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
UPDATE sessions SET public_id = lower(hex(randomblob(9))), last_seen_at = created_at;
CREATE UNIQUE INDEX sessions_public_id ON sessions(public_id);

-- 'read' tokens may only read (REST and co-editing); 'write' tokens act with the owner's role.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write'));
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Single-use secrets sent by mail: password resets (1 hour) and e-mail verifications. Stored hashed.
-- A verification carries the password hash of the sign-up that asked for it: the account takes the
-- password of the link its owner confirms (with that password), never one a stranger signed up with.
CREATE TABLE account_tokens (
  token_hash    TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose       TEXT NOT NULL CHECK (purpose IN ('reset', 'verify')),
  password_hash TEXT,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose);

-- Invitations (the "on invitation" policy, or any time): a link valid 7 days, used once.
CREATE TABLE invitations (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  email       TEXT NOT NULL COLLATE NOCASE,
  role        TEXT NOT NULL CHECK (role IN ('reader', 'contributor', 'facilitator', 'admin')),
  invited_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at  TEXT NOT NULL,
  used_at     TEXT,
  used_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  revoked_at  TEXT
);
CREATE INDEX invitations_created ON invitations(created_at);

-- What admins read: sign-ins, failed sign-ins, role changes, revocations, resets, sign-up events.
-- `email` is kept for failed sign-ins on unknown addresses (no account to point at).
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  action     TEXT NOT NULL,
  actor_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  target_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  email      TEXT,
  address    TEXT NOT NULL DEFAULT '',
  detail     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_action ON audit_log(action, id);
