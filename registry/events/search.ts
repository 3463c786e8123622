/**
 * Events for the header search (`/api/search/all`): matched on their title, type, place, city,
 * campaign and description like the directories match places (a word starting a word of the
 * title, place or city, or a French stem of the text), upcoming ones first (by their next slot),
 * then past ones, most recent first. Every event is public (the events page lists them all).
 */
import type { Database } from 'better-sqlite3';
import { queryStems, searchText } from '../search-text.js';
import { stmt } from '../store.js';
import { foldAccents } from '../text/french.js';
import type { EventType } from './schema.js';

/** An event as the header search shows it: what, where, when. */
export interface EventHit {
  id: number;
  title: string;
  type: EventType;
  place: { slug: string; name: string; city: string | null };
  campaign: { slug: string; title: string } | null;
  /** The next slot not yet over, or the last one for a past event (UTC, ISO 8601). */
  startsAt: string;
  endsAt: string;
  /** False for an event whose every slot is over. */
  upcoming: boolean;
}

const SQL_EVENTS = `SELECT e.id, e.title, e.type, e.description, p.slug AS p_slug, p.name AS p_name, p.city AS p_city,
    c.slug AS c_slug, c.title AS c_title,
    (SELECT s.starts_at || '|' || s.ends_at FROM event_slots s WHERE s.event_id = e.id AND s.ends_at > @now ORDER BY s.starts_at LIMIT 1) AS next_slot,
    (SELECT s.starts_at || '|' || s.ends_at FROM event_slots s WHERE s.event_id = e.id ORDER BY s.starts_at DESC LIMIT 1) AS last_slot
  FROM events e JOIN places p ON p.id = e.place_id LEFT JOIN campaigns c ON c.id = e.campaign_id`;

interface Row {
  id: number;
  title: string;
  type: EventType;
  description: string;
  p_slug: string;
  p_name: string;
  p_city: string | null;
  c_slug: string | null;
  c_title: string | null;
  next_slot: string | null;
  last_slot: string | null;
}

/**
 * Events matching a free-text query, upcoming first.
 * @param q the query (blank: no events).
 * @param now the instant that separates upcoming from past (tests pass theirs).
 */
export function searchEvents(db: Database, q: string, opts: { limit?: number; now?: Date } = {}): { total: number; items: EventHit[] } {
  const words = foldAccents(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => ({ w, stem: queryStems(w)[0] }));
  if (!words.length) return { total: 0, items: [] };
  const now = (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const hits: EventHit[] = [];
  for (const r of stmt(db, SQL_EVENTS).all({ now }) as Row[]) {
    const slot = r.next_slot ?? r.last_slot;
    if (!slot) continue;
    const folded = ` ${foldAccents(`${r.title} ${r.p_name} ${r.p_city ?? ''} ${r.c_title ?? ''}`)}`;
    const stems = searchText([r.title, r.type, r.description, r.p_name, r.p_city, r.c_title]);
    const ok = words.every(({ w, stem }) => folded.includes(` ${w}`) || folded.includes(`-${w}`) || (stem !== undefined && stems.includes(` ${stem}`)));
    if (!ok) continue;
    const [startsAt, endsAt] = slot.split('|');
    hits.push({
      id: r.id,
      title: r.title,
      type: r.type,
      place: { slug: r.p_slug, name: r.p_name, city: r.p_city },
      campaign: r.c_slug ? { slug: r.c_slug, title: r.c_title ?? r.c_slug } : null,
      startsAt,
      endsAt,
      upcoming: r.next_slot !== null,
    });
  }
  hits.sort((a, b) =>
    a.upcoming !== b.upcoming ? (a.upcoming ? -1 : 1) : a.upcoming ? a.startsAt.localeCompare(b.startsAt) || a.id - b.id : b.startsAt.localeCompare(a.startsAt) || a.id - b.id,
  );
  return { total: hits.length, items: hits.slice(0, opts.limit ?? 20) };
}
