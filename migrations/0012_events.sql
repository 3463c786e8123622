-- Events of places (workshops, visits, open days), grouped in campaigns (Journées Portes Ouvertes).
-- Times are stored in UTC as 'YYYY-MM-DDTHH:MM:SSZ' (fixed width, so text comparison orders them);
-- the API reads and writes Europe/Paris wall time where no offset is given.

CREATE TABLE campaigns (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  starts_on   TEXT NOT NULL,               -- YYYY-MM-DD, first day (Europe/Paris)
  ends_on     TEXT NOT NULL,               -- YYYY-MM-DD, last day, included
  regions     TEXT NOT NULL DEFAULT '[]',  -- JSON array of official region names; empty: all
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Places taking part in a campaign.
CREATE TABLE campaign_places (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  place_id    INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  joined_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  joined_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (campaign_id, place_id)
);
CREATE INDEX campaign_places_place ON campaign_places(place_id);

CREATE TABLE events (
  id                INTEGER PRIMARY KEY,
  place_id          INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  campaign_id       INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
  title             TEXT NOT NULL,
  type              TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',   -- markdown, rendered like the wiki
  audience          TEXT NOT NULL DEFAULT '',
  accessibility     TEXT NOT NULL DEFAULT '',
  free              INTEGER NOT NULL DEFAULT 1,
  price             TEXT NOT NULL DEFAULT '',   -- what a paid event costs, as written
  registration      TEXT NOT NULL DEFAULT 'none' CHECK (registration IN ('none', 'link', 'seats')),
  registration_url  TEXT,
  seats             INTEGER,                    -- registration 'seats': how many can book
  import_uid        TEXT,                       -- UID of the VEVENT it came from (calendar import)
  created_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (place_id, import_uid)
);
CREATE INDEX events_place ON events(place_id);
CREATE INDEX events_campaign ON events(campaign_id);
CREATE INDEX events_type ON events(type);

-- One event has one or more time slots (a Thursday 10:00-12:30 and 13:30-19:00).
CREATE TABLE event_slots (
  id        INTEGER PRIMARY KEY,
  event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  starts_at TEXT NOT NULL,
  ends_at   TEXT NOT NULL CHECK (ends_at > starts_at)
);
CREATE INDEX event_slots_event ON event_slots(event_id);
CREATE INDEX event_slots_range ON event_slots(starts_at, ends_at);

-- Seats booked on events with registration 'seats' (one booking per account and event).
CREATE TABLE event_bookings (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  seats      INTEGER NOT NULL CHECK (seats > 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (event_id, user_id)
);
