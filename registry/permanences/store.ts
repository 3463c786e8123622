import type { Database } from 'better-sqlite3';
import { parseJson, stmt } from '../store.js';
import type { ThemeSlug } from '../themes.js';

/**
 * Expert permanences: sessions held by an expert of the registry (a person), booked by places.
 * Synchronous repository functions, meant to be composed inside the caller's transaction.
 */

/** Individual (one place) or collective (up to `capacity` places). */
export type PermanenceFormat = 'individual' | 'collective';
/** Remote (a link) or on site (a registry place). */
export type PermanenceMode = 'remote' | 'onsite';
/** A session's state. */
export type PermanenceStatus = 'scheduled' | 'cancelled';
/** A booking's state. */
export type BookingStatus = 'confirmed' | 'cancelled';

/** A registry record as shown next to a session: slug and name, never an address. */
export interface RecordRef {
  slug: string;
  name: string;
}

/** A session as stored, with its seats. `link` is private (see the routes). */
export interface Permanence {
  id: number;
  seriesId: number | null;
  rrule: string | null;
  expert: RecordRef & { id: number; userId: number | null };
  title: string;
  description: string;
  themes: ThemeSlug[];
  format: PermanenceFormat;
  mode: PermanenceMode;
  place: RecordRef | null;
  link: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  seatsLeft: number;
  status: PermanenceStatus;
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

/** A place's seat in a session. Private: the place, the expert and facilitators only. */
export interface Booking {
  id: number;
  permanenceId: number;
  place: RecordRef & { id: number };
  question: string;
  request: number | null;
  bookedBy: { id: number; name: string } | null;
  status: BookingStatus;
  attended: boolean | null;
  followup: string | null;
  createdAt: string;
  cancelledAt: string | null;
}

interface PermanenceRow {
  id: number;
  series_id: number | null;
  rrule: string | null;
  expert_id: number;
  expert_slug: string;
  expert_name: string;
  expert_user_id: number | null;
  title: string;
  description: string;
  themes: string;
  format: PermanenceFormat;
  mode: PermanenceMode;
  place_slug: string | null;
  place_name: string | null;
  link: string | null;
  starts_at: string;
  ends_at: string;
  capacity: number;
  booked: number;
  status: PermanenceStatus;
  sequence: number;
  created_at: string;
  updated_at: string;
}

interface BookingRow {
  id: number;
  permanence_id: number;
  place_id: number;
  place_slug: string;
  place_name: string;
  question: string;
  request_id: number | null;
  booked_by: number | null;
  booked_by_name: string | null;
  status: BookingStatus;
  attended: number | null;
  followup: string | null;
  created_at: string;
  cancelled_at: string | null;
}

const SELECT_PERMANENCE = `SELECT p.*, s.rrule, e.slug AS expert_slug, e.name AS expert_name, e.user_id AS expert_user_id,
    pl.slug AS place_slug, pl.name AS place_name,
    (SELECT count(*) FROM permanence_bookings b WHERE b.permanence_id = p.id AND b.status = 'confirmed') AS booked
  FROM permanences p
  JOIN people e ON e.id = p.expert_id
  LEFT JOIN places pl ON pl.id = p.place_id
  LEFT JOIN permanence_series s ON s.id = p.series_id`;
const SQL_PERMANENCE = `${SELECT_PERMANENCE} WHERE p.id = @id`;
// A filter left null does not filter; a session is in [from, to) when it ends after from and starts before to.
const SQL_LIST = `${SELECT_PERMANENCE}
  WHERE (@from IS NULL OR p.ends_at > @from) AND (@to IS NULL OR p.starts_at < @to)
    AND (@theme IS NULL OR EXISTS (SELECT 1 FROM json_each(p.themes) WHERE json_each.value = @theme))
    AND (@expert IS NULL OR e.slug = @expert) AND (@expertId IS NULL OR p.expert_id = @expertId)
    AND (@mode IS NULL OR p.mode = @mode) AND (@format IS NULL OR p.format = @format)
    AND (@all = 1 OR p.status = 'scheduled')
  ORDER BY p.starts_at, p.id LIMIT @limit`;
const SQL_INSERT_SERIES = `INSERT INTO permanence_series (rrule, created_by, created_at) VALUES (@rrule, @createdBy, @now)`;
const SQL_INSERT_PERMANENCE = `INSERT INTO permanences
  (series_id, expert_id, title, description, themes, format, mode, place_id, link, starts_at, ends_at, capacity, created_by, created_at, updated_at)
  VALUES (@seriesId, @expertId, @title, @description, @themes, @format, @mode, @placeId, @link, @startsAt, @endsAt, @capacity, @createdBy, @now, @now)`;
const SQL_UPDATE_PERMANENCE = `UPDATE permanences SET title = @title, description = @description, link = @link,
  starts_at = @startsAt, ends_at = @endsAt, capacity = @capacity, sequence = sequence + @bump, updated_at = @now WHERE id = @id`;
const SQL_CANCEL_PERMANENCE = `UPDATE permanences SET status = 'cancelled', sequence = sequence + 1, updated_at = @now
  WHERE id = @id AND status = 'scheduled'`;
const SELECT_BOOKING = `SELECT b.*, pl.slug AS place_slug, pl.name AS place_name, u.name AS booked_by_name
  FROM permanence_bookings b JOIN places pl ON pl.id = b.place_id LEFT JOIN users u ON u.id = b.booked_by`;
const SQL_BOOKING = `${SELECT_BOOKING} WHERE b.id = @id`;
const SQL_BOOKINGS_OF = `${SELECT_BOOKING} WHERE b.permanence_id = @id ORDER BY b.id`;
const SQL_BOOKINGS_OF_REQUEST = `${SELECT_BOOKING} WHERE b.request_id = @id ORDER BY b.id`;
const SQL_INSERT_BOOKING = `INSERT INTO permanence_bookings (permanence_id, place_id, question, request_id, booked_by, created_at)
  VALUES (@permanenceId, @placeId, @question, @requestId, @bookedBy, @now)`;
const SQL_CONFIRMED_OF_PLACE = `SELECT id FROM permanence_bookings WHERE permanence_id = @permanenceId AND place_id = @placeId AND status = 'confirmed'`;
const SQL_CANCEL_BOOKING = `UPDATE permanence_bookings SET status = 'cancelled', cancelled_at = @now, cancelled_by = @by
  WHERE id = @id AND status = 'confirmed'`;
const SQL_FOLLOWUP = `UPDATE permanence_bookings SET attended = @attended, followup = @followup WHERE id = @id`;
const SQL_PLACE_ACCOUNTS = `SELECT DISTINCT u.id, u.email, u.name FROM people pe JOIN users u ON u.id = pe.user_id WHERE pe.place_id = @placeId`;
const SQL_USER = `SELECT id, email, name FROM users WHERE id = @id`;
const SQL_REMINDERS_DUE = `SELECT b.id FROM permanence_bookings b JOIN permanences p ON p.id = b.permanence_id
  WHERE b.status = 'confirmed' AND p.status = 'scheduled' AND p.starts_at > @now AND p.starts_at <= @until
    AND b.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', p.starts_at, '-24 hours') ORDER BY p.starts_at`;

function toPermanence(r: PermanenceRow): Permanence {
  return {
    id: r.id,
    seriesId: r.series_id,
    rrule: r.rrule,
    expert: { id: r.expert_id, slug: r.expert_slug, name: r.expert_name, userId: r.expert_user_id },
    title: r.title,
    description: r.description,
    themes: parseJson<ThemeSlug[]>(r.themes, []),
    format: r.format,
    mode: r.mode,
    place: r.place_slug ? { slug: r.place_slug, name: r.place_name ?? r.place_slug } : null,
    link: r.link,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    capacity: r.capacity,
    booked: r.booked,
    seatsLeft: r.status === 'scheduled' ? Math.max(0, r.capacity - r.booked) : 0,
    status: r.status,
    sequence: r.sequence,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    permanenceId: r.permanence_id,
    place: { id: r.place_id, slug: r.place_slug, name: r.place_name },
    question: r.question,
    request: r.request_id,
    bookedBy: r.booked_by !== null ? { id: r.booked_by, name: r.booked_by_name ?? '' } : null,
    status: r.status,
    attended: r.attended === null ? null : r.attended === 1,
    followup: r.followup,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
  };
}

/** What one session of a new permanence is made of (times are instants, stored in UTC). */
export interface NewPermanence {
  expertId: number;
  title: string;
  description: string;
  themes: ThemeSlug[];
  format: PermanenceFormat;
  mode: PermanenceMode;
  placeId: number | null;
  link: string | null;
  capacity: number;
  createdBy: number | null;
}

/**
 * Inserts the sessions of a permanence: one, or a series (its RRULE kept with it).
 * @returns the ids of the sessions, in order.
 */
export function insertPermanences(
  db: Database,
  input: NewPermanence,
  slots: { startsAt: Date; endsAt: Date }[],
  rrule: string | null,
  now = new Date(),
): number[] {
  const at = now.toISOString();
  return db.transaction(() => {
    const seriesId = rrule
      ? Number(
          stmt(db, SQL_INSERT_SERIES).run({ rrule, createdBy: input.createdBy, now: at })
            .lastInsertRowid,
        )
      : null;
    return slots.map((s) =>
      Number(
        stmt(db, SQL_INSERT_PERMANENCE).run({
          ...input,
          themes: JSON.stringify(input.themes),
          seriesId,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          now: at,
        }).lastInsertRowid,
      ),
    );
  })();
}

/** One session, or undefined. */
export function getPermanence(db: Database, id: number): Permanence | undefined {
  const row = stmt(db, SQL_PERMANENCE).get({ id }) as PermanenceRow | undefined;
  return row && toPermanence(row);
}

/** Filters of {@link listPermanences}. `from`/`to` are instants (ISO); a session is kept when it ends after `from`. */
export interface PermanenceFilter {
  from?: string;
  to?: string;
  theme?: string;
  expert?: string;
  mode?: PermanenceMode;
  format?: PermanenceFormat;
  /** Sessions of the expert with this person id (the private feed). */
  expertId?: number;
  includeCancelled?: boolean;
  limit?: number;
}

/** Sessions in time order. */
export function listPermanences(db: Database, f: PermanenceFilter = {}): Permanence[] {
  const rows = stmt(db, SQL_LIST).all({
    from: f.from ?? null,
    to: f.to ?? null,
    theme: f.theme ?? null,
    expert: f.expert ?? null,
    expertId: f.expertId ?? null,
    mode: f.mode ?? null,
    format: f.format ?? null,
    all: f.includeCancelled ? 1 : 0,
    limit: Math.min(Math.max(f.limit ?? 200, 1), 1000),
  }) as PermanenceRow[];
  return rows.map(toPermanence);
}

/** What may change in a session (moving it bumps its iCalendar SEQUENCE). */
export interface PermanenceChange {
  title: string;
  description: string;
  link: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

/** Applies a change to a session. */
export function updatePermanence(
  db: Database,
  id: number,
  change: PermanenceChange,
  bump: boolean,
  now = new Date(),
): void {
  stmt(db, SQL_UPDATE_PERMANENCE).run({
    ...change,
    id,
    bump: bump ? 1 : 0,
    now: now.toISOString(),
  });
}

/** Cancels a session. @returns false when it was already cancelled. */
export function cancelPermanence(db: Database, id: number, now = new Date()): boolean {
  return stmt(db, SQL_CANCEL_PERMANENCE).run({ id, now: now.toISOString() }).changes > 0;
}

/** One booking, or undefined. */
export function getBooking(db: Database, id: number): Booking | undefined {
  const row = stmt(db, SQL_BOOKING).get({ id }) as BookingRow | undefined;
  return row && toBooking(row);
}

/** The bookings of a session (cancelled ones included), in booking order. */
export function bookingsOf(db: Database, permanenceId: number): Booking[] {
  return (stmt(db, SQL_BOOKINGS_OF).all({ id: permanenceId }) as BookingRow[]).map(toBooking);
}

/** The bookings attached to a switchyard request. */
export function bookingsOfRequest(db: Database, requestId: number): Booking[] {
  return (stmt(db, SQL_BOOKINGS_OF_REQUEST).all({ id: requestId }) as BookingRow[]).map(toBooking);
}

/** The live booking of a place in a session, if any. */
export function confirmedBookingOf(
  db: Database,
  permanenceId: number,
  placeId: number,
): number | undefined {
  return (
    stmt(db, SQL_CONFIRMED_OF_PLACE).get({ permanenceId, placeId }) as { id: number } | undefined
  )?.id;
}

/** What a booking is made of. */
export interface NewBooking {
  permanenceId: number;
  placeId: number;
  question: string;
  requestId: number | null;
  bookedBy: number | null;
}

/** Inserts a booking (the caller checked the seats inside the same transaction). @returns its id. */
export function insertBooking(db: Database, b: NewBooking, now = new Date()): number {
  return Number(stmt(db, SQL_INSERT_BOOKING).run({ ...b, now: now.toISOString() }).lastInsertRowid);
}

/** Cancels a booking: its seat is free again. @returns false when it was not confirmed. */
export function cancelBooking(
  db: Database,
  id: number,
  by: number | null,
  now = new Date(),
): boolean {
  return stmt(db, SQL_CANCEL_BOOKING).run({ id, by, now: now.toISOString() }).changes > 0;
}

/** Records attendance and the follow-up note of a booking. */
export function recordFollowup(
  db: Database,
  id: number,
  attended: boolean | null,
  followup: string | null,
): void {
  stmt(db, SQL_FOLLOWUP).run({
    id,
    attended: attended === null ? null : attended ? 1 : 0,
    followup,
  });
}

/** An account to notify (its address never leaves the server but in the mail itself). */
export interface Account {
  id: number;
  email: string;
  name: string;
}

/**
 * Who hears about a booking: the accounts of the booking place (people of the place linked to an
 * account, and whoever booked) and the expert's account, each once.
 */
export function bookingRecipients(
  db: Database,
  booking: Booking,
  permanence: Permanence,
): Account[] {
  const accounts = new Map<number, Account>();
  const add = (a: Account | undefined) => {
    if (a) accounts.set(a.id, a);
  };
  for (const a of stmt(db, SQL_PLACE_ACCOUNTS).all({ placeId: booking.place.id }) as Account[])
    add(a);
  if (booking.bookedBy)
    add(stmt(db, SQL_USER).get({ id: booking.bookedBy.id }) as Account | undefined);
  if (permanence.expert.userId !== null)
    add(stmt(db, SQL_USER).get({ id: permanence.expert.userId }) as Account | undefined);
  return [...accounts.values()];
}

/**
 * Bookings whose session starts within `[now, now + 24 h]` and that were made more than 24 h
 * before it (a later booking's confirmation already serves as its reminder).
 */
export function bookingsDueForReminder(db: Database, now: Date): number[] {
  const until = new Date(now.getTime() + 24 * 3600_000).toISOString();
  return (
    stmt(db, SQL_REMINDERS_DUE).all({ now: now.toISOString(), until }) as { id: number }[]
  ).map((r) => r.id);
}
