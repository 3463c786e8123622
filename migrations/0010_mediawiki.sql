-- MediaWiki import and export (lieux-communs import-mediawiki / export-mediawiki).

-- Imported revisions keep who wrote them on the source wiki without creating accounts:
-- `imported_author` is the name shown (NULL for an IP edit or a suppressed user), `imported_kind`
-- says which ('user', 'ip', 'suppressed'); both are NULL for revisions written here.
ALTER TABLE revisions ADD COLUMN imported_author TEXT;
ALTER TABLE revisions ADD COLUMN imported_kind TEXT CHECK (imported_kind IN ('user', 'ip', 'suppressed'));
ALTER TABLE revisions ADD COLUMN minor INTEGER NOT NULL DEFAULT 0;

-- Which source revision became which revision here: importing the same export again adds
-- nothing, a newer export only the revisions not yet seen. `source` names the wiki (its base URL
-- from <siteinfo>, or its database name).
CREATE TABLE mediawiki_revisions (
  source      TEXT NOT NULL,
  rev_id      INTEGER NOT NULL,
  page_id     INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  revision_id INTEGER REFERENCES revisions(id) ON DELETE SET NULL,
  PRIMARY KEY (source, rev_id)
) WITHOUT ROWID;
CREATE INDEX mediawiki_revisions_page ON mediawiki_revisions(page_id);

-- Which source page became which page here: two source titles that slugify alike ("Tiers lieu",
-- "Tiers-lieu") never write into one page.
CREATE TABLE mediawiki_pages (
  source     TEXT NOT NULL,
  mw_page_id INTEGER NOT NULL,
  page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  PRIMARY KEY (source, mw_page_id)
) WITHOUT ROWID;
CREATE INDEX mediawiki_pages_page ON mediawiki_pages(page_id);

-- Template parameters of an imported page (an infobox `{{Lieu |ville=…}}`) mapped by
-- `--templates`: { "template": "Lieu", "fields": { "ville": "Lille" } }, until pages have
-- structured fields of their own.
ALTER TABLE pages ADD COLUMN imported_fields TEXT;

-- Category pages of the source wiki: the description of each category.
CREATE TABLE category_descriptions (
  category   TEXT PRIMARY KEY,
  markdown   TEXT NOT NULL,
  source     TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Every import (CLI or web upload) and its report, for admins.
CREATE TABLE mediawiki_imports (
  id          INTEGER PRIMARY KEY,
  source      TEXT,
  file_name   TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  via         TEXT NOT NULL CHECK (via IN ('cli', 'web')),
  report      TEXT NOT NULL DEFAULT '{}',
  error       TEXT,
  started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at TEXT
);
