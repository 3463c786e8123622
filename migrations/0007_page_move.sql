-- Page moves (MediaWiki-style renaming): a page keeps its id, history and categories and gets a
-- new slug; its old slug becomes a redirect to it, so old links and bookmarks keep working.

-- A redirect names a page by id, not by slug: moving the page again needs no update here and a
-- redirect chain cannot form. A slug is either a page (live or deleted) or a redirect, never both.
CREATE TABLE page_redirects (
  slug       TEXT PRIMARY KEY,
  page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX page_redirects_page ON page_redirects(page_id);

-- page_log gains 'move' (SQLite cannot alter a CHECK: the table is rebuilt with its rows) and the
-- slug and title the page got. `slug`/`title` stay what they were before the action.
CREATE TABLE page_log_new (
  id          INTEGER PRIMARY KEY,
  action      TEXT NOT NULL CHECK (action IN ('delete', 'restore', 'move')),
  page_id     INTEGER REFERENCES pages(id) ON DELETE SET NULL,
  slug        TEXT NOT NULL,
  title       TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  reason      TEXT NOT NULL DEFAULT '',
  after_revision_id INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  new_slug    TEXT,                              -- a move: the slug after it
  new_title   TEXT,                              -- a move: the title after it
  redirected  INTEGER,                           -- a move: 1 when the old slug was left as a redirect
  CHECK ((action = 'move') = (new_slug IS NOT NULL))
);
INSERT INTO page_log_new (id, action, page_id, slug, title, revision, user_id, reason, after_revision_id, created_at)
  SELECT id, action, page_id, slug, title, revision, user_id, reason, after_revision_id, created_at FROM page_log;
DROP TABLE page_log;
ALTER TABLE page_log_new RENAME TO page_log;
CREATE INDEX page_log_position ON page_log(after_revision_id, id);
CREATE INDEX page_log_slug ON page_log(slug, id);
CREATE INDEX page_log_created ON page_log(created_at);
