/*
 * Europe/Paris wall time of stored instants with the platform's Intl only (no Luxon), so that the
 * server and the browser application share it: the datetime-local value of an instant, and whether
 * a slot covers whole days.
 */

/** The time zone events are read and shown in when nothing else is said. */
export const EVENT_ZONE = 'Europe/Paris';

const WALL = new Intl.DateTimeFormat('en-GB', {
  timeZone: EVENT_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Europe/Paris wall time of an instant, `YYYY-MM-DDTHH:MM:SS`. */
function wallTime(iso: string): string {
  const p = Object.fromEntries(WALL.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** The Europe/Paris wall time of an instant as `YYYY-MM-DDTHH:MM` (what a datetime-local input holds). */
export const parisWallTime = (iso: string) => wallTime(iso).slice(0, 16);

/**
 * Whether a slot covers whole Europe/Paris days, midnight to midnight: how an all-day event of
 * another calendar (DTSTART;VALUE=DATE) is stored, and how it is shown and exported again.
 * @returns the first and the last day (`YYYY-MM-DD`, the last included), or null for a timed slot.
 */
export function allDaySpan(s: { startsAt: string; endsAt: string }): [string, string] | null {
  const start = wallTime(s.startsAt);
  const end = wallTime(s.endsAt);
  if (!start.endsWith('T00:00:00') || !end.endsWith('T00:00:00') || end <= start) return null;
  return [
    start.slice(0, 10),
    wallTime(new Date(Date.parse(s.endsAt) - 1000).toISOString()).slice(0, 10),
  ];
}
