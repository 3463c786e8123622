import { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { EventView } from './store.js';
import { allDaySpan, EVENT_ZONE } from './paris-time.js';
import { calendarText, newCalendar } from '../ical.js';

const zoned = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(EVENT_ZONE);

/** The stable UID of one slot of an event in feeds (slots keep their id when their times change). */
export const slotUid = (eventId: number, slotId: number, host: string) =>
  `lc-event-${eventId}-slot-${slotId}@${host}`;

/** A place's address on one line, for LOCATION. */
export const placeLocation = (p: EventView['place']) =>
  [p.name, p.address, [p.postcode, p.city].filter(Boolean).join(' ')]
    .filter((s) => s && s.trim())
    .join(', ');

/**
 * An iCalendar feed (RFC 5545) of events: one VEVENT per slot with a stable UID, DTSTART/DTEND
 * with TZID=Europe/Paris and its VTIMEZONE (dates for a slot of whole days), LOCATION (and GEO) from the place, URL of the event page.
 * @param publicUrl the instance's address, for links and UIDs.
 */
export function eventsFeed(events: EventView[], opts: { name: string; publicUrl: string }): string {
  const host = new URL(opts.publicUrl).host;
  const cal = newCalendar({ name: opts.name, product: 'evenements', ttl: 3600 });
  for (const e of events) {
    const url = `${opts.publicUrl}/evenements/${e.id}`;
    for (const s of e.slots) {
      // A slot of whole days (an all-day event of another calendar) goes out as one again:
      // DTSTART;VALUE=DATE and an exclusive DTEND, not as midnight-to-midnight times.
      const allDay = allDaySpan(s) !== null;
      cal.createEvent({
        id: slotUid(e.id, s.id, host),
        start: zoned(s.startsAt),
        end: zoned(s.endsAt),
        ...(allDay ? { allDay: true } : { timezone: EVENT_ZONE }),
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
  return calendarText(cal);
}
