import { analyze } from './text/french.js';

/**
 * The text stored in `search_text` columns: the distinct French stems of the given texts, space
 * separated (with a space at both ends). The full-text triggers copy it into the `terms` column of
 * `resources_fts`, `places_fts` and `people_fts` (migrations/0016_fts.sql).
 */
export function searchText(parts: (string | string[] | null | undefined)[]): string {
  const stems = new Set<string>();
  for (const p of parts) {
    if (!p) continue;
    for (const t of analyze(Array.isArray(p) ? p.join(' ') : p)) stems.add(t.stem);
  }
  return stems.size ? ` ${[...stems].join(' ')} ` : '';
}

/** The stems of a user query (stop words dropped; a query made only of stop words keeps them). */
export function queryStems(q: string | undefined): string[] {
  if (!q || !q.trim()) return [];
  let terms = analyze(q);
  if (!terms.length) terms = analyze(q, true);
  return [...new Set(terms.map((t) => t.stem))].filter(Boolean);
}
