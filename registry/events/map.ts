import type { Database } from 'better-sqlite3';
import { placePoints, type PlaceQuery } from '../directory.js';
import { filtersEvents, placesWithEvents, type EventQuery } from './query.js';

/** A map point: [lat, lon, slug, name], plus the count of matching events when events are filtered. */
export type MapPoint = [number, number, string, string] | [number, number, string, string, number];

/**
 * The places map: every matching place, or, when the query filters events (dates, type,
 * campaign, "ouvert maintenant"), the places with matching events, each with their count.
 * @throws RegistryError 400 naming a bad event filter.
 */
export function mapPoints(
  db: Database,
  q: Pick<PlaceQuery, 'region' | 'family'> & EventQuery,
  now = new Date(),
): MapPoint[] {
  const points = placePoints(db, q);
  if (!filtersEvents(q)) return points;
  const counts = placesWithEvents(db, q, now);
  const out: MapPoint[] = [];
  for (const p of points) {
    const n = counts.get(p[2]);
    if (n !== undefined) out.push([p[0], p[1], p[2], p[3], n]);
  }
  return out;
}
