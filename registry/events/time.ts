import { DateTime } from 'luxon';
import { invalid } from '../errors.js';

import { allDaySpan, EVENT_ZONE } from './paris-time.js';

export { EVENT_ZONE };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A UTC instant as stored: `YYYY-MM-DDTHH:MM:SSZ` (fixed width, so text order is time order). */
export const storedInstant = (d: DateTime): string =>
  d.toUTC().toFormat("yyyy-LL-dd'T'HH:mm:ss'Z'");

/**
 * Reads a date-time given by a client: an ISO 8601 string with an offset (`Z`, `+02:00`) is that
 * instant; without one it is wall time in Europe/Paris (a time that does not exist on the day
 * clocks go forward moves forward by the gap, as calendars do).
 * @throws RegistryError 400 naming `field` when the text is not a date-time.
 */
export function parseInstant(field: string, value: string): DateTime {
  if (DATE_ONLY.test(value))
    throw invalid(field, `"${value}" is a date without a time (expected YYYY-MM-DDTHH:MM)`);
  const d = DateTime.fromISO(value, { zone: EVENT_ZONE });
  if (!d.isValid || d.year < 1900 || d.year > 2200)
    throw invalid(
      field,
      `"${value}" is not a date-time (expected YYYY-MM-DDTHH:MM, in Europe/Paris unless an offset is given)`,
    );
  return d;
}

/**
 * Reads a range bound: a plain date is a whole day in Europe/Paris (`from` its first instant, `to`
 * the first instant of the next day, so `to=2025-10-02` includes that day); a date-time is read as
 * `parseInstant` does. `end` (default: the field is `to`) reads a plain date as the end of that day.
 * @throws RegistryError 400 naming `field`.
 */
export function parseBound(field: string, value: string, end = field === 'to'): string {
  if (DATE_ONLY.test(value)) {
    const day = DateTime.fromISO(value, { zone: EVENT_ZONE });
    if (!day.isValid) throw invalid(field, `"${value}" is not a date`);
    return storedInstant(end ? day.plus({ days: 1 }).startOf('day') : day.startOf('day'));
  }
  return storedInstant(parseInstant(field, value));
}

/**
 * Reads a campaign day (`YYYY-MM-DD`). @throws RegistryError 400 naming `field`.
 */
export function parseDay(field: string, value: string): string {
  const day = DATE_ONLY.test(value) ? DateTime.fromISO(value, { zone: EVENT_ZONE }) : undefined;
  if (!day?.isValid) throw invalid(field, `"${value}" is not a date (expected YYYY-MM-DD)`);
  return value;
}

/** The Europe/Paris day (`YYYY-MM-DD`) a stored instant falls on. */
export const parisDay = (stored: string): string =>
  DateTime.fromISO(stored, { zone: 'utc' }).setZone(EVENT_ZONE).toISODate()!;

/** The stored instant that starts a Europe/Paris day, and the one that starts the next day. */
export function dayBounds(day: string): [string, string] {
  const start = DateTime.fromISO(day, { zone: EVENT_ZONE }).startOf('day');
  return [storedInstant(start), storedInstant(start.plus({ days: 1 }))];
}

/** A slot in French, in Europe/Paris: "jeudi 2 octobre 2025, 10:00 – 12:30" (the end's date too when it is another day), "jeudi 2 octobre 2025, toute la journée" for a whole day. */
export function frenchSlot(s: { startsAt: string; endsAt: string }): string {
  const start = DateTime.fromISO(s.startsAt, { zone: 'utc' }).setZone(EVENT_ZONE).setLocale('fr');
  const end = DateTime.fromISO(s.endsAt, { zone: 'utc' }).setZone(EVENT_ZONE).setLocale('fr');
  const days = allDaySpan(s);
  if (days) {
    const day = (d: string) => DateTime.fromISO(d).setLocale('fr').toFormat('cccc d LLLL yyyy');
    return days[0] === days[1]
      ? `${day(days[0])}, toute la journée`
      : `du ${day(days[0])} au ${day(days[1])}`;
  }
  const endText = end.hasSame(start, 'day')
    ? end.toFormat('HH:mm')
    : end.toFormat('cccc d LLLL yyyy, HH:mm');
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')} – ${endText}`;
}
