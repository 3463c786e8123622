-- Expert permanences (issue 11): sessions an expert of the registry holds, booked by places,
-- optionally attached to a switchyard request. Times are stored in UTC (ISO 8601, Z).

-- A recurring series: its RRULE (RFC 5545) generated the sessions that point to it; each session
-- can then be moved or cancelled on its own.
CREATE TABLE permanence_series (
  id         INTEGER PRIMARY KEY,
  rrule      TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE permanences (
  id         INTEGER PRIMARY KEY,
  series_id  INTEGER REFERENCES permanence_series(id) ON DELETE SET NULL,
  expert_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  themes     TEXT NOT NULL DEFAULT '[]',
  format     TEXT NOT NULL CHECK (format IN ('individual', 'collective')),
  mode       TEXT NOT NULL CHECK (mode IN ('remote', 'onsite')),
  place_id   INTEGER REFERENCES places(id) ON DELETE SET NULL,
  link       TEXT,
  starts_at  TEXT NOT NULL,
  ends_at    TEXT NOT NULL,
  capacity   INTEGER NOT NULL CHECK (capacity >= 1),
  status     TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  -- iCalendar SEQUENCE: bumped each time the session is moved or cancelled.
  sequence   INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX permanences_starts ON permanences(starts_at);
CREATE INDEX permanences_expert ON permanences(expert_id, starts_at);
CREATE INDEX permanences_series ON permanences(series_id);

-- A place's seat in a session. The question and the follow-up are private: the booking place,
-- the expert and facilitators only.
CREATE TABLE permanence_bookings (
  id            INTEGER PRIMARY KEY,
  permanence_id INTEGER NOT NULL REFERENCES permanences(id) ON DELETE CASCADE,
  place_id      INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  question      TEXT NOT NULL,
  request_id    INTEGER REFERENCES switchyard_requests(id) ON DELETE SET NULL,
  booked_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  status        TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  attended      INTEGER CHECK (attended IN (0, 1)),
  followup      TEXT,
  created_at    TEXT NOT NULL,
  cancelled_at  TEXT,
  cancelled_by  INTEGER REFERENCES users(id) ON DELETE SET NULL
);
-- A place holds at most one live seat per session (cancelled bookings stay for the history).
CREATE UNIQUE INDEX permanence_bookings_once ON permanence_bookings(permanence_id, place_id) WHERE status = 'confirmed';
CREATE INDEX permanence_bookings_request ON permanence_bookings(request_id);
CREATE INDEX permanence_bookings_place ON permanence_bookings(place_id);

-- An expert's private calendar feed: the SHA-256 of its secret token (shown once, revocable).
CREATE TABLE expert_calendar_tokens (
  person_id  INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
