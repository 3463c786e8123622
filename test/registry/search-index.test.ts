import { describe, expect, it } from 'vitest';
import { findSnippet, firstMatch, withinOneEdit } from '../../registry/text/snippets.js';
import { stemVariants, termsOfWord, tokenize } from '../../registry/text/french.js';
import { rebuildSearchIndexes } from '../../registry/text/fts.js';
import { openDatabase, type Database } from '../../server/db/open.js';
import { WikiSearch } from '../../registry/wiki/search.js';

const WORDS =
  `jardin jardins potager légumes récolte atelier ateliers vélo vélos réparation réparer café associatif
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
    expect(tokenize("L’Atelier d'écriture qu'il jusqu'à")).toEqual([
      'atelier',
      'écriture',
      'il',
      'à',
    ]);
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

describe('wiki_fts (FTS5 table kept by triggers)', () => {
  const open = () => {
    const db = openDatabase(':memory:');
    return { db, search: new WikiSearch(db) };
  };
  const put = (db: Database, slug: string, doc: { title: string; body: string }) =>
    db
      .prepare(
        `INSERT INTO pages (slug, title, markdown, revision) VALUES (@slug, @title, @body, 1)
      ON CONFLICT (slug) DO UPDATE SET title = excluded.title, markdown = excluded.markdown, revision = revision + 1`,
      )
      .run({ slug, ...doc });
  const drop = (db: Database, slug: string) =>
    db.prepare(`DELETE FROM pages WHERE slug = ?`).run(slug);
  const ranked = (search: WikiSearch, q: string) => {
    const a = search.search(q, 100);
    return { total: a.total, hits: a.results.map((r) => [r.slug, r.score]) };
  };

  it('after any sequence of adds, replacements and removals, ranks exactly like a table built from scratch', () => {
    const rand = prng(7);
    const live = open();
    const docs = new Map<string, { title: string; body: string }>();
    for (let step = 0; step < 400; step++) {
      const ref = `p${Math.floor(rand() * 60)}`;
      if (rand() < 0.2) {
        drop(live.db, ref);
        docs.delete(ref);
      } else {
        const doc = {
          title: randomText(rand, 1 + Math.floor(rand() * 3)),
          body: randomText(rand, Math.floor(rand() * 40)),
        };
        put(live.db, ref, doc);
        docs.set(ref, doc);
      }
    }
    const fresh = open();
    for (const [ref, doc] of docs) put(fresh.db, ref, doc);
    expect(live.search.size).toBe(docs.size);
    expect(live.search.vocabulary()).toEqual(fresh.search.vocabulary());
    for (const q of [
      'jardin',
      'vélos réparation',
      'bénévole assemblée',
      'répar',
      'consentment',
      'associ',
      'le',
      'statuts coop',
    ]) {
      const a = ranked(live.search, q);
      const b = ranked(fresh.search, q);
      expect(a.total, q).toBe(b.total);
      expect(a.total, q).toBeGreaterThan(0);
      expect(a.hits, q).toEqual(b.hits);
    }
    // The reindex command rebuilds the same table.
    const before = ranked(live.search, 'vélos réparation');
    expect(rebuildSearchIndexes(live.db).pages).toBe(docs.size);
    expect(ranked(live.search, 'vélos réparation')).toEqual(before);
  });

  it('forgets removed documents and their terms', () => {
    const { db, search } = open();
    put(db, 'a', { title: 'Compost', body: 'lombricomposteur' });
    put(db, 'b', { title: 'Vélo', body: 'atelier' });
    expect(search.search('lombricomposteur').results.map((h) => h.slug)).toEqual(['a']);
    drop(db, 'a');
    expect(search.search('lombricomposteur').total).toBe(0);
    expect(search.search('lombric').total).toBe(0);
    expect(search.size).toBe(1);
    put(db, 'c', { title: 'Compost', body: 'lombricomposteur' });
    expect(search.search('lombricomposteur').results.map((h) => h.slug)).toEqual(['c']);
  });

  it('stores the analysed text: stems, both accent variants, no stop words', () => {
    const { db } = open();
    put(db, 'a', { title: "L'Atelier des activités", body: 'Le **potager** du [[Quartier]].' });
    expect(db.prepare(`SELECT title, body FROM wiki_fts`).get()).toEqual({
      title: [...stemVariants('atelier'), ...stemVariants('activités')].join(' '),
      body: [...stemVariants('potager'), ...stemVariants('quartier')].join(' '),
    });
  });

  it('keeps prefixes working across a bulk load followed by single edits', () => {
    const { db, search } = open();
    db.transaction(() => {
      for (let i = 0; i < 600; i++) put(db, `d${i}`, { title: `mot${i}`, body: `terme${i}x` });
    })();
    expect(search.search('terme12').total).toBeGreaterThan(1); // terme12x, terme120x…
    put(db, 'new', { title: 'zygomatique', body: '' });
    expect(search.search('zygo').results.map((h) => h.slug)).toEqual(['new']);
    drop(db, 'new');
    expect(search.search('zygo').total).toBe(0);
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
