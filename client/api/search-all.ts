/** The header's search over everything (GET /api/search/all). */
import { api } from './http.js';
import type { SearchResult } from './wiki.js';

/** One kind's results: how many in all, and the first ones. */
export interface SearchGroup<T> {
  total: number;
  items: T[];
}

/** Results grouped by kind. */
export interface SearchEverything {
  q: string;
  pages: SearchGroup<SearchResult>;
  communs: SearchGroup<{ slug: string; name: string; kind: string; summary: string }>;
  places: SearchGroup<{ slug: string; name: string; city: string | null; region: string | null }>;
  people: SearchGroup<{ slug: string; name: string; place: { slug: string; name: string } | null; region: string | null }>;
  events: SearchGroup<EventHit>;
}

/** An event found by the header search: what, where, when (its next slot, or its last one when over). */
export interface EventHit {
  id: number;
  title: string;
  type: string;
  place: { slug: string; name: string; city: string | null };
  campaign: { slug: string; title: string } | null;
  startsAt: string;
  endsAt: string;
  upcoming: boolean;
}

/** Searches pages, communs, places, people and events at once (`limit` per kind). */
export const searchEverything = (q: string, limit = 20) =>
  api<SearchEverything>('GET', `/api/search/all?${new URLSearchParams({ q, limit: String(limit) })}`);
