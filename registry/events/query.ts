import type { Database } from 'better-sqlite3';
import { invalid } from '../errors.js';
import { stmt } from '../store.js';
import { EVENT_SELECT, eventViews, type EventRow, type EventView } from './store.js';
import { parseBound, storedInstant } from './time.js';
import { DateTime } from 'luxon';

/** Event filters, as the events page, the feeds and the map take them. */
export interface EventQuery {
  /** Range start: a date (Europe/Paris day) or date-time; default now. */
  from?: string;
  /** Range end: a date (that day included) or date-time; default: no end. */
  to?: string;
  /** Only what is happening at this instant ("ouvert maintenant"); wins over from/to. */
  openNow?: boolean;
  region?: string[];
  type?: string[];
  campaign?: string;
  place?: string;
  limit?: number;
  offset?: number;
}

const FILTER = `e.id IN (SELECT s.event_id FROM event_slots s WHERE s.ends_at > @from AND s.starts_at < @to)
  AND (@types IS NULL OR e.type IN (SELECT value FROM json_each(@types)))
  AND (@regions IS NULL OR p.region IN (SELECT value FROM json_each(@regions)))
  AND (@campaign IS NULL OR c.slug = @campaign)
  AND (@place IS NULL OR p.slug = @place)`;
const SQL_LIST = `${EVENT_SELECT} WHERE ${FILTER}
  ORDER BY (SELECT MIN(s.starts_at) FROM event_slots s WHERE s.event_id = e.id AND s.ends_at > @from), e.id
  LIMIT @limit OFFSET @offset`;
const SQL_COUNT = `SELECT COUNT(*) AS n FROM events e JOIN places p ON p.id = e.place_id LEFT JOIN campaigns c ON c.id = e.campaign_id WHERE ${FILTER}`;
const SQL_PLACES_WITH_EVENTS = `SELECT p.slug AS slug, COUNT(*) AS n
  FROM events e JOIN places p ON p.id = e.place_id LEFT JOIN campaigns c ON c.id = e.campaign_id
  WHERE ${FILTER} GROUP BY p.slug`;
const SQL_CAMPAIGN_EXISTS = `SELECT 1 FROM campaigns WHERE slug = @slug`;
const SQL_PLACE_EXISTS = `SELECT 1 FROM places WHERE slug = @slug`;

/** Whether a query filters on events at all (the map shows every place otherwise). */
export const filtersEvents = (q: EventQuery) =>
  q.from !== undefined ||
  q.to !== undefined ||
  q.openNow === true ||
  !!q.type?.length ||
  q.campaign !== undefined;

/**
 * The named parameters of a query. @param now the instant "now" means (tests pass theirs).
 * @throws RegistryError 400 naming `from`, `to`, `campaign` or `place`.
 */
function params(db: Database, q: EventQuery, now: Date) {
  let from: string;
  let to: string;
  if (q.openNow) {
    from = storedInstant(DateTime.fromJSDate(now));
    to = storedInstant(DateTime.fromJSDate(now).plus({ seconds: 1 }));
  } else {
    from = q.from ? parseBound('from', q.from) : storedInstant(DateTime.fromJSDate(now));
    to = q.to ? parseBound('to', q.to) : '9999-12-31T23:59:59Z';
    if (to <= from) throw invalid('to', 'the range ends before it starts');
  }
  if (q.campaign && !stmt(db, SQL_CAMPAIGN_EXISTS).get({ slug: q.campaign }))
    throw invalid('campaign', `unknown campaign "${q.campaign}"`);
  if (q.place && !stmt(db, SQL_PLACE_EXISTS).get({ slug: q.place }))
    throw invalid('place', `unknown place "${q.place}"`);
  return {
    from,
    to,
    types: q.type?.length ? JSON.stringify(q.type) : null,
    regions: q.region?.length ? JSON.stringify(q.region) : null,
    campaign: q.campaign ?? null,
    place: q.place ?? null,
  };
}

/**
 * Events with a slot meeting the range (and the other filters), by their first slot in it.
 * @throws RegistryError 400 naming the bad filter.
 */
export function listEvents(
  db: Database,
  q: EventQuery,
  now = new Date(),
): { total: number; items: EventView[] } {
  const p = params(db, q, now);
  const rows = stmt(db, SQL_LIST).all({
    ...p,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  }) as EventRow[];
  const total = (stmt(db, SQL_COUNT).get(p) as { n: number }).n;
  return { total, items: eventViews(db, rows) };
}

/**
 * How many matching events each place has (slug → count), for the map's event filters.
 * @throws RegistryError 400 naming the bad filter.
 */
export function placesWithEvents(
  db: Database,
  q: EventQuery,
  now = new Date(),
): Map<string, number> {
  const rows = stmt(db, SQL_PLACES_WITH_EVENTS).all(params(db, q, now)) as {
    slug: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.slug, r.n]));
}
