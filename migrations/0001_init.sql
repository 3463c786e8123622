-- Core schema: accounts, sessions, API tokens, settings, wiki pages and their revisions.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('reader', 'contributor', 'facilitator', 'admin')),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Session ids and API tokens are stored as SHA-256 hashes: a leaked database does not leak live credentials.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  label        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  last_used_at TEXT
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE pages (
  id               INTEGER PRIMARY KEY,
  slug             TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL,
  kind             TEXT NOT NULL DEFAULT 'practice',
  markdown         TEXT NOT NULL DEFAULT '',
  revision         INTEGER NOT NULL DEFAULT 0,
  referent_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  needs_work       TEXT,            -- non-null: flagged "à améliorer", with the reason
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_by       INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX pages_updated ON pages(updated_at);

CREATE TABLE revisions (
  id          INTEGER PRIMARY KEY,
  page_id     INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  title       TEXT NOT NULL,
  markdown    TEXT NOT NULL,
  summary     TEXT NOT NULL DEFAULT '',
  author_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (page_id, number)
);
CREATE INDEX revisions_created ON revisions(created_at);

-- Co-authors of one revision (a co-editing span can have several).
CREATE TABLE revision_authors (
  revision_id INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (revision_id, user_id)
);

-- Outgoing wiki links by target slug, so links to missing pages ("pages à créer") are kept.
CREATE TABLE page_links (
  from_id  INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  to_slug  TEXT NOT NULL,
  PRIMARY KEY (from_id, to_slug)
);
CREATE INDEX page_links_to ON page_links(to_slug);

CREATE TABLE page_categories (
  page_id  INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  PRIMARY KEY (page_id, category)
);
CREATE INDEX page_categories_category ON page_categories(category);
