import type { Database } from 'better-sqlite3';
import { invalid, missing, RegistryError } from '../errors.js';
import { parseJson, stmt } from '../store.js';
import type { EventInput, EventType, EventUpdate, RegistrationInput } from './schema.js';
import { dayBounds, parseInstant, storedInstant } from './time.js';

/**
 * Events of places and their time slots: synchronous repository functions. Every write that
 * touches several tables runs in one transaction; slots are stored in UTC.
 */

/** A time slot as stored and answered (UTC instants, `YYYY-MM-DDTHH:MM:SSZ`). */
export interface Slot {
  id: number;
  startsAt: string;
  endsAt: string;
}

/** Registration as answered: with the seats left when they are booked here. */
export type Registration =
  | { kind: 'none' }
  | { kind: 'link'; url: string }
  | { kind: 'seats'; seats: number; booked: number; remaining: number };

/** The place of an event, as much as lists and calendars need (never a person's address). */
export interface EventPlace {
  slug: string;
  name: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  region: string | null;
  lat: number | null;
  lon: number | null;
}

/** An event as the API answers it. */
export interface EventView {
  id: number;
  title: string;
  type: EventType;
  description: string;
  audience: string;
  accessibility: string;
  free: boolean;
  price: string;
  registration: Registration;
  place: EventPlace;
  campaign: { slug: string; title: string } | null;
  slots: Slot[];
  /** UID of the calendar entry it was imported from, if any. */
  importUid: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

interface EventRow {
  id: number;
  place_id: number;
  campaign_id: number | null;
  title: string;
  type: EventType;
  description: string;
  audience: string;
  accessibility: string;
  free: number;
  price: string;
  registration: 'none' | 'link' | 'seats';
  registration_url: string | null;
  seats: number | null;
  import_uid: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  p_slug: string;
  p_name: string;
  p_address: string | null;
  p_postcode: string | null;
  p_city: string | null;
  p_region: string | null;
  p_lat: number | null;
  p_lon: number | null;
  c_slug: string | null;
  c_title: string | null;
  booked: number;
}

const SELECT_EVENT = `SELECT e.*, p.slug AS p_slug, p.name AS p_name, p.address AS p_address, p.postcode AS p_postcode,
    p.city AS p_city, p.region AS p_region, p.lat AS p_lat, p.lon AS p_lon, c.slug AS c_slug, c.title AS c_title,
    (SELECT COALESCE(SUM(b.seats), 0) FROM event_bookings b WHERE b.event_id = e.id) AS booked
  FROM events e JOIN places p ON p.id = e.place_id LEFT JOIN campaigns c ON c.id = e.campaign_id`;
const SQL_EVENT_BY_ID = `${SELECT_EVENT} WHERE e.id = @id`;
const SQL_SLOTS_OF = `SELECT id, event_id, starts_at, ends_at FROM event_slots
  WHERE event_id IN (SELECT value FROM json_each(@ids)) ORDER BY starts_at, id`;
const SQL_PLACE_ID = `SELECT id FROM places WHERE slug = @slug`;
const SQL_CAMPAIGN = `SELECT id, starts_on, ends_on FROM campaigns WHERE slug = @slug`;
const SQL_INSERT_EVENT = `INSERT INTO events (place_id, campaign_id, title, type, description, audience, accessibility, free, price,
    registration, registration_url, seats, import_uid, created_by, created_at, updated_at)
  VALUES (@place_id, @campaign_id, @title, @type, @description, @audience, @accessibility, @free, @price,
    @registration, @registration_url, @seats, @import_uid, @created_by, @now, @now)`;
const SQL_UPDATE_EVENT = `UPDATE events SET place_id = @place_id, campaign_id = @campaign_id, title = @title, type = @type,
    description = @description, audience = @audience, accessibility = @accessibility, free = @free, price = @price,
    registration = @registration, registration_url = @registration_url, seats = @seats, updated_at = @now WHERE id = @id`;
const SQL_DELETE_EVENT = `DELETE FROM events WHERE id = @id`;
const SQL_SLOT_IDS = `SELECT id FROM event_slots WHERE event_id = @id ORDER BY starts_at, id`;
const SQL_INSERT_SLOT = `INSERT INTO event_slots (event_id, starts_at, ends_at) VALUES (@event_id, @starts_at, @ends_at)`;
const SQL_UPDATE_SLOT = `UPDATE event_slots SET starts_at = @starts_at, ends_at = @ends_at WHERE id = @id`;
const SQL_DELETE_SLOT = `DELETE FROM event_slots WHERE id = @id`;
const SQL_JOIN_CAMPAIGN = `INSERT OR IGNORE INTO campaign_places (campaign_id, place_id, joined_by) VALUES (@campaign_id, @place_id, @user_id)`;
// A place the account named itself gives no rights until a facilitator confirms it.
const SQL_PERSON_OF_PLACE = `SELECT 1 FROM people WHERE user_id = @user_id AND place_id = @place_id AND place_confirmed = 1`;

interface SlotRow {
  id: number;
  event_id: number;
  starts_at: string;
  ends_at: string;
}

function registrationOf(r: EventRow): Registration {
  if (r.registration === 'link' && r.registration_url)
    return { kind: 'link', url: r.registration_url };
  if (r.registration === 'seats' && r.seats !== null)
    return {
      kind: 'seats',
      seats: r.seats,
      booked: r.booked,
      remaining: Math.max(0, r.seats - r.booked),
    };
  return { kind: 'none' };
}

function toView(r: EventRow, slots: Slot[]): EventView {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    description: r.description,
    audience: r.audience,
    accessibility: r.accessibility,
    free: r.free === 1,
    price: r.price,
    registration: registrationOf(r),
    place: {
      slug: r.p_slug,
      name: r.p_name,
      address: r.p_address,
      postcode: r.p_postcode,
      city: r.p_city,
      region: r.p_region,
      lat: r.p_lat,
      lon: r.p_lon,
    },
    campaign: r.c_slug ? { slug: r.c_slug, title: r.c_title ?? r.c_slug } : null,
    slots,
    importUid: r.import_uid,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Views of event rows, their slots read in one query. */
export function eventViews(db: Database, rows: EventRow[]): EventView[] {
  if (!rows.length) return [];
  const byEvent = new Map<number, Slot[]>();
  for (const s of stmt(db, SQL_SLOTS_OF).all({
    ids: JSON.stringify(rows.map((r) => r.id)),
  }) as SlotRow[]) {
    let list = byEvent.get(s.event_id);
    if (!list) byEvent.set(s.event_id, (list = []));
    list.push({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at });
  }
  return rows.map((r) => toView(r, byEvent.get(r.id) ?? []));
}

/** An event row with its place and campaign (for list queries built elsewhere). */
export type { EventRow };
/** The SELECT list queries extend with their WHERE clause. */
export const EVENT_SELECT = SELECT_EVENT;

/** An event by id, or undefined. */
export function findEvent(db: Database, id: number): EventView | undefined {
  const row = stmt(db, SQL_EVENT_BY_ID).get({ id }) as EventRow | undefined;
  return row && eventViews(db, [row])[0];
}

/** An event by id. @throws RegistryError 404. */
export function getEvent(db: Database, id: number): EventView {
  const e = findEvent(db, id);
  if (!e) throw missing(`event ${id}`);
  return e;
}

/** Validated slots, in stored form, sorted by start. @throws RegistryError 400 naming `slots.N.startsAt` / `endsAt`. */
export function checkSlots(
  slots: { startsAt: string; endsAt: string }[],
): { startsAt: string; endsAt: string }[] {
  if (!slots.length) throw invalid('slots', 'give at least one time slot');
  return slots
    .map((s, i) => {
      const start = parseInstant(`slots.${i}.startsAt`, s.startsAt);
      const end = parseInstant(`slots.${i}.endsAt`, s.endsAt);
      if (end <= start) throw invalid(`slots.${i}.endsAt`, 'the slot ends before it starts');
      return { startsAt: storedInstant(start), endsAt: storedInstant(end) };
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The id of a place. @throws RegistryError 400 naming `field` for an unknown place. */
export function placeIdOf(db: Database, slug: string, field = 'place'): number {
  const row = stmt(db, SQL_PLACE_ID).get({ slug }) as { id: number } | undefined;
  if (!row) throw invalid(field, `unknown place "${slug}"`);
  return row.id;
}

/**
 * The id of a campaign, checking that every slot falls within its days.
 * @throws RegistryError 400 naming `campaign` (unknown) or the first slot outside the campaign.
 */
function campaignIdOf(
  db: Database,
  slug: string,
  slots: { startsAt: string; endsAt: string }[],
): number {
  const row = stmt(db, SQL_CAMPAIGN).get({ slug }) as
    { id: number; starts_on: string; ends_on: string } | undefined;
  if (!row) throw invalid('campaign', `unknown campaign "${slug}"`);
  const [first] = dayBounds(row.starts_on);
  const [, afterLast] = dayBounds(row.ends_on);
  slots.forEach((s, i) => {
    if (s.startsAt < first || s.endsAt > afterLast)
      throw invalid(
        `slots.${i}.startsAt`,
        `outside the campaign's days (${row.starts_on} to ${row.ends_on})`,
      );
  });
  return row.id;
}

function registrationColumns(reg: RegistrationInput | null | undefined) {
  return {
    registration: reg?.kind ?? 'none',
    registration_url: reg?.kind === 'link' ? reg.url : null,
    seats: reg?.kind === 'seats' ? reg.seats : null,
  };
}

function writeSlots(
  db: Database,
  eventId: number,
  slots: { startsAt: string; endsAt: string }[],
): void {
  // Slots keep their ids by position, so their calendar UIDs stay stable when times are edited.
  const ids = (stmt(db, SQL_SLOT_IDS).all({ id: eventId }) as { id: number }[]).map((r) => r.id);
  slots.forEach((s, i) => {
    const params = { starts_at: s.startsAt, ends_at: s.endsAt };
    if (i < ids.length) stmt(db, SQL_UPDATE_SLOT).run({ ...params, id: ids[i] });
    else stmt(db, SQL_INSERT_SLOT).run({ ...params, event_id: eventId });
  });
  for (const id of ids.slice(slots.length)) stmt(db, SQL_DELETE_SLOT).run({ id });
}

/** Who writes: the account id (null for the CLI and imports without an account). */
export interface Writer {
  userId: number | null;
  now?: string;
}

/**
 * Columns of an event from a full input, checked against the database (place, campaign, slots).
 * @throws RegistryError 400 naming the field.
 */
function eventColumns(db: Database, input: EventInput) {
  const slots = checkSlots(input.slots);
  const placeId = placeIdOf(db, input.place);
  const campaignId = input.campaign ? campaignIdOf(db, input.campaign, slots) : null;
  return {
    slots,
    params: {
      place_id: placeId,
      campaign_id: campaignId,
      title: input.title,
      type: input.type,
      description: input.description ?? '',
      audience: input.audience ?? '',
      accessibility: input.accessibility ?? '',
      free: input.free === false ? 0 : 1,
      price: input.price ?? '',
      ...registrationColumns(input.registration),
    },
  };
}

/**
 * Creates an event with its slots (and makes its place join its campaign), in one transaction.
 * @param importUid the calendar UID it comes from, for idempotent re-imports.
 * @returns the new event's id. @throws RegistryError 400 naming the field.
 */
export function createEvent(
  db: Database,
  input: EventInput,
  by: Writer,
  importUid: string | null = null,
): number {
  const { slots, params } = eventColumns(db, input);
  const now = by.now ?? new Date().toISOString();
  return db.transaction(() => {
    const id = Number(
      stmt(db, SQL_INSERT_EVENT).run({
        ...params,
        import_uid: importUid,
        created_by: by.userId,
        now,
      }).lastInsertRowid,
    );
    writeSlots(db, id, slots);
    if (params.campaign_id !== null)
      stmt(db, SQL_JOIN_CAMPAIGN).run({
        campaign_id: params.campaign_id,
        place_id: params.place_id,
        user_id: by.userId,
      });
    return id;
  })();
}

/** The input-shaped form of a stored event (what an update merges into). */
export function eventAsInput(e: EventView): EventInput {
  const reg = e.registration;
  return {
    title: e.title,
    type: e.type,
    place: e.place.slug,
    slots: e.slots.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })),
    description: e.description,
    campaign: e.campaign?.slug ?? null,
    audience: e.audience,
    accessibility: e.accessibility,
    free: e.free,
    price: e.price,
    registration: reg.kind === 'seats' ? { kind: 'seats', seats: reg.seats } : reg,
  };
}

/**
 * Updates an event: fields left out are kept, `campaign: null` / `registration: null` clear them.
 * Seats cannot go below those already booked.
 * @throws RegistryError 404 for an unknown event, 400 naming the field.
 */
export function updateEvent(db: Database, id: number, patch: EventUpdate, by: Writer): void {
  const current = getEvent(db, id);
  const merged: EventInput = { ...eventAsInput(current) };
  for (const [k, v] of Object.entries(patch))
    if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  const { slots, params } = eventColumns(db, merged);
  if (
    current.registration.kind === 'seats' &&
    params.seats !== null &&
    params.seats < current.registration.booked
  ) {
    throw invalid('registration.seats', `${current.registration.booked} seats are already booked`);
  }
  const now = by.now ?? new Date().toISOString();
  db.transaction(() => {
    stmt(db, SQL_UPDATE_EVENT).run({ ...params, id, now });
    writeSlots(db, id, slots);
    if (params.campaign_id !== null)
      stmt(db, SQL_JOIN_CAMPAIGN).run({
        campaign_id: params.campaign_id,
        place_id: params.place_id,
        user_id: by.userId,
      });
  })();
}

/** Deletes an event, its slots and bookings. @throws RegistryError 404. */
export function deleteEvent(db: Database, id: number): void {
  if (stmt(db, SQL_DELETE_EVENT).run({ id }).changes === 0) throw missing(`event ${id}`);
}

/**
 * Whether an account may edit an event of a place: facilitators and admins always; contributors
 * who created it, or whose directory profile belongs to the place.
 */
export function canEditEvent(
  db: Database,
  e: Pick<EventView, 'createdBy'> & { placeId: number },
  user: { id: number; facilitator: boolean },
): boolean {
  if (user.facilitator) return true;
  if (e.createdBy !== null && e.createdBy === user.id) return true;
  return stmt(db, SQL_PERSON_OF_PLACE).get({ user_id: user.id, place_id: e.placeId }) !== undefined;
}

/** The id of the place of an event. @throws RegistryError 404. */
export function eventPlaceId(db: Database, id: number): number {
  const row = stmt(db, `SELECT place_id FROM events WHERE id = @id`).get({ id }) as
    { place_id: number } | undefined;
  if (!row) throw missing(`event ${id}`);
  return row.place_id;
}

const SQL_BOOKED_BY_OTHERS = `SELECT COALESCE(SUM(seats), 0) AS n FROM event_bookings WHERE event_id = @event_id AND user_id != @user_id`;
const SQL_UPSERT_BOOKING = `INSERT INTO event_bookings (event_id, user_id, seats) VALUES (@event_id, @user_id, @seats)
  ON CONFLICT (event_id, user_id) DO UPDATE SET seats = excluded.seats`;
const SQL_DELETE_BOOKING = `DELETE FROM event_bookings WHERE event_id = @event_id AND user_id = @user_id`;
const SQL_MY_BOOKING = `SELECT seats FROM event_bookings WHERE event_id = @event_id AND user_id = @user_id`;

/**
 * Books (or changes) an account's seats on an event registered here, checking what is left in the
 * same transaction. @param onBooked runs inside that transaction (to queue a confirmation mail).
 * @throws RegistryError 400 when the event takes no bookings, 409 when too few seats are left.
 */
export function bookSeats(
  db: Database,
  eventId: number,
  userId: number,
  seats: number,
  onBooked?: (e: EventView) => void,
): EventView {
  return db.transaction(() => {
    const e = getEvent(db, eventId);
    if (e.registration.kind !== 'seats')
      throw invalid('seats', 'this event takes no bookings here');
    const others = (
      stmt(db, SQL_BOOKED_BY_OTHERS).get({ event_id: eventId, user_id: userId }) as { n: number }
    ).n;
    const left = e.registration.seats - others;
    if (seats > left)
      throw new RegistryError('conflict', `seats: only ${Math.max(0, left)} seats left`, {
        field: 'seats',
      });
    stmt(db, SQL_UPSERT_BOOKING).run({ event_id: eventId, user_id: userId, seats });
    const booked = getEvent(db, eventId);
    onBooked?.(booked);
    return booked;
  })();
}

/** Cancels an account's booking. @returns whether there was one. */
export function cancelBooking(db: Database, eventId: number, userId: number): boolean {
  return stmt(db, SQL_DELETE_BOOKING).run({ event_id: eventId, user_id: userId }).changes > 0;
}

/** The seats an account booked on an event (0 when none). */
export function myBooking(db: Database, eventId: number, userId: number): number {
  return (
    (
      stmt(db, SQL_MY_BOOKING).get({ event_id: eventId, user_id: userId }) as
        { seats: number } | undefined
    )?.seats ?? 0
  );
}

/** Parses a JSON list column (exported for the campaign module). */
export const jsonList = (s: string): string[] => parseJson<string[]>(s, []);
