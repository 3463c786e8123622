/** The header's search over everything (GET /api/search/all). */
import { api } from './http.js';
import type { EventHit, SearchEverything, SearchGroup } from '../../server/contracts/search.js';

// The answer's types are the server's contract (server/contracts/search.ts), not re-declared.
export type { EventHit, SearchEverything, SearchGroup };

/** Searches pages, communs, places, people and events at once (`limit` per kind). */
export const searchEverything = (q: string, limit = 20) =>
  api<SearchEverything>(
    'GET',
    `/api/search/all?${new URLSearchParams({ q, limit: String(limit) })}`,
  );
