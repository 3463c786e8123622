import { DateTime } from 'luxon';
import rrulePkg from 'rrule';

// rrule ships CommonJS for Node: its named exports are reached through the default export.
const { rrulestr } = rrulePkg;

/** The network's time zone: sessions are published, shown and sent in it. */
export const TIME_ZONE = 'Europe/Paris';

/** Most sessions one series may generate (a weekly series over two years). */
export const MAX_SERIES_SESSIONS = 104;

/** A session's start and end, as instants. */
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** Thrown for an RRULE that cannot be read or expands to nothing; `field` names the input. */
export class RecurrenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecurrenceError';
  }
}

/**
 * The sessions of a series. The rule repeats the first session's wall-clock time in Paris
 * ("every first Tuesday, 10:00"), so a session after a daylight-saving change keeps its local hour
 * and moves by an hour in UTC. rrule computes in "floating" time: the Paris wall clock is given to
 * it as if it were UTC, and each occurrence is turned back into a Paris instant.
 * @param first the first session (its start is DTSTART).
 * @param rule an RRULE value (`FREQ=MONTHLY;BYDAY=1TU;COUNT=6`, with or without the `RRULE:` prefix).
 * @returns at most {@link MAX_SERIES_SESSIONS} slots, the first one included, in order.
 * @throws RecurrenceError when the rule is not valid or has neither COUNT nor UNTIL.
 */
export function expandSeries(first: Slot, rule: string, max = MAX_SERIES_SESSIONS): Slot[] {
  const value = rule.trim().replace(/^RRULE:/i, '');
  if (!/(^|;)FREQ=/i.test(value))
    throw new RecurrenceError('needs FREQ (e.g. FREQ=MONTHLY;BYDAY=1TU;COUNT=6)');
  if (!/(^|;)(COUNT|UNTIL)=/i.test(value))
    throw new RecurrenceError('needs COUNT or UNTIL: a series must end');
  if (/(^|;)DTSTART/i.test(value))
    throw new RecurrenceError('DTSTART comes from startsAt, not from the rule');
  const local = DateTime.fromJSDate(first.startsAt, { zone: TIME_ZONE });
  const floating = new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second),
  );
  let dates: Date[];
  try {
    dates = rrulestr(`RRULE:${value}`, { dtstart: floating }).all((_d, i) => i < max);
  } catch (err) {
    throw new RecurrenceError(err instanceof Error ? err.message : 'not a valid RRULE');
  }
  if (!dates.length) throw new RecurrenceError('generates no session');
  const durationMs = first.endsAt.getTime() - first.startsAt.getTime();
  return dates.map((d) => {
    const startsAt = parisWallClock(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ).toJSDate();
    return { startsAt, endsAt: new Date(startsAt.getTime() + durationMs) };
  });
}

/** The instant of a Paris wall-clock time (a time skipped in spring moves forward, as luxon does). */
export function parisWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): DateTime {
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: TIME_ZONE });
}

/** An instant as luxon's DateTime in Paris (for calendars). */
export const inParis = (d: Date | string): DateTime =>
  DateTime.fromJSDate(typeof d === 'string' ? new Date(d) : d, { zone: TIME_ZONE });

/** Date and time in French, in Paris ("mardi 6 janvier 2026 à 10:00"), for mails. */
export function frenchDateTime(d: Date | string): string {
  const p = inParis(d).setLocale('fr');
  return `${p.toFormat('cccc d LLLL yyyy')} à ${p.toFormat('HH:mm')}`;
}

/** The hour in Paris ("12:00"). */
export const frenchTime = (d: Date | string): string => inParis(d).toFormat('HH:mm');
