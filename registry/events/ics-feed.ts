import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { EventView } from './store.js';
import { EVENT_ZONE } from './time.js';

/**
 * Europe/Paris as a VTIMEZONE (the EU rule in force since 1996: last Sunday of March and of
 * October at 01:00 UTC). Calendars that honour the TZID parameter need its definition in the file
 * (RFC 5545 §3.6.5); events are never older than the rule's start.
 */
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const zoned = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(EVENT_ZONE);

/** The stable UID of one slot of an event in feeds (slots keep their id when their times change). */
export const slotUid = (eventId: number, slotId: number, host: string) => `lc-event-${eventId}-slot-${slotId}@${host}`;

/** A place's address on one line, for LOCATION. */
export const placeLocation = (p: EventView['place']) =>
  [p.name, p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter((s) => s && s.trim()).join(', ');

/**
 * An iCalendar feed (RFC 5545) of events: one VEVENT per slot with a stable UID, DTSTART/DTEND
 * with TZID=Europe/Paris and its VTIMEZONE, LOCATION (and GEO) from the place, URL of the event page.
 * @param publicUrl the instance's address, for links and UIDs.
 */
export function eventsFeed(events: EventView[], opts: { name: string; publicUrl: string }): string {
  const host = new URL(opts.publicUrl).host;
  const cal = ical({
    name: opts.name,
    prodId: { company: 'Lieux Communs', product: 'evenements', language: 'FR' },
    ttl: 3600,
    x: [['X-WR-TIMEZONE', EVENT_ZONE]],
  });
  for (const e of events) {
    const url = `${opts.publicUrl}/evenements/${e.id}`;
    for (const s of e.slots) {
      cal.createEvent({
        id: slotUid(e.id, s.id, host),
        start: zoned(s.startsAt),
        end: zoned(s.endsAt),
        timezone: EVENT_ZONE,
        stamp: zoned(e.updatedAt),
        lastModified: zoned(e.updatedAt),
        summary: e.title,
        description: `${e.description ? `${e.description}\n\n` : ''}${url}`,
        location:
          e.place.lat !== null && e.place.lon !== null
            ? { title: placeLocation(e.place), geo: { lat: e.place.lat, lon: e.place.lon } }
            : placeLocation(e.place),
        url,
        categories: [{ name: e.type }],
        status: ICalEventStatus.CONFIRMED,
      });
    }
  }
  // The VTIMEZONE goes in by hand: given a calendar time zone, ical-generator also writes DTSTAMP
  // and LAST-MODIFIED in it without the "Z" RFC 5545 requires (they must be UTC).
  const text = cal.toString();
  const at = text.search(/BEGIN:VEVENT|END:VCALENDAR/);
  return `${text.slice(0, at)}${PARIS_VTIMEZONE}\r\n${text.slice(at)}`;
}
