import { analyze, foldAccents } from './text/french.js';

/**
 * The text stored in `search_text` columns: the distinct French stems of the given texts, space
 * separated, with a space at both ends so that `LIKE '% stem%'` matches a whole-stem prefix.
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

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Accent-folded lowercase text for plain substring matching of names. */
export const foldedName = (s: string) => foldAccents(s);
