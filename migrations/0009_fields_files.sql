-- Structured fields on pages (issue 10 §2) and files with versions (issue 10 §3).

-- Fields declared by admins per page kind ("place" pages have a town, a postcode…).
CREATE TABLE page_field_defs (
  kind       TEXT NOT NULL,
  name       TEXT NOT NULL,                 -- [a-z][a-z0-9_]*: a query parameter of the page list
  label_fr   TEXT NOT NULL,
  label_en   TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'place', 'resource', 'person', 'list')),
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, name)
);

-- A page's field values: one row per value, several for a list (position orders them).
-- `value` is canonical (a number as written by JavaScript, a date as YYYY-MM-DD, a registry slug);
-- `value_key` is accent-folded and lowercased, for the list filters (?ville=lille finds Lille).
CREATE TABLE page_field_values (
  page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  value      TEXT NOT NULL,
  value_key  TEXT NOT NULL,
  PRIMARY KEY (page_id, name, position)
);
CREATE INDEX page_field_values_filter ON page_field_values(name, value_key);

-- Files: a name (what pages link to, /files/NAME) with numbered versions. The bytes live in a
-- content-addressed store (server/files/storage.ts) under their SHA-256.
CREATE TABLE files (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  version     INTEGER NOT NULL DEFAULT 1,   -- the current version's number
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE file_versions (
  id            INTEGER PRIMARY KEY,
  file_id       INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  content_type  TEXT NOT NULL,              -- sniffed from the bytes, never taken from the name
  original_name TEXT NOT NULL DEFAULT '',
  comment       TEXT NOT NULL DEFAULT '',
  uploaded_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  uploader_name TEXT,                       -- an imported upload's author without an account here
  uploaded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (file_id, number)
);
CREATE INDEX file_versions_sha ON file_versions(sha256);

-- Files attached to a page from its files list (uses in the page's markdown are found by name).
CREATE TABLE page_files (
  page_id     INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  file_id     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (page_id, file_id)
);
CREATE INDEX page_files_file ON page_files(file_id);
