import { describe, expect, it } from 'vitest';
import { highlightParts } from '../../client/highlight.js';

const marked = (snippet: string, q: string) =>
  highlightParts(snippet, q)
    .filter((p) => p.hit)
    .map((p) => p.text);

describe('search snippet highlighting', () => {
  it('marks words regardless of accents, case and plural', () => {
    expect(marked('La gouvernance partagée des Coopératives', 'cooperative gouvernances')).toEqual([
      'gouvernance',
      'Coopératives',
    ]);
  });

  it('marks the word after an elision but not the stop words of the query', () => {
    expect(marked("Le rôle de l'association dans le lieu", "l'association de")).toEqual([
      'association',
    ]);
  });

  it('keeps the whole snippet, in order, when nothing matches', () => {
    const parts = highlightParts('Rien à voir ici.', 'fablab');
    expect(parts.map((p) => p.text).join('')).toBe('Rien à voir ici.');
    expect(parts.some((p) => p.hit)).toBe(false);
  });
});
