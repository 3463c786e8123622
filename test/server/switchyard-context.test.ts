import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { importBundle, type Bundle } from '../../registry/bundle.js';

/*
 * Thin records through the API (issue 13): a record with nothing but its name, summary, themes,
 * kind and licence borrows from what surrounds it, in a separate, lower-weighted context: the
 * wiki passages that name it. Context reorders the records the problem's words matched; alone it
 * proposes nothing.
 */

// Two thin records saying exactly the same thing; only a wiki page tells them apart.
const BUNDLE: Bundle = {
  format: 'commons-bundle/1',
  resources: [
    {
      slug: 'tableau-a',
      name: 'Tablette Ouverte',
      kind: 'software',
      summary: 'Logiciel libre de planning partagé pour un lieu.',
      themes: ['gestion'],
      license: 'AGPL-3.0',
    },
    {
      slug: 'tableau-b',
      name: 'Grille Commune',
      kind: 'software',
      summary: 'Logiciel libre de planning partagé pour un lieu.',
      themes: ['gestion'],
      license: 'AGPL-3.0',
    },
  ],
  places: [],
  people: [],
  usages: [],
  referents: [],
};

async function app(withPage: boolean) {
  const t = await testApp();
  importBundle(t.db, BUNDLE);
  if (withPage) {
    t.db
      .prepare(`INSERT INTO pages (slug, title, markdown) VALUES (@slug, @title, @markdown)`)
      .run({
        slug: 'retours-permanences',
        title: 'Retours de permanences',
        markdown:
          'Au fablab, la Grille Commune sert aux créneaux des bénévoles et aux astreintes du week-end.',
      });
  }
  return t;
}

const ask = async (t: Awaited<ReturnType<typeof testApp>>, problem: string) => {
  const res = await t.request('POST', '/api/switchyard', { body: { problem } });
  expect(res.status, res.text).toBe(200);
  return (res.json as { resources: { slug: string }[] }).resources.map((r) => r.slug);
};

describe('POST /api/switchyard: a thin record borrows from its context', () => {
  it('a wiki page naming a thin record brings it first for the words the page says of it', async () => {
    const problem = 'un planning pour les astreintes des bénévoles';
    const before = await ask(await app(false), problem);
    expect(before[0]).toBe('tableau-a');
    const after = await ask(await app(true), problem);
    expect(after[0]).toBe('tableau-b');
    expect(after).toContain('tableau-a');
  });

  it('context alone proposes nothing: words only the page holds find no record', async () => {
    const slugs = await ask(await app(true), 'astreintes du week-end');
    expect(slugs).toEqual([]);
  });
});

describe('POST /api/switchyard: wiki mentions are whole names', () => {
  it('a page where the name is only part of a longer word lends nothing', async () => {
    const t = await testApp();
    importBundle(t.db, BUNDLE);
    t.db
      .prepare(`INSERT INTO pages (slug, title, markdown) VALUES (@slug, @title, @markdown)`)
      .run({
        slug: 'grilles',
        title: 'Grilles',
        markdown: 'Les Grille Communes-sur-Mer gèrent les astreintes des bénévoles.',
      });
    const slugs = await ask(t, 'un planning pour les astreintes des bénévoles');
    expect(slugs[0]).toBe('tableau-a');
  });
});
