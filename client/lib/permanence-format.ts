import { locale, t } from '../i18n/index.js';
import type { Permanence } from '../api/permanences.js';

/** Sessions are shown in the network's time zone, whatever the browser's. */
export const TIME_ZONE = 'Europe/Paris';

const lang = () => (locale() === 'fr' ? 'fr-FR' : 'en-GB');

/** "mardi 6 janvier 2026, 10:00–12:00" in Paris time. */
export function sessionWhen(p: Pick<Permanence, 'startsAt' | 'endsAt'>): string {
  const day = new Date(p.startsAt).toLocaleDateString(lang(), {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(lang(), {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
    });
  return `${day}, ${time(p.startsAt)}–${time(p.endsAt)}`;
}

/** Seats left, or "full"/"cancelled". */
export function seatsLabel(p: Pick<Permanence, 'seatsLeft' | 'status'>): string {
  if (p.status === 'cancelled') return t('perm.cancelled');
  if (p.seatsLeft === 0) return t('perm.full');
  return p.seatsLeft === 1 ? t('perm.seats.one') : t('perm.seats.many', { n: p.seatsLeft });
}

const wallClock = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(' ', 'T');

/**
 * A `datetime-local` value read as Paris time ("2026-10-25T08:30") → ISO 8601 with its offset
 * ("2026-10-25T08:30:00+01:00"): the offset is the one (winter or summer) that gives that wall
 * clock back in Paris.
 */
export function parisToIso(local: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const iso = `${local}:00${offset}`;
    if (wallClock(new Date(iso)) === local) return iso;
  }
  return `${local}:00+01:00`;
}

/** The RRULE of "every month on the same weekday" for a start date ("FREQ=MONTHLY;BYDAY=1TU;COUNT=6"). */
export function monthlyRule(local: string, count: number): string {
  const [y, m, d] = local.slice(0, 10).split('-').map(Number);
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][
    new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  ];
  const nth = Math.ceil(d / 7);
  return `FREQ=MONTHLY;BYDAY=${nth >= 5 ? -1 : nth}${weekday};COUNT=${count}`;
}
