import type { Database } from 'better-sqlite3';
import { hasRole, type User } from '../auth/users.js';
import { personOfUser } from '../../registry/people.js';
import type { Booking, Permanence } from '../../registry/permanences/store.js';

/**
 * Who is looking at a permanence, and what they may see. Questions, notes and links are for the
 * booking place, the expert and facilitators; the public sees sessions and free seats.
 */
export interface Viewer {
  user: User | null;
  facilitator: boolean;
  /** The registry person linked to the account (an expert holds sessions as this person). */
  personId: number | null;
  /** The place of that person: the place the account books for. */
  placeId: number | null;
  /** That place's slug and name, offered as the booking place in the UI. */
  place: { slug: string; name: string } | null;
}

/** The viewer behind an account (or an anonymous visitor). */
export function viewerOf(db: Database, user: User | null): Viewer {
  if (!user) return { user: null, facilitator: false, personId: null, placeId: null, place: null };
  const person = personOfUser(db, user.id);
  // A place the account named itself gives no rights until a facilitator confirms it.
  const placeId =
    person?.place && person.placeConfirmed
      ? ((
          db.prepare('SELECT id FROM places WHERE slug = ?').get(person.place.slug) as
            { id: number } | undefined
        )?.id ?? null)
      : null;
  return {
    user,
    facilitator: hasRole(user.role, 'facilitator'),
    personId: person?.id ?? null,
    placeId,
    place: placeId !== null ? (person?.place ?? null) : null,
  };
}

/** Facilitators and the session's expert manage it (move, cancel, record attendance). */
export const managesSession = (v: Viewer, p: Permanence) =>
  v.facilitator || (v.personId !== null && v.personId === p.expert.id);

/** A booking is seen by whoever manages its session, its place's accounts and whoever made it. */
export const seesBooking = (v: Viewer, p: Permanence, b: Booking) =>
  managesSession(v, p) ||
  (v.placeId !== null && v.placeId === b.place.id) ||
  (v.user !== null && b.bookedBy?.id === v.user.id);

/** The session as the viewer may see it: the visio link only for those holding or booking a seat. */
export function sessionFor(v: Viewer, p: Permanence, bookings: Booking[]) {
  const visible = bookings.filter((b) => seesBooking(v, p, b));
  const holdsSeat = managesSession(v, p) || visible.some((b) => b.status === 'confirmed');
  const { expert, ...rest } = p;
  return {
    ...rest,
    expert: { slug: expert.slug, name: expert.name },
    link: holdsSeat ? p.link : null,
    canManage: managesSession(v, p),
    bookings: v.user ? visible : undefined,
  };
}
