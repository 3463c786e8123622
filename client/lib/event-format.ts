import { locale, t } from '../i18n/index.js';
import type { Slot } from '../api/events.js';
// Events are shown in the time zone of the network, whatever the visitor's computer says.
import { allDaySpan, EVENT_ZONE, parisWallTime } from '../../registry/events/paris-time.js';

export { parisWallTime };

const lang = () => (locale() === 'fr' ? 'fr-FR' : 'en-GB');

/** The Europe/Paris day of an instant, `YYYY-MM-DD`. */
export const parisDay = (iso: string) => parisWallTime(iso).slice(0, 10);

/** A day as a heading: "jeudi 2 octobre 2025". @param day `YYYY-MM-DD`. */
export const dayLabel = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(lang(), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/** A time of day in Europe/Paris: "10:00". */
export const timeLabel = (iso: string) =>
  new Date(iso).toLocaleTimeString(lang(), {
    timeZone: EVENT_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  });

/** The time of a slot in a day's list: "10:00 – 12:30", or "Toute la journée" for a whole day. */
export const slotTimes = (s: Slot) =>
  allDaySpan(s) ? t('event.allDay') : `${timeLabel(s.startsAt)} – ${timeLabel(s.endsAt)}`;

/**
 * A slot in words: "jeudi 2 octobre 2025, 10:00 – 12:30" (the end's day too when it differs);
 * "jeudi 2 octobre 2025, toute la journée" or "du … au …" for whole days.
 */
export function slotLabel(s: Slot): string {
  const days = allDaySpan(s);
  if (days)
    return days[0] === days[1]
      ? t('event.allDayOn', { day: dayLabel(days[0]) })
      : t('event.allDaysFromTo', { from: dayLabel(days[0]), to: dayLabel(days[1]) });
  const sameDay = parisDay(s.startsAt) === parisDay(s.endsAt);
  const end = sameDay
    ? timeLabel(s.endsAt)
    : `${dayLabel(parisDay(s.endsAt))}, ${timeLabel(s.endsAt)}`;
  return `${dayLabel(parisDay(s.startsAt))}, ${timeLabel(s.startsAt)} – ${end}`;
}

/** A campaign's dates: "du 2 au 4 octobre 2025" style, from two `YYYY-MM-DD`. */
export const campaignDates = (from: string, to: string) =>
  t('campaign.dates', { from: dayLabel(from), to: dayLabel(to) });

/** The slots of events spread by Europe/Paris day, days in order: the programme's shape. */
export function byDay<E extends { slots: Slot[] }>(
  events: E[],
): [string, { event: E; slot: Slot }[]][] {
  const days = new Map<string, { event: E; slot: Slot }[]>();
  for (const event of events) {
    for (const slot of event.slots) {
      const d = parisDay(slot.startsAt);
      const list = days.get(d) ?? [];
      list.push({ event, slot });
      days.set(d, list);
    }
  }
  return [...days.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([d, list]) => [d, list.sort((a, b) => a.slot.startsAt.localeCompare(b.slot.startsAt))]);
}

/** Today in Europe/Paris, `YYYY-MM-DD`. */
export const todayInParis = () => parisDay(new Date().toISOString());
