import ical, { type ICalCalendar, type ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';

/*
 * The one iCalendar (RFC 5545) writer of the project, on ical-generator: the events feed
 * (registry/events/ics-feed.ts) and the permanences' files and feeds (registry/permanences/ical.ts)
 * both make their calendar with `newCalendar` and write it with `calendarText`.
 */

/** The network's time zone: every event is written in it, with its VTIMEZONE. */
export const CALENDAR_ZONE = 'Europe/Paris';

/** What a calendar is called and who makes it. */
export interface CalendarOptions {
  /** NAME and X-WR-CALNAME. */
  name: string;
  /** The PRODID's product ("evenements", "Permanences"). */
  product: string;
  /** METHOD (PUBLISH for files meant to be imported). */
  method?: ICalCalendarMethod;
  /** REFRESH-INTERVAL / X-PUBLISHED-TTL of a feed, in seconds. */
  ttl?: number;
}

/**
 * An empty calendar. Events take `timezone: CALENDAR_ZONE` and Luxon times in that zone. The
 * calendar itself gets no time zone: given one, ical-generator also writes DTSTAMP and
 * LAST-MODIFIED in it without the "Z" RFC 5545 requires (they must be UTC); `calendarText` adds
 * the VTIMEZONE instead.
 */
export function newCalendar(opts: CalendarOptions): ICalCalendar {
  return ical({
    name: opts.name,
    prodId: { company: 'Lieux Communs', product: opts.product, language: 'FR' },
    ...(opts.method !== undefined ? { method: opts.method } : {}),
    ...(opts.ttl !== undefined ? { ttl: opts.ttl } : {}),
    x: [['X-WR-TIMEZONE', CALENDAR_ZONE]],
  });
}

/** Europe/Paris as a VTIMEZONE, with CRLF line ends: calendars that honour TZID need it in the file (§3.6.5). */
const VTIMEZONE = getVtimezoneComponent(CALENDAR_ZONE)!.trim().split(/\r?\n/).join('\r\n');

/** The calendar as iCalendar text, the VTIMEZONE of `CALENDAR_ZONE` before its first event. */
export function calendarText(cal: ICalCalendar): string {
  const text = cal.toString();
  const at = text.search(/BEGIN:VEVENT|END:VCALENDAR/);
  return `${text.slice(0, at)}${VTIMEZONE}\r\n${text.slice(at)}`;
}
