import { describe, expect, it } from 'vitest';
import { FullTextIndex, findSnippet, firstMatch, withinOneEdit } from '../../registry/text/search-index.js';
import { stemVariants, termsOfWord, tokenize } from '../../registry/text/french.js';

const FIELDS = [
  { name: 'title', boost: 4 },
  { name: 'body', boost: 1 },
];

const WORDS = `jardin jardins potager légumes récolte atelier ateliers vélo vélos réparation réparer café associatif
  association associations bénévole bénévoles gouvernance partagée décision décisions consentement assemblée
  générale statuts coopérative numérique imprimante découpeuse laser compost quartier habitants fête marché
  l'association d'accueil qu'il le la les de des et pour avec`.split(/\s+/);

function randomText(rand: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
}

function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

describe('French analysis additions', () => {
  it('splits elisions in one pass and keeps other apostrophes as separators', () => {
    expect(tokenize("L’Atelier d'écriture qu'il jusqu'à")).toEqual(['atelier', 'écriture', 'il', 'à']);
    expect(tokenize("aujourd'hui rock'n'roll")).toEqual(['aujourd', 'hui', 'rock', 'roll']);
    expect(tokenize("'cité' entre guillemets")).toEqual(['cité', 'entre', 'guillemets']);
  });

  it('stems a word as written and without its accents', () => {
    expect(stemVariants('activités')).toEqual(expect.arrayContaining(stemVariants('activites')));
    expect(stemVariants('reunion')).toEqual(stemVariants('réunion'));
    expect(termsOfWord('les')).toEqual([]);
    expect(termsOfWord('bénévoles')).toEqual(stemVariants('bénévoles'));
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or swap, and nothing more', () => {
    expect(withinOneEdit('jardin', 'jardin')).toBe(true);
    expect(withinOneEdit('jardin', 'jardn')).toBe(true);
    expect(withinOneEdit('jardn', 'jardin')).toBe(true);
    expect(withinOneEdit('jardin', 'jardon')).toBe(true);
    expect(withinOneEdit('jardin', 'jadrin')).toBe(true);
    expect(withinOneEdit('jardin', 'jrdn')).toBe(false);
    expect(withinOneEdit('jardin', 'ajrdni')).toBe(false);
    expect(withinOneEdit('abc', 'abcde')).toBe(false);
  });
});

describe('FullTextIndex', () => {
  it('after any sequence of adds, replacements and removals, ranks exactly like an index built from scratch', () => {
    const rand = prng(7);
    const live = new FullTextIndex({ fields: FIELDS });
    const docs = new Map<string, { title: string; body: string }>();
    for (let step = 0; step < 400; step++) {
      const ref = `p${Math.floor(rand() * 60)}`;
      if (rand() < 0.2) {
        live.remove(ref);
        docs.delete(ref);
      } else {
        const doc = { title: randomText(rand, 1 + Math.floor(rand() * 3)), body: randomText(rand, Math.floor(rand() * 40)) };
        live.set(ref, doc);
        docs.set(ref, doc);
      }
    }
    const fresh = new FullTextIndex({ fields: FIELDS });
    for (const [ref, doc] of docs) fresh.set(ref, doc);
    expect(live.size).toBe(docs.size);
    expect(live.vocabularySize).toBe(fresh.vocabularySize);
    for (const q of ['jardin', 'vélos réparation', 'bénévole assemblée', 'répar', 'consentment', 'associ', 'le', 'statuts coop']) {
      const a = live.search(q, { limit: 100 });
      const b = fresh.search(q, { limit: 100 });
      expect(a.total, q).toBe(b.total);
      expect(
        a.hits.map((h) => [h.ref, h.score.toFixed(9)]),
        q,
      ).toEqual(b.hits.map((h) => [h.ref, h.score.toFixed(9)]));
    }
  });

  it('forgets removed documents and their terms', () => {
    const index = new FullTextIndex({ fields: FIELDS });
    index.set('a', { title: 'Compost', body: 'lombricomposteur' });
    index.set('b', { title: 'Vélo', body: 'atelier' });
    expect(index.search('lombricomposteur').hits.map((h) => h.ref)).toEqual(['a']);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.search('lombricomposteur').total).toBe(0);
    expect(index.search('lombric').total).toBe(0);
    expect(index.size).toBe(1);
    index.set('c', { title: 'Compost', body: 'lombricomposteur' });
    expect(index.search('lombricomposteur').hits.map((h) => h.ref)).toEqual(['c']);
  });

  it('reports the matched terms by field', () => {
    const index = new FullTextIndex({ fields: FIELDS });
    index.set('a', { title: 'Jardin partagé', body: 'Le potager du quartier.' });
    const [hit] = index.search('jardin potager').hits;
    expect([...hit.fieldTerms.title]).toEqual(stemVariants('jardin'));
    expect([...hit.fieldTerms.body]).toEqual(stemVariants('potager'));
    expect(hit.terms.size).toBe(2);
  });

  it('keeps prefixes working across a bulk load followed by single edits', () => {
    const index = new FullTextIndex({ fields: FIELDS });
    for (let i = 0; i < 600; i++) index.set(`d${i}`, { title: `mot${i}`, body: `terme${i}x` });
    expect(index.search('terme12').total).toBeGreaterThan(1); // terme12x, terme120x…
    index.set('new', { title: 'zygomatique', body: '' });
    expect(index.search('zygo').hits.map((h) => h.ref)).toEqual(['new']);
    index.remove('new');
    expect(index.search('zygo').total).toBe(0);
  });
});

describe('findSnippet', () => {
  const terms = new Set(stemVariants('compostage'));
  it('returns short text whole and long text around the first match, cut on words', () => {
    expect(findSnippet('Le  compostage\ncollectif.', terms)).toBe('Le compostage collectif.');
    const text = `${'Intro sans rapport. '.repeat(30)}Ici le compostage collectif. ${'Suite. '.repeat(60)}`;
    const s = findSnippet(text, terms, 120);
    expect(s).toMatch(/^….*compostage collectif.*…$/);
    expect(s.length).toBeLessThanOrEqual(122);
    expect(s).not.toMatch(/…\S*[a-z]Intro/);
  });

  it('starts at the beginning when nothing matches', () => {
    const text = `Début du texte. ${'Suite. '.repeat(60)}`;
    expect(findSnippet(text, new Set(), 50)).toMatch(/^Début du texte\..*…$/);
    expect(firstMatch(text, terms)).toBe(-1);
  });
});
