-- Real-time co-editing (Yjs). Each co-edited wiki page has one Yjs document, named by the page
-- slug, stored as a compacted snapshot plus the log of the updates received since. Every update a
-- client sent is appended here before it is broadcast to the other clients.

CREATE TABLE collab_docs (
  name          TEXT PRIMARY KEY,                 -- the page slug
  snapshot      BLOB,                             -- Yjs update merging every update folded so far (NULL: none yet)
  snapshot_seq  INTEGER NOT NULL DEFAULT 0,       -- last collab_updates.id folded into snapshot
  -- The page revision the document text last matched. A page saved elsewhere (REST, revert,
  -- import) with a newer revision is brought into the document as a forward change; seeding a
  -- never co-edited page is the first such change, written in the same transaction as this number.
  base_revision INTEGER NOT NULL DEFAULT 0,
  dirty         INTEGER NOT NULL DEFAULT 0,       -- 1: co-edits not yet written as a page revision
  span_authors  TEXT NOT NULL DEFAULT '[]',       -- JSON array of the user ids who edited since the last revision
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE collab_updates (
  id       INTEGER PRIMARY KEY,                   -- increasing: the order updates were applied
  doc      TEXT NOT NULL REFERENCES collab_docs(name) ON DELETE CASCADE,
  data     BLOB NOT NULL,                         -- one Yjs update (v1 encoding)
  user_id  INTEGER                                -- who sent it (NULL: the server, for a REST edit)
);
CREATE INDEX collab_updates_doc ON collab_updates(doc, id);
