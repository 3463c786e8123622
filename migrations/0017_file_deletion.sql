-- File deletion (issue 10): who deleted which file or file version, when and why. The bytes are
-- content-addressed and may be shared: `gc-files` removes the ones no version names any more.
CREATE TABLE file_log (
  id          INTEGER PRIMARY KEY,
  action      TEXT NOT NULL CHECK (action IN ('delete', 'delete-version')),
  file_name   TEXT NOT NULL,
  version     INTEGER,                           -- delete-version: the version deleted
  sha256      TEXT,                              -- delete-version: its bytes' hash
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  reason      TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX file_log_created ON file_log(created_at);
