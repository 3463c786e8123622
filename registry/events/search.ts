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

const SQL_EVENTS = `SELECT e.id, e.title, e.type, e.updated_at, p.slug AS p_slug, p.name AS p_name, p.city AS p_city,
    c.slug AS c_slug, c.title AS c_title,
    (SELECT s.starts_at || '|' || s.ends_at FROM event_slots s WHERE s.event_id = e.id AND s.ends_at > @now ORDER BY s.starts_at LIMIT 1) AS next_slot,
    (SELECT s.starts_at || '|' || s.ends_at FROM event_slots s WHERE s.event_id = e.id ORDER BY s.starts_at DESC LIMIT 1) AS last_slot
  FROM events e JOIN places p ON p.id = e.place_id LEFT JOIN campaigns c ON c.id = e.campaign_id`;
const SQL_DESCRIPTION = `SELECT description FROM events WHERE id = @id`;

interface Row {
  id: number;
  title: string;
  type: EventType;
  updated_at: string;
  p_slug: string;
  p_name: string;
  p_city: string | null;
  c_slug: string | null;
  c_title: string | null;
  next_slot: string | null;
  last_slot: string | null;
}

/** What an event is matched on, derived once per text (stemming every description on every search is slow). */
interface Indexed {
  sig: string;
  folded: string;
  stems: string;
}
const INDEXES = new WeakMap<Database, Map<number, Indexed>>();

/** The matching text of an event row, rebuilt only when its title, description, place or campaign changed. */
function indexed(db: Database, r: Row): Indexed {
  let index = INDEXES.get(db);
  if (!index) INDEXES.set(db, (index = new Map()));
  // Deleted events leave entries behind: start afresh once they could outnumber the live ones.
  if (index.size > 10_000) index.clear();
  // An edit of the event bumps updated_at; its place's and campaign's names are compared as they are.
  const sig = [r.updated_at, r.title, r.type, r.p_name, r.p_city, r.c_title].join('\u0000');
  const hit = index.get(r.id);
  if (hit && hit.sig === sig) return hit;
  const fresh = {
    sig,
    folded: ` ${foldAccents(`${r.title} ${r.p_name} ${r.p_city ?? ''} ${r.c_title ?? ''}`)}`,
    stems: searchText([
      r.title,
      r.type,
      (stmt(db, SQL_DESCRIPTION).get({ id: r.id }) as { description: string }).description,
      r.p_name,
      r.p_city,
      r.c_title,
    ]),
  };
  index.set(r.id, fresh);
  return fresh;
}

/**
 * Events matching a free-text query, upcoming first.
 * @param q the query (blank: no events).
 * @param now the instant that separates upcoming from past (tests pass theirs).
 */
export function searchEvents(
  db: Database,
  q: string,
  opts: { limit?: number; now?: Date } = {},
): { total: number; items: EventHit[] } {
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
    const { folded, stems } = indexed(db, r);
    const ok = words.every(
      ({ w, stem }) =>
        folded.includes(` ${w}`) ||
        folded.includes(`-${w}`) ||
        (stem !== undefined && stems.includes(` ${stem}`)),
    );
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
    a.upcoming !== b.upcoming
      ? a.upcoming
        ? -1
        : 1
      : a.upcoming
        ? a.startsAt.localeCompare(b.startsAt) || a.id - b.id
        : b.startsAt.localeCompare(a.startsAt) || a.id - b.id,
  );
  return { total: hits.length, items: hits.slice(0, opts.limit ?? 20) };
}
