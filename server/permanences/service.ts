import type { Database } from 'better-sqlite3';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { newSecret, sha256 } from '../auth/users.js';
import { findPerson } from '../../registry/people.js';
import { findPlace } from '../../registry/places.js';
import type { ThemeSlug } from '../../registry/themes.js';
import { getRequest, recordContact, addRequestNote } from '../../registry/switchyard/requests.js';
import {
  bookingsDueForReminder,
  cancelBooking,
  cancelPermanence,
  confirmedBookingOf,
  getBooking,
  getPermanence,
  insertBooking,
  insertPermanences,
  recordFollowup,
  bookingsOf,
  updatePermanence,
  type Booking,
  type Permanence,
  type PermanenceFormat,
  type PermanenceMode,
} from '../../registry/permanences/store.js';
import { expandSeries, frenchDateTime, RecurrenceError } from '../../registry/permanences/times.js';
import type { CalendarContext } from '../../registry/permanences/ical.js';
import { managesSession, seesBooking, type Viewer } from './access.js';
import { queueBookingMails } from './mails.js';

/** A permanence to publish, as the API receives it (dates already parsed). */
export interface PublishInput {
  expert: string;
  title: string;
  description?: string;
  themes?: ThemeSlug[];
  format: PermanenceFormat;
  mode: PermanenceMode;
  place?: string;
  link?: string;
  startsAt: Date;
  endsAt: Date;
  capacity?: number;
  rrule?: string;
}

/** A change to one session (moving it notifies its booked places). */
export interface SessionChange {
  title?: string;
  description?: string;
  link?: string | null;
  startsAt?: Date;
  endsAt?: Date;
  capacity?: number;
}

/** Settings of the permanences service. */
export interface PermanenceServiceOptions extends CalendarContext {
  /** How often bookings are looked at for their 24 h reminder, in ms. */
  reminderPollMs: number;
  /** Called after mails were queued, to send them without waiting for the mail sender's timer. */
  onMailQueued?: () => void;
  now?: () => Date;
}

const conflict = (
  code: 'full' | 'already_booked' | 'not_bookable' | 'conflict',
  message: string,
  field?: string,
) => new AppError(409, code, message, field ? { field } : {});

/**
 * Expert permanences: publishing sessions and series, booking them (never more seats than the
 * session has), cancelling, moving, attendance and follow-up, and the 24 h reminders. Every change
 * and the mails it causes are one transaction.
 */
export class PermanenceService {
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    private readonly opts: PermanenceServiceOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** The calendar context (public address) of the files and mails. */
  get calendar(): CalendarContext {
    return { publicUrl: this.opts.publicUrl };
  }

  /** Starts the reminder timer. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sendReminders(), this.opts.reminderPollMs);
    this.timer.unref();
  }

  /** Stops the reminder timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Queues the reminder of every booking whose session starts within 24 h, once per booking and
   * start time (a moved session reminds again).
   * @returns how many bookings were looked at.
   */
  sendReminders(now = this.now()): number {
    const ids = bookingsDueForReminder(this.db, now);
    this.db.transaction(() => {
      for (const id of ids) {
        const b = getBooking(this.db, id)!;
        const p = getPermanence(this.db, b.permanenceId)!;
        queueBookingMails(
          this.db,
          this.calendar,
          'permanence-reminder',
          p,
          b,
          `${b.id}:${p.startsAt}`,
        );
      }
    })();
    if (ids.length) this.opts.onMailQueued?.();
    return ids.length;
  }

  /**
   * Publishes a permanence: one session, or the sessions of its RRULE.
   * @returns the ids of the sessions (the first one is the permanence's id).
   * @throws AppError 400 naming the field (unknown expert or place, end before start, bad rule…), 403.
   */
  publish(v: Viewer, input: PublishInput): number[] {
    const expert = findPerson(this.db, input.expert);
    if (!expert || !expert.contactable)
      throw badRequest('expert', `no contactable person "${input.expert}" in the registry`);
    if (!v.facilitator && v.personId !== expert.id)
      throw forbidden('Only facilitators publish permanences for someone else');
    if (input.endsAt <= input.startsAt) throw badRequest('endsAt', 'must be after startsAt');
    const capacity = input.capacity ?? 1;
    if (input.format === 'individual' && capacity !== 1)
      throw badRequest('capacity', 'an individual session has one seat');
    let placeId: number | null = null;
    if (input.mode === 'onsite') {
      if (!input.place) throw badRequest('place', 'an on-site session needs a registry place');
      const place = findPlace(this.db, input.place);
      if (!place) throw badRequest('place', `no place "${input.place}" in the registry`);
      placeId = place.id;
    } else if (input.place) throw badRequest('place', 'a remote session takes a link, not a place');
    let slots = [{ startsAt: input.startsAt, endsAt: input.endsAt }];
    if (input.rrule) {
      try {
        slots = expandSeries(slots[0], input.rrule);
      } catch (err) {
        if (err instanceof RecurrenceError) throw badRequest('rrule', err.message);
        throw err;
      }
    }
    return insertPermanences(
      this.db,
      {
        expertId: expert.id,
        title: input.title,
        description: input.description ?? '',
        themes: input.themes ?? [],
        format: input.format,
        mode: input.mode,
        placeId,
        link: input.mode === 'remote' ? (input.link ?? null) : null,
        capacity,
        createdBy: v.user?.id ?? null,
      },
      slots,
      input.rrule ? input.rrule.trim().replace(/^RRULE:/i, '') : null,
      this.now(),
    );
  }

