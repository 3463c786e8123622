import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { getPageFields, pageIdOf, setPageFields } from '../../registry/wiki/fields.js';

const PLACE_FIELDS = [
  { name: 'ville', label: { fr: 'Ville', en: 'Town' }, type: 'text' },
  { name: 'code_postal', label: { fr: 'Code postal', en: 'Postcode' }, type: 'text' },
  { name: 'surface', label: { fr: 'Surface (m²)', en: 'Area (m²)' }, type: 'number' },
  { name: 'ouverture', label: { fr: 'Ouverture', en: 'Opening' }, type: 'date' },
  { name: 'activites', label: { fr: 'Activités', en: 'Activities' }, type: 'list' },
  { name: 'fiche', label: { fr: 'Fiche du registre', en: 'Registry sheet' }, type: 'place' },
];

async function placeWiki() {
  const t = await testApp();
  const defs = await t.request('PUT', '/api/page-fields/lieu', {
    as: 'admin',
    body: { fields: PLACE_FIELDS },
  });
  expect(defs.status).toBe(200);
  const page = (slug: string, title: string, kind = 'place') =>
    t.request('PUT', `/api/pages/${slug}`, {
      as: 'contributor',
      body: { title, markdown: `# ${title}\n\nUn lieu.\n`, kind },
    });
  await page('la-halle', 'La Halle');
  await page('le-garage', 'Le Garage');
  await page('la-ruche', 'La Ruche');
  await page('guide', 'Guide du lieu', 'guide');
  return t;
}

