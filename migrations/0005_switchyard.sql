-- Switchyard (gare d'aiguillage): thesaurus edits, tracked requests (sollicitations), their
-- history and outcomes. Registry records (places, people, resources) are referenced by slug,
-- so this schema does not depend on the registry tables.

-- Facilitators' edits of the champ lexical, overlaid on the defaults shipped with the code:
-- a row replaces the default group with the same id, adds a new group, or (deleted = 1) hides one.
CREATE TABLE switchyard_thesaurus (
  id         TEXT PRIMARY KEY,
  terms      TEXT NOT NULL DEFAULT '[]',
  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  updated_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE switchyard_requests (
  id               INTEGER PRIMARY KEY,
  problem          TEXT NOT NULL,
  place_slug       TEXT,
  person_slug      TEXT,
  region           TEXT,
  lang             TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
  asker_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  -- Detected themes (JSON array of slugs, best first) and the first one, for the dashboard.
  themes           TEXT NOT NULL DEFAULT '[]',
  main_theme       TEXT,
  confidence       REAL NOT NULL DEFAULT 0,
  -- What was proposed (JSON: { resources: [{slug,name,score}], people: [{slug,name,score}] }).
  proposal         TEXT NOT NULL DEFAULT '{}',
  status           TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'oriented', 'in-contact', 'resolved', 'closed')),
  facilitator_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  outcome_helped   INTEGER CHECK (outcome_helped IN (0, 1)),
  outcome_resource TEXT,
  outcome_person   TEXT,
  outcome_note     TEXT,
  -- 1 when no good answer exists: a commun the network has yet to build.
  missing          INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  first_contact_at TEXT,
  closed_at        TEXT
);
CREATE INDEX switchyard_requests_asker ON switchyard_requests(asker_id, created_at);
CREATE INDEX switchyard_requests_status ON switchyard_requests(status, created_at);
CREATE INDEX switchyard_requests_created ON switchyard_requests(created_at);

-- Dated history of a request: notes, status changes, assignment, contact, outcome.
CREATE TABLE switchyard_request_events (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES switchyard_requests(id) ON DELETE CASCADE,
  author_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('note', 'status', 'assign', 'contact', 'outcome')),
  body        TEXT NOT NULL DEFAULT '',
  from_status TEXT,
  to_status   TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX switchyard_request_events_request ON switchyard_request_events(request_id, id);