  /** A session, or 404. */
  session(id: number): Permanence {
    const p = getPermanence(this.db, id);
    if (!p) throw notFound(`Permanence ${id}`);
    return p;
  }

  /**
   * Books a seat for a place. The seat count, the one-seat-per-place rule, the booking, the
   * request's move to in-contact and the mails are one immediate transaction: two bookings of the
   * last seat cannot both pass the count.
   * @throws AppError 409 `full`, 409 `already_booked`, 409 `not_bookable` (cancelled or started),
   *   400 (unknown place or request), 403 (booking for another place).
   */
  book(
    v: Viewer,
    permanenceId: number,
    input: { place: string; question: string; request?: number },
  ): Booking {
    const user = v.user!;
    const place = findPlace(this.db, input.place);
    if (!place) throw badRequest('place', `no place "${input.place}" in the registry`);
    if (!v.facilitator && v.placeId !== place.id)
      throw new AppError(403, 'forbidden', 'You book for your own place only', { field: 'place' });
    if (input.request !== undefined) {
      const request = getRequest(this.db, input.request);
      if (!request || (!v.facilitator && request.asker?.id !== user.id))
        throw badRequest('request', `no request ${input.request} of yours`);
    }
    const now = this.now();
    const id = this.db
      .transaction(() => {
        const p = this.session(permanenceId);
        if (p.status !== 'scheduled') throw conflict('not_bookable', 'This session was cancelled');
        if (new Date(p.startsAt) <= now)
          throw conflict('not_bookable', 'This session has already started');
        if (confirmedBookingOf(this.db, p.id, place.id) !== undefined)
          throw conflict(
            'already_booked',
            `${place.name} already holds a seat in this session`,
            'place',
          );
        if (p.booked >= p.capacity) throw conflict('full', 'No seat is left in this session');
        const bookingId = insertBooking(
          this.db,
          {
            permanenceId: p.id,
            placeId: place.id,
            question: input.question,
            requestId: input.request ?? null,
            bookedBy: user.id,
          },
          now,
        );
        if (input.request !== undefined) {
          recordContact(this.db, input.request, p.expert.slug, user.id, now);
          addRequestNote(
            this.db,
            input.request,
            `Permanence réservée : « ${p.title} » avec ${p.expert.name}, ${frenchDateTime(p.startsAt)}.`,
            user.id,
            now,
          );
        }
        queueBookingMails(
          this.db,
          this.calendar,
          'permanence-confirmation',
          p,
          getBooking(this.db, bookingId)!,
        );
        return bookingId;
      })
      .immediate();
    this.opts.onMailQueued?.();
    return getBooking(this.db, id)!;
  }

  /** A booking the viewer may see, with its session, or 404 (no existence leak). */
  visibleBooking(v: Viewer, id: number): { booking: Booking; session: Permanence } {
    const booking = getBooking(this.db, id);
    const session = booking && getPermanence(this.db, booking.permanenceId);
    if (!booking || !session || !seesBooking(v, session, booking)) throw notFound(`Booking ${id}`);
    return { booking, session };
  }

  /** Cancels a booking (its seat is free again) and tells its accounts. @throws AppError 404, 409. */
  cancelBooking(v: Viewer, id: number): Booking {
    const { booking, session } = this.visibleBooking(v, id);
    if (booking.status !== 'confirmed')
      throw conflict('conflict', 'This booking is already cancelled');
    const now = this.now();
    this.db.transaction(() => {
      cancelBooking(this.db, id, v.user?.id ?? null, now);
      if (booking.request !== null)
        addRequestNote(
          this.db,
          booking.request,
          `Réservation annulée : « ${session.title} », ${frenchDateTime(session.startsAt)}.`,
          v.user?.id ?? null,
          now,
        );
      if (new Date(session.endsAt) > now)
        queueBookingMails(
          this.db,
          this.calendar,
          'permanence-cancellation',
          session,
          getBooking(this.db, id)!,
        );
    })();
    this.opts.onMailQueued?.();
    return getBooking(this.db, id)!;
  }