describe('structured fields of pages', () => {
  it('lets admins declare fields per kind ("lieu" is the place kind), in order, with both labels', async () => {
    const t = await placeWiki();
    const all = (await t.request('GET', '/api/page-fields')).json.fields;
    expect(all.map((f: { name: string }) => f.name)).toEqual(PLACE_FIELDS.map((f) => f.name));
    expect(all[0]).toEqual({
      kind: 'place',
      name: 'ville',
      label: { fr: 'Ville', en: 'Town' },
      type: 'text',
      position: 0,
    });

    // Only admins declare; bad declarations name their field.
    expect(
      (
        await t.request('PUT', '/api/page-fields/place', {
          as: 'facilitator',
          body: { fields: [] },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('PUT', '/api/page-fields/place', { body: { fields: [] } })).status,
    ).toBe(401);
    const bad = async (fields: unknown) =>
      (await t.request('PUT', '/api/page-fields/place', { as: 'admin', body: { fields } })).json
        .error;
    expect(await bad([{ name: 'Ville', label: { fr: 'V', en: 'T' }, type: 'text' }])).toMatchObject(
      { field: 'fields.0.name' },
    );
    expect(await bad([{ name: 'kind', label: { fr: 'V', en: 'T' }, type: 'text' }])).toMatchObject({
      field: 'fields.0.name',
    });
    expect(
      await bad([
        { name: 'a', label: { fr: 'V', en: 'T' }, type: 'text' },
        { name: 'a', label: { fr: 'V', en: 'T' }, type: 'text' },
      ]),
    ).toMatchObject({
      field: 'fields.1.name',
    });
    expect(await bad([{ name: 'a', label: { fr: 'V', en: 'T' }, type: 'colour' }])).toMatchObject({
      field: 'fields.0.type',
    });
    expect(await bad([{ name: 'a', label: { fr: '', en: 'T' }, type: 'text' }])).toMatchObject({
      field: 'fields.0.label.fr',
    });
    // A refused declaration changed nothing.
    expect((await t.request('GET', '/api/page-fields')).json.fields).toHaveLength(
      PLACE_FIELDS.length,
    );
  });

  it('stores typed values (French numbers and dates accepted), shows them as an infobox, and names bad values', async () => {
    const t = await placeWiki();
    await t.request('POST', '/api/places', {
      as: 'contributor',
      body: { slug: 'la-halle-lille', name: 'La Halle', city: 'Lille', postcode: '59000' },
    });
    const r = await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: {
        fields: {
          ville: 'Lille',
          code_postal: '59000',
          surface: '1 200,5',
          ouverture: '03/09/2019',
          activites: 'fablab, café; jardin',
          fiche: 'la-halle-lille',
        },
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('place');
    expect(r.json.fields.map((f: { name: string; value: unknown }) => [f.name, f.value])).toEqual([
      ['ville', 'Lille'],
      ['code_postal', '59000'],
      ['surface', 1200.5],
      ['ouverture', '2019-09-03'],
      ['activites', ['fablab', 'café', 'jardin']],
      ['fiche', 'la-halle-lille'],
    ]);
    expect(r.json.fields[5].link).toEqual({
      slug: 'la-halle-lille',
      name: 'La Halle',
      href: '/lieux/la-halle-lille',
    });
    expect((await t.request('GET', '/api/pages/la-halle/fields')).json).toEqual({
      kind: r.json.kind,
      fields: r.json.fields,
    });

    const bad = async (fields: unknown) =>
      (
        await t.request('PUT', '/api/pages/la-halle/fields', {
          as: 'contributor',
          body: { fields },
        })
      ).json.error;
    expect(await bad({ surface: 'grand' })).toMatchObject({
      code: 'validation_failed',
      field: 'fields.surface',
    });
    expect(await bad({ ouverture: '31/02/2020' })).toMatchObject({ field: 'fields.ouverture' });
    expect(await bad({ fiche: 'nulle-part' })).toMatchObject({ field: 'fields.fiche' });
    expect(await bad({ couleur: 'bleu' })).toMatchObject({ field: 'fields.couleur' });
    expect(await bad({ ville: { nom: 'Lille' } })).toMatchObject({ field: 'fields.ville' });
    // One bad value and nothing of the request is written.
    expect(await bad({ ville: 'Roubaix', surface: 'grand' })).toMatchObject({
      field: 'fields.surface',
    });
    expect((await t.request('GET', '/api/pages/la-halle/fields')).json.fields[0].value).toBe(
      'Lille',
    );

    // Clearing with null; `replace` clears what is not sent.
    await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { fiche: null } },
    });
    expect((await t.request('GET', '/api/pages/la-halle/fields')).json.fields).toHaveLength(5);
    await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { ville: 'Lille' }, replace: true },
    });
    expect(
      (await t.request('GET', '/api/pages/la-halle/fields')).json.fields.map(
        (f: { name: string }) => f.name,
      ),
    ).toEqual(['ville']);

    expect(
      (await t.request('PUT', '/api/pages/la-halle/fields', { as: 'reader', body: { fields: {} } }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request('PUT', '/api/pages/absente/fields', {
          as: 'contributor',
          body: { fields: {} },
        })
      ).status,
    ).toBe(404);
  });

  it('writes a revision when field values change, listed in the history and recent changes with author and time', async () => {
    const t = await placeWiki();
    const before = (await t.request('GET', '/api/pages/la-halle')).json;
    const r = await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { ville: 'Lille', code_postal: '59000' } },
    });
    expect(r.status).toBe(200);
    // The answer names the revision written, so an open form can base its next save on it.
    expect(r.json).toMatchObject({
      revision: before.revision + 1,
      fieldsRevision: before.revision + 1,
    });
    const history = (await t.request('GET', '/api/pages/la-halle/revisions')).json.revisions;
    expect(history[0]).toMatchObject({
      number: before.revision + 1,
      summary: 'Propriétés : ville, code postal',
    });
    expect(history[0].author).toMatchObject({ name: 'Test contributor' });
    expect(history[0].authors).toEqual([expect.objectContaining({ name: 'Test contributor' })]);
    expect(Date.parse(history[0].createdAt)).not.toBeNaN();
    const page = (await t.request('GET', '/api/pages/la-halle')).json;
    expect(page.revision).toBe(before.revision + 1);
    expect(page.markdown).toBe(before.markdown);
    const recent = (await t.request('GET', '/api/recent-changes')).json;
    const entry = JSON.stringify(recent.changes ?? recent);
    expect(entry).toContain('Propriétés : ville, code postal');

    // The same values again: no revision. A change of one field names that field only.
    const same = await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { ville: 'Lille' } },
    });
    expect(same.json.fieldsRevision).toBeNull();
    expect((await t.request('GET', '/api/pages/la-halle')).json.revision).toBe(before.revision + 1);
    await t.request('PUT', '/api/pages/la-halle/fields', {
      as: 'contributor',
      body: { fields: { surface: '300' } },
    });
    const latest = (await t.request('GET', '/api/pages/la-halle/revisions')).json.revisions[0];
    expect(latest).toMatchObject({
      number: before.revision + 2,
      summary: 'Propriétés : surface (m²)',
    });
    // The diff of a fields revision shows the text unchanged.
    const diff = await t.request(
      'GET',
      `/api/pages/la-halle/diff?from=${before.revision + 1}&to=${before.revision + 2}`,
    );
    expect(diff.status).toBe(200);
    // A text save based on the revision before the fields change is a conflict (409), as for any revision.
    const stale = await t.request('PUT', '/api/pages/la-halle', {
      as: 'contributor',
      body: {
        title: 'La Halle',
        markdown: '# La Halle\n\nUn lieu ouvert.\n',
        baseRevision: before.revision,
      },
    });
    expect(stale.status).toBe(409);
    // A refused write writes no revision either.
    expect(
      (
        await t.request('PUT', '/api/pages/la-halle/fields', {
          as: 'contributor',
          body: { fields: { surface: 'grand' } },
        })
      ).status,
    ).toBe(400);
    expect((await t.request('GET', '/api/pages/la-halle')).json.revision).toBe(before.revision + 2);
  });

  it('filters the page list on kind and fields, accents and case ignored, list items included', async () => {
    const t = await placeWiki();
    const set = (slug: string, fields: Record<string, unknown>) =>
      t.request('PUT', `/api/pages/${slug}/fields`, { as: 'contributor', body: { fields } });
    await set('la-halle', { ville: 'Lille', activites: ['fablab', 'café'] });
    await set('le-garage', { ville: 'Lille', activites: ['garage solidaire'] });
    await set('la-ruche', { ville: 'Évreux', activites: ['café'] });

    const list = async (q: string) => (await t.request('GET', `/api/pages?${q}`)).json;
    const lille = await list('kind=lieu&ville=Lille');
    expect(lille.total).toBe(2);
    expect(lille.pages.map((p: { slug: string }) => p.slug)).toEqual(['la-halle', 'le-garage']);
    expect(lille.pages[0].fields).toEqual({ ville: 'Lille', activites: ['fablab', 'café'] });
    expect(
      (await list('kind=lieu&ville=evreux')).pages.map((p: { slug: string }) => p.slug),
    ).toEqual(['la-ruche']);
    expect(
      (await list('kind=place&activites=CAFE')).pages.map((p: { slug: string }) => p.slug),
    ).toEqual(['la-halle', 'la-ruche']);
    expect((await list('kind=lieu&ville=Lille&activites=cafe')).total).toBe(1);
    expect((await list('kind=lieu')).total).toBe(3);
    expect((await list('kind=guide')).pages.map((p: { slug: string }) => p.slug)).toEqual([
      'guide',
    ]);
    // Paging.
    expect(
      (await list('kind=lieu&limit=1&offset=1')).pages.map((p: { slug: string }) => p.slug),
    ).toEqual(['la-ruche']);
    // Without filters the list is the plain index.
    expect((await list('')).total).toBe(4);

    // A filter on an undeclared field is a 400 naming it, not an empty list.
    const bad = await t.request('GET', '/api/pages?kind=lieu&couleur=bleu');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('couleur');
    expect((await t.request('GET', '/api/pages?kind=guide&ville=Lille')).json.error.field).toBe(
      'ville',
    );
    expect((await t.request('GET', '/api/pages?Ville=Lille')).json.error.field).toBe('Ville');
  });

  it('makes field values searchable', async () => {
    const t = await placeWiki();
    await t.request('PUT', '/api/pages/le-garage/fields', {
      as: 'contributor',
      body: { fields: { ville: 'Dunkerque', activites: ['ressourcerie'] } },
    });
    const found = (await t.request('GET', '/api/search?q=dunkerque')).json.results.map(
      (r: { slug: string }) => r.slug,
    );
    expect(found).toEqual(['le-garage']);
    expect((await t.request('GET', '/api/search?q=ressourcerie')).json.results[0].slug).toBe(
      'le-garage',
    );
    // A later save of the body keeps the values in the index.
    await t.request('PUT', '/api/pages/le-garage', {
      as: 'contributor',
      body: { title: 'Le Garage', markdown: 'Nouveau texte.' },
    });
    expect(
      (await t.request('GET', '/api/search?q=dunkerque')).json.results.map(
        (r: { slug: string }) => r.slug,
      ),
    ).toEqual(['le-garage']);
    // Values replaced: the index follows (written once per save, migration 0020), old values are gone.
    const replaced = await t.request('PUT', '/api/pages/le-garage/fields', {
      as: 'contributor',
      body: { fields: { ville: 'Calais', activites: ['fablab', 'couture'] } },
    });
    expect(replaced.status, replaced.text).toBe(200);
    expect(
      (await t.request('GET', '/api/search?q=calais')).json.results.map(
        (r: { slug: string }) => r.slug,
      ),
    ).toEqual(['le-garage']);
    expect(
      (await t.request('GET', '/api/search?q=couture')).json.results.map(
        (r: { slug: string }) => r.slug,
      ),
    ).toEqual(['le-garage']);
    expect((await t.request('GET', '/api/search?q=dunkerque')).json.total).toBe(0);
    expect((await t.request('GET', '/api/search?q=ressourcerie')).json.total).toBe(0);
    expect(t.db.prepare(`SELECT count(*) FROM wiki_fts_field_batch`).pluck().get()).toBe(0);
    // A value written by another path (SQL, another tool) is indexed by the per-value triggers.
    t.db
      .prepare(
        `UPDATE page_field_values SET value = 'Boulogne' WHERE page_id = ? AND name = 'ville'`,
      )
      .run(pageIdOf(t.db, 'le-garage'));
    expect(
      (await t.request('GET', '/api/search?q=boulogne')).json.results.map(
        (r: { slug: string }) => r.slug,
      ),
    ).toEqual(['le-garage']);
    expect((await t.request('GET', '/api/search?q=calais')).json.total).toBe(0);
  });

  it('gives importers plain synchronous functions (setPageFields inside their own transaction)', async () => {
    const t = await placeWiki();
    const id = pageIdOf(t.db, 'la-ruche');
    // An infobox value that fails rolls the caller's whole transaction back.
    expect(() =>
      t.db.transaction(() => {
        setPageFields(t.db, id, { ville: 'Caen' });
        setPageFields(t.db, id, { surface: 'beaucoup' });
      })(),
    ).toThrow(/surface/);
    expect(getPageFields(t.db, id)).toEqual({});
    t.db.transaction(() => setPageFields(t.db, id, { ville: 'Caen', code_postal: 14000 }))();
    expect(getPageFields(t.db, id)).toEqual({ ville: 'Caen', code_postal: '14000' });
  });

  it('never names a hidden person in an infobox', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/page-fields/practice', {
      as: 'admin',
      body: {
        fields: [{ name: 'contact', label: { fr: 'Contact', en: 'Contact' }, type: 'person' }],
      },
    });
    await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: { title: 'P', markdown: 'x' },
    });
    const created = await t.request('POST', '/api/people', {
      as: 'facilitator',
      body: { slug: 'cachee', name: 'Personne Cachée', contactable: false, public: false },
    });
    expect(created.status).toBeLessThan(300);
    const r = await t.request('PUT', '/api/pages/p/fields', {
      as: 'contributor',
      body: { fields: { contact: 'cachee' } },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe('fields.contact');
    expect(r.text).not.toContain('Personne Cachée');
  });
});
