import { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { calendarText, newCalendar as makeCalendar } from '../ical.js';
import { inParis, TIME_ZONE } from './times.js';
import type { Booking, Permanence } from './store.js';

/**
 * iCalendar (RFC 5545) files of permanences: one session, one booking, a feed. Every time is
 * written in Europe/Paris with its VTIMEZONE, so calendars show the right hour on both sides of
 * a daylight-saving change. Nothing here reads an address: people are named, never mailed.
 */

/** Where the calendar's links point and what its UIDs end with. */
export interface CalendarContext {
  /** The instance's public address (LC_PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host || 'lieux-communs';
  } catch {
    return 'lieux-communs';
  }
};

const newCalendar = (name: string): ICalCalendar =>
  makeCalendar({ name, product: 'Permanences', method: ICalCalendarMethod.PUBLISH });

/** The place of a session as text: the registry place's name, or "Visio". Never a street address. */
const whereOf = (p: Permanence, withLink: boolean) =>
  p.mode === 'onsite'
    ? (p.place?.name ?? 'Sur place')
    : withLink && p.link
      ? `Visio : ${p.link}`
      : 'Visio';

function addSession(
  cal: ICalCalendar,
  ctx: CalendarContext,
  p: Permanence,
  opts: {
    uid: string;
    summary: string;
    description: string;
    withLink: boolean;
    cancelled?: boolean;
    sequence?: number;
  },
) {
  cal.createEvent({
    id: opts.uid,
    sequence: opts.sequence ?? p.sequence,
    start: inParis(p.startsAt),
    end: inParis(p.endsAt),
    timezone: TIME_ZONE,
    stamp: inParis(p.updatedAt),
    summary: opts.summary,
    description: opts.description,
    location: whereOf(p, opts.withLink),
    url: `${ctx.publicUrl}/permanences/${p.id}`,
    status:
      opts.cancelled || p.status === 'cancelled'
        ? ICalEventStatus.CANCELLED
        : ICalEventStatus.CONFIRMED,
    categories: p.themes.map((t) => ({ name: t })),
  });
}

const sessionUid = (ctx: CalendarContext, p: Permanence) =>
  `permanence-${p.id}@${hostOf(ctx.publicUrl)}`;
const bookingUid = (ctx: CalendarContext, b: Booking) => `booking-${b.id}@${hostOf(ctx.publicUrl)}`;

const sessionDescription = (p: Permanence) =>
  [
    `Permanence ${p.format === 'collective' ? 'collective' : 'individuelle'} avec ${p.expert.name}.`,
    p.description,
  ]
    .filter(Boolean)
    .join('\n\n');

/** One session's public file: no question, no booking, no link. */
export function sessionCalendar(ctx: CalendarContext, p: Permanence): string {
  const cal = newCalendar(p.title);
  addSession(cal, ctx, p, {
    uid: sessionUid(ctx, p),
    summary: p.title,
    description: sessionDescription(p),
    withLink: false,
  });
  return calendarText(cal);
}

/**
 * One booking's file, for the booking place and the expert: the session with the place and its
 * question. A cancelled booking (or session) comes out with STATUS:CANCELLED and a higher SEQUENCE,
 * so a calendar that imported it removes the event.
 */
export function bookingCalendar(ctx: CalendarContext, p: Permanence, b: Booking): string {
  const cal = newCalendar(p.title);
  const cancelled = b.status === 'cancelled';
  addSession(cal, ctx, p, {
    uid: bookingUid(ctx, b),
    summary: `${p.title} — ${b.place.name}`,
    description: [sessionDescription(p), `Lieu : ${b.place.name}`, `Question : ${b.question}`].join(
      '\n\n',
    ),
    withLink: true,
    cancelled,
    sequence: p.sequence + (cancelled ? 1 : 0),
  });
  return calendarText(cal);
}

/**
 * A feed of sessions. `bookings` (the expert's private feed) adds each session's booked places and
 * their questions to its description; the public feed passes none.
 */
export function feedCalendar(
  ctx: CalendarContext,
  name: string,
  sessions: Permanence[],
  bookings?: Map<number, Booking[]>,
): string {
  const cal = newCalendar(name);
  for (const p of sessions) {
    const booked = bookings?.get(p.id)?.filter((b) => b.status === 'confirmed') ?? [];
    const lines = booked.map((b) => `• ${b.place.name} : ${b.question}`);
    addSession(cal, ctx, p, {
      uid: sessionUid(ctx, p),
      summary: p.title,
      description: [
        sessionDescription(p),
        lines.length ? `Réservations :\n${lines.join('\n')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      withLink: bookings !== undefined,
    });
  }
  return calendarText(cal);
}
