import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { EVENT_ZONE } from './time.js';

/*
 * Times of an imported iCalendar file: time zone names as other tools write them (IANA, Windows,
 * prefixed), instants of DTSTART/DTEND/RECURRENCE-ID/EXDATE values, dates that do not exist, and
 * RDATE periods. Used by ics-import.ts.
 */

const EVENT_ZONE_OBJECT = IANAZone.create(EVENT_ZONE);
/** TZIDs already looked up (Luxon's check builds an Intl.DateTimeFormat at each call). */
const zones = new Map<string, IANAZone>();
/**
 * Windows zone names (Outlook, Exchange) of the zones a French network meets most, as CLDR's
 * windowsZones maps them, for the files that name them without their VTIMEZONE.
 */
const WINDOWS_ZONES: Record<string, string> = {
  'Romance Standard Time': 'Europe/Paris',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'SA Western Standard Time': 'America/La_Paz',
  'SA Eastern Standard Time': 'America/Cayenne',
  'Arabian Standard Time': 'Asia/Dubai',
  'Mauritius Standard Time': 'Indian/Mauritius',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'West Pacific Standard Time': 'Pacific/Port_Moresby',
  'Central Pacific Standard Time': 'Pacific/Guadalcanal',
  UTC: 'UTC',
};

/**
 * The IANA zone a TZID names: an IANA name, one behind a prefix (`/mozilla.org/20050126_1/Europe/Paris`,
 * `/citadel.org/…/Europe/Paris`), or a Windows name; Europe/Paris when it names none.
 */
export function ianaZone(tzid: string): IANAZone {
  let zone = zones.get(tzid);
  if (!zone) {
    const segments = tzid.split('/');
    const name = [
      tzid,
      WINDOWS_ZONES[tzid.trim()],
      ...segments.slice(1, -1).map((_, i) => segments.slice(i + 1).join('/')),
    ].find((n) => n && IANAZone.isValidZone(n));
    zone = name ? IANAZone.create(name) : EVENT_ZONE_OBJECT;
    if (zones.size < 1000) zones.set(tzid, zone);
  }
  return zone;
}

/**
 * The instant of an ical.js time: its zone when the calendar defines it (VTIMEZONE) or it is UTC;
 * else its TZID read as an IANA zone; else (floating times, unknown zones) Europe/Paris. A date
 * without a time is the start of that day in Europe/Paris.
 */
export function instantOf(t: ICAL.Time, tzid: string | undefined): DateTime {
  const parts = {
    year: t.year,
    month: t.month,
    day: t.day,
    hour: t.isDate ? 0 : t.hour,
    minute: t.isDate ? 0 : t.minute,
    second: t.isDate ? 0 : t.second,
  };
  // A wall time that occurs twice (the hour repeated when clocks go back) is the first one
  // (RFC 5545 §3.3.5); ical.js and Luxon both take the second. Changes happen before 04:00.
  const sameWall = (y: number, mo: number, d: number, h: number, mi: number) =>
    y === parts.year &&
    mo === parts.month &&
    d === parts.day &&
    h === parts.hour &&
    mi === parts.minute;
  if (!t.isDate && t.zone && t.zone.tzid !== 'floating' && t.zone.tzid !== '') {
    const unix = t.toUnixTime();
    if (t.hour < 4 && t.zone.tzid !== 'UTC') {
      const earlier = ICAL.Time.epochTime.clone();
      earlier.fromUnixTime(unix - 3600);
      const wall = earlier.convertToZone(t.zone);
      if (sameWall(wall.year, wall.month, wall.day, wall.hour, wall.minute))
        return DateTime.fromMillis((unix - 3600) * 1000, { zone: 'utc' });
    }
    return DateTime.fromMillis(unix * 1000, { zone: 'utc' });
  }
  const zone = !t.isDate && tzid ? ianaZone(tzid) : EVENT_ZONE_OBJECT;
  const local = DateTime.fromObject(parts, { zone });
  if (parts.hour < 4) {
    const earlier = local.minus({ hours: 1 });
    if (sameWall(earlier.year, earlier.month, earlier.day, earlier.hour, earlier.minute))
      return earlier;
  }
  return local;
}

/**
 * Throws when a date property of a VEVENT holds a day or time that does not exist: ical.js reads
 * 20251340T100000 as month 13, day 40 and rolls it over into February of the next year.
 */
export function checkDates(c: ICAL.Component) {
  for (const name of ['dtstart', 'dtend', 'recurrence-id', 'exdate', 'rdate']) {
    for (const p of c.getAllProperties(name)) {
      for (const v of (p.jCal as unknown[]).slice(3)) {
        if (typeof v !== 'string') continue;
        const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(v);
        if (!m) continue;
        const [y, mo, d, h = 0, mi = 0, se = 0] = m.slice(1).map((x) => (x ? Number(x) : 0));
        const days = mo >= 1 && mo <= 12 ? DateTime.utc(y, mo).daysInMonth! : 0;
        if (d < 1 || d > days || h > 23 || mi > 59 || se > 60)
          throw new Error(`${name.toUpperCase()} ${v} is not a date`);
      }
    }
  }
}

/**
 * Prepares a VEVENT's RDATEs for ical.js: `RDATE;VALUE=PERIOD` values (start/end or
 * start/duration, RFC 5545 §3.8.5.2) become plain RDATEs at their starts, which ical.js expands
 * (it fails on periods), and DTSTART is added as an RDATE when there is no RRULE. Returns each
 * period's end by its start's text.
 */
export function periodRdates(c: ICAL.Component): Map<string, ICAL.Time> {
  const ends = new Map<string, ICAL.Time>();
  for (const p of c.getAllProperties('rdate')) {
    if (p.type !== 'period') continue;
    const periods = p.getValues() as ICAL.Period[];
    const tzid = p.getParameter('tzid');
    c.removeProperty(p);
    const plain = new ICAL.Property('rdate', c);
    plain.resetType('date-time');
    if (tzid) plain.setParameter('tzid', tzid);
    plain.setValues(periods.map((period) => period.start));
    c.addProperty(plain);
    for (const period of periods) ends.set(period.start.toString(), period.getEnd());
  }
  // DTSTART is the first instance of the recurrence set (RFC 5545 §3.8.5.2); ical.js leaves it
  // out when RDATEs come without an RRULE.
  const dtstart = c.getFirstProperty('dtstart');
  if (dtstart && c.hasProperty('rdate') && !c.hasProperty('rrule')) {
    const start = dtstart.getFirstValue() as ICAL.Time;
    const listed = c
      .getAllProperties('rdate')
      .some((p) => p.getValues().some((v) => v instanceof ICAL.Time && v.compare(start) === 0));
    if (!listed) {
      const first = new ICAL.Property('rdate', c);
      first.resetType(start.isDate ? 'date' : 'date-time');
      const tzid = dtstart.getParameter('tzid');
      if (tzid) first.setParameter('tzid', tzid);
      first.setValue(start);
      c.addProperty(first);
    }
  }
  return ends;
}
