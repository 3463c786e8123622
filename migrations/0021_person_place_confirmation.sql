-- The place of a profile linked to an account is the place that account books for: it sees and
-- cancels that place's permanence bookings and edits its events. An account may name a place on
-- its own profile (the directory shows it), but those rights wait until a facilitator confirms it:
-- `place_confirmed` is 0 while a place set by the account itself, or by a contributor on someone
-- else's account, awaits confirmation (registry/people.ts, server/routes/people.ts). Places set
-- before this migration, by imports or by facilitators are confirmed.
ALTER TABLE people ADD COLUMN place_confirmed INTEGER NOT NULL DEFAULT 1 CHECK (place_confirmed IN (0, 1));