  /**
   * Records attendance and the follow-up note (the session's expert or a facilitator); a booking
   * attached to a request adds a note to it, and the request then asks for its outcome.
   * @throws AppError 403 for the booking place, 404 for others.
   */
  recordFollowup(
    v: Viewer,
    id: number,
    change: { attended?: boolean | null; followup?: string | null },
  ): Booking {
    const { booking, session } = this.visibleBooking(v, id);
    if (!managesSession(v, session))
      throw forbidden('Only the expert or a facilitator records attendance');
    if (booking.status !== 'confirmed') throw conflict('conflict', 'This booking was cancelled');
    const attended = change.attended === undefined ? booking.attended : change.attended;
    const followup = change.followup === undefined ? booking.followup : change.followup;
    this.db.transaction(() => {
      recordFollowup(this.db, id, attended, followup);
      if (booking.request !== null) {
        const presence = attended === null ? '' : attended ? ' — présent·e' : ' — absent·e';
        addRequestNote(
          this.db,
          booking.request,
          `Suivi de la permanence du ${frenchDateTime(session.startsAt)}${presence}${followup ? ` : ${followup}` : ''}`,
          v.user?.id ?? null,
          this.now(),
        );
      }
    })();
    return getBooking(this.db, id)!;
  }

  /** Moves or edits one session; a new time is sent to its booked places. @throws AppError 400, 403, 404, 409. */
  changeSession(v: Viewer, id: number, change: SessionChange): Permanence {
    const p = this.session(id);
    if (!managesSession(v, p))
      throw forbidden('Only the expert or a facilitator changes a session');
    if (p.status !== 'scheduled') throw conflict('conflict', 'This session was cancelled');
    const startsAt = change.startsAt?.toISOString() ?? p.startsAt;
    const endsAt = change.endsAt?.toISOString() ?? p.endsAt;
    if (endsAt <= startsAt) throw badRequest('endsAt', 'must be after startsAt');
    const capacity = change.capacity ?? p.capacity;
    if (p.format === 'individual' && capacity !== 1)
      throw badRequest('capacity', 'an individual session has one seat');
    if (capacity < p.booked) throw badRequest('capacity', `${p.booked} places already booked`);
    const moved = startsAt !== p.startsAt || endsAt !== p.endsAt;
    this.db.transaction(() => {
      updatePermanence(
        this.db,
        id,
        {
          title: change.title ?? p.title,
          description: change.description ?? p.description,
          link: p.mode === 'remote' ? (change.link === undefined ? p.link : change.link) : null,
          startsAt,
          endsAt,
          capacity,
        },
        moved,
        this.now(),
      );
      if (moved) {
        const updated = this.session(id);
        for (const b of bookingsOf(this.db, id))
          if (b.status === 'confirmed')
            queueBookingMails(this.db, this.calendar, 'permanence-change', updated, b);
      }
    })();
    this.opts.onMailQueued?.();
    return this.session(id);
  }

  /** Cancels one session and tells every booked place. @throws AppError 403, 404, 409. */
  cancelSession(v: Viewer, id: number): Permanence {
    const p = this.session(id);
    if (!managesSession(v, p))
      throw forbidden('Only the expert or a facilitator cancels a session');
    this.db.transaction(() => {
      if (!cancelPermanence(this.db, id, this.now()))
        throw conflict('conflict', 'This session is already cancelled');
      const cancelled = this.session(id);
      for (const b of bookingsOf(this.db, id))
        if (b.status === 'confirmed')
          queueBookingMails(this.db, this.calendar, 'permanence-cancellation', cancelled, b);
    })();
    this.opts.onMailQueued?.();
    return this.session(id);
  }

  /**
   * Creates (or replaces) an expert's private calendar token. The expert or a facilitator.
   * @returns the token, shown once (only its hash is kept).
   */
  newCalendarToken(v: Viewer, slug: string): string {
    const person = this.expertFor(v, slug);
    const token = newSecret(24);
    this.db
      .prepare(
        `INSERT INTO expert_calendar_tokens (person_id, token_hash, created_at) VALUES (?, ?, ?)
        ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      )
      .run(person, sha256(token), this.now().toISOString());
    return token;
  }

  /** Revokes an expert's calendar token. @returns false when there was none. */
  revokeCalendarToken(v: Viewer, slug: string): boolean {
    const person = this.expertFor(v, slug);
    return (
      this.db.prepare('DELETE FROM expert_calendar_tokens WHERE person_id = ?').run(person)
        .changes > 0
    );
  }

  /** Whether an expert has a live calendar token (never the token itself). */
  hasCalendarToken(personId: number): boolean {
    return (
      this.db.prepare('SELECT 1 FROM expert_calendar_tokens WHERE person_id = ?').get(personId) !==
      undefined
    );
  }

  /** The person id of the expert a token opens, when it is the live token of that expert. */
  expertOfToken(slug: string, token: string): number | undefined {
    const row = this.db
      .prepare(
        'SELECT t.person_id FROM expert_calendar_tokens t JOIN people p ON p.id = t.person_id WHERE p.slug = ? AND t.token_hash = ?',
      )
      .get(slug, sha256(token)) as { person_id: number } | undefined;
    return row?.person_id;
  }

  private expertFor(v: Viewer, slug: string): number {
    const person = findPerson(this.db, slug);
    if (!person || (!v.facilitator && v.personId !== person.id)) throw notFound(`Expert ${slug}`);
    return person.id;
  }
}
