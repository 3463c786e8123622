/** Lowercase without accents, to compare words the way the search index does. */
const fold = (s: string) =>
  s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Short words not worth marking (the index ignores them too). */
const STOP = new Set([
  'le',
  'la',
  'les',
  'de',
  'des',
  'du',
  'un',
  'une',
  'et',
  'en',
  'au',
  'aux',
  'ou',
  'pour',
  'par',
  'sur',
  'dans',
  'the',
  'of',
  'and',
  'to',
  'in',
]);

/** The query's words, cut to a rough stem so that "associations" also marks "association". */
function queryStems(q: string): string[] {
  return fold(q)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !STOP.has(w))
    .map((w) => (w.length > 5 ? w.slice(0, w.length - 2) : w));
}

/** A part of a snippet: plain text, or a word that matches the query. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Splits a search snippet into plain and matched parts for highlighting: a word matches when
 * its accent-folded form starts with one of the query's stems ("Gouvernance" for "gouvernances",
 * "coopérative" for "cooperatives"). Adjacent parts of the same kind are merged.
 */
export function highlightParts(snippet: string, query: string): SnippetPart[] {
  const stems = queryStems(query);
  if (!stems.length) return snippet ? [{ text: snippet, hit: false }] : [];
  const parts: SnippetPart[] = [];
  for (const token of snippet.split(/([\p{L}\p{N}]+)/u)) {
    if (!token) continue;
    const f = fold(token);
    const isWord = /[\p{L}\p{N}]/u.test(token);
    const hit = isWord && !STOP.has(f) && stems.some((s) => f.startsWith(s));
    const last = parts.at(-1);
    if (last && last.hit === hit) last.text += token;
    else parts.push({ text: token, hit });
  }
  return parts;
}
