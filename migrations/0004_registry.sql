-- Commons registry: resources (communs) with qualification, places, people and their relations.
-- List-valued fields are JSON arrays; the ones filtered on (themes, families) are also kept in
-- side tables so facets and filters use indexes.

CREATE TABLE resources (
  id                 INTEGER PRIMARY KEY,
  slug               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  kind               TEXT NOT NULL,
  summary            TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  features           TEXT NOT NULL DEFAULT '[]',
  themes             TEXT NOT NULL DEFAULT '[]',
  keywords           TEXT NOT NULL DEFAULT '[]',
  license            TEXT,              -- as given (canonical case when it is a known id)
  license_flag       TEXT NOT NULL DEFAULT 'unknown' CHECK (license_flag IN ('open', 'proprietary', 'unknown')),
  url                TEXT,
  languages          TEXT NOT NULL DEFAULT '[]',
  development_status TEXT,
  maintenance        TEXT,
  challenge          TEXT NOT NULL DEFAULT '',   -- the "défi" it answers
  documentation_url  TEXT,
  source_url         TEXT,
  governance         TEXT NOT NULL DEFAULT '',
  organisation       TEXT NOT NULL DEFAULT '',
  lock_in            TEXT NOT NULL DEFAULT '',   -- data export / lock-in notes
  compliance         TEXT NOT NULL DEFAULT '{}', -- { rgpd, accessibility }
  needs              TEXT NOT NULL DEFAULT '',
  development_steps  TEXT NOT NULL DEFAULT '',
  status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'archived')),
  last_reviewed_at   TEXT,
  wiki_page          TEXT,              -- slug of the linked wiki page (kind 'commun')
  extra              TEXT NOT NULL DEFAULT '{}', -- unknown bundle fields, kept and exported again
  search_text        TEXT NOT NULL DEFAULT '',   -- analysed (stemmed, folded) terms, space separated
  -- Qualification computed from the latest assessment per criterion (see registry/qualification.ts);
  -- "to-review" is derived at read time from qualified_until.
  qualification      TEXT NOT NULL DEFAULT 'proposed' CHECK (qualification IN ('proposed', 'under-review', 'qualified')),
  qualified_until    TEXT,
  proposed_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX resources_kind ON resources(kind);
CREATE INDEX resources_license ON resources(license);
CREATE INDEX resources_updated ON resources(updated_at);

CREATE TABLE resource_themes (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  theme       TEXT NOT NULL,
  PRIMARY KEY (resource_id, theme)
);
CREATE INDEX resource_themes_theme ON resource_themes(theme);

-- Paid support offered around a resource.
CREATE TABLE resource_providers (
  id          INTEGER PRIMARY KEY,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  url         TEXT,
  note        TEXT NOT NULL DEFAULT '',
  UNIQUE (resource_id, name)
);

CREATE TABLE places (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  address     TEXT,
  city        TEXT,
  postcode    TEXT,
  region      TEXT,
  lat         REAL,
  lon         REAL,
  families    TEXT NOT NULL DEFAULT '[]',
  management  TEXT,                     -- association, SCIC, collectivité…
  networks    TEXT NOT NULL DEFAULT '[]',
  needs       TEXT NOT NULL DEFAULT '{}', -- { skills: [], equipment: [], spaces: [] }
  offers      TEXT NOT NULL DEFAULT '{}',
  website     TEXT,
  source_ref  TEXT UNIQUE,              -- e.g. "cget-2019:123" for places from a national base
  extra       TEXT NOT NULL DEFAULT '{}',
  search_text TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX places_region ON places(region);
CREATE INDEX places_geo ON places(lat, lon);

CREATE TABLE place_families (
  place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  family   TEXT NOT NULL,
  PRIMARY KEY (place_id, family)
);
CREATE INDEX place_families_family ON place_families(family);

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  place_id    INTEGER REFERENCES places(id) ON DELETE SET NULL,
  region      TEXT,
  themes      TEXT NOT NULL DEFAULT '[]',
  skills      TEXT NOT NULL DEFAULT '[]',
  bio         TEXT NOT NULL DEFAULT '',
  contactable INTEGER NOT NULL DEFAULT 0, -- 0: never proposed as a helper, contact refused
  public      INTEGER NOT NULL DEFAULT 0, -- profile shown even when not contactable
  user_id     INTEGER UNIQUE REFERENCES users(id) ON DELETE SET NULL,
  extra       TEXT NOT NULL DEFAULT '{}',
  search_text TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX people_place ON people(place_id);

-- The only people public reads may see: contactable ones, and those who made their profile public.
CREATE VIEW public_people AS SELECT * FROM people WHERE contactable = 1 OR public = 1;

CREATE TABLE usages (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  place_id    INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK (status IN ('uses', 'interested', 'stopped')),
  note        TEXT NOT NULL DEFAULT '',
  since       TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (resource_id, place_id)
);
CREATE INDEX usages_place ON usages(place_id);

CREATE TABLE referents (
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  is_expert   INTEGER NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (resource_id, person_id)
);
CREATE INDEX referents_person ON referents(person_id);

-- Qualification criteria, configurable by admins.
CREATE TABLE criteria (
  slug        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  weight      REAL NOT NULL DEFAULT 1,
  position    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO criteria (slug, label, description, weight, position) VALUES
  ('open-license', 'Licence ouverte', 'La ressource est publiée sous une licence libre ou ouverte reconnue (SPDX, Creative Commons).', 2, 1),
  ('documentation', 'Documentation', 'Une documentation à jour permet de l''utiliser sans dépendre de ses auteurs.', 1, 2),
  ('active-community', 'Communauté active', 'Des contributions, réponses et versions récentes montrent une communauté vivante.', 1, 3),
  ('open-governance', 'Gouvernance ouverte', 'Les décisions sont prises de façon transparente et les utilisateurs peuvent y prendre part.', 1, 4),
  ('maturity', 'Maturité', 'La ressource est stable et éprouvée en situation réelle.', 1, 5),
  ('data-portability', 'Portabilité des données', 'Les données s''exportent dans des formats ouverts ; pas d''enfermement.', 1, 6),
  ('usage-attested', 'Usage attesté par des lieux', 'Des tiers-lieux du réseau déclarent l''utiliser.', 1, 7),
  ('accessibility-rgpd', 'Accessibilité et RGPD', 'Accessibilité (RGAA) prise en compte et conformité au RGPD documentée.', 1, 8);

-- One row per assessment: the full history is kept, the latest per criterion counts.
CREATE TABLE assessments (
  id          INTEGER PRIMARY KEY,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  criterion   TEXT NOT NULL,
  level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
  evidence    TEXT NOT NULL DEFAULT '',
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX assessments_resource ON assessments(resource_id, created_at);

-- Messages sent to a person through the platform: shown to facilitators (and to the person's own
-- account when linked); the person's address is never given to the sender.
CREATE TABLE contact_messages (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  from_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  from_text    TEXT NOT NULL DEFAULT '',
  message      TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'relayed', 'closed')),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX contact_messages_person ON contact_messages(person_id);
