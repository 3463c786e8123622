-- Page deletion (MediaWiki-style): a deleted page keeps its row and every revision; it only
-- leaves the lists, the search index and the link tables, and can be restored as it was.

ALTER TABLE pages ADD COLUMN deleted_at    TEXT;      -- non-null: deleted at this time
ALTER TABLE pages ADD COLUMN deleted_by    INTEGER REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE pages ADD COLUMN delete_reason TEXT;

-- Every deletion and restoration, with who, when and why (shown in the recent changes).
CREATE TABLE page_log (
  id          INTEGER PRIMARY KEY,
  action      TEXT NOT NULL CHECK (action IN ('delete', 'restore')),
  page_id     INTEGER REFERENCES pages(id) ON DELETE SET NULL,
  slug        TEXT NOT NULL,
  title       TEXT NOT NULL,
  revision    INTEGER NOT NULL,                 -- the page's revision at the time
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  reason      TEXT NOT NULL DEFAULT '',
  -- The newest revisions.id when the entry was written: places the entry among the revisions in
  -- the recent changes (after that revision, before the next one), whatever the clocks say.
  after_revision_id INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX page_log_position ON page_log(after_revision_id, id);
CREATE INDEX page_log_slug ON page_log(slug, id);
CREATE INDEX page_log_created ON page_log(created_at);
