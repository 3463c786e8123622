import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

// PUT /api/places/:slug and PUT /api/resources/:slug make the same checks in the same order:
// role, the URL's slug, the body's slug, the record exists; then merge and answer the detail.
const KINDS = [
  {
    kind: 'places',
    record: { slug: 'la-grange', name: 'La Grange aux Savoirs', city: 'Roubaix' },
    change: { name: 'Le Moulin' },
  },
  {
    kind: 'resources',
    record: {
      slug: 'paheko',
      name: 'Paheko',
      kind: 'software',
      summary: 'Gestion d’association : membres, comptabilité, cotisations.',
      themes: ['gestion'],
    },
    change: { name: 'Paheko 1.3' },
  },
] as const;

describe.each(KINDS)('PUT /api/$kind/:slug', ({ kind, record, change }) => {
  // Bodies are valid records (the body is validated before the handler runs).
  const { slug, ...fields } = record;
  it('checks the role, then the slugs, then that the record exists, and merges the fields sent', async () => {
    const t = await testApp();
    const created = await t.request('POST', `/api/${kind}`, { as: 'contributor', body: record });
    expect(created.status, created.text).toBe(201);
    const put = (at: string, body: object, as?: 'reader' | 'contributor') =>
      t.request('PUT', `/api/${kind}/${at}`, { as, body });

    // The role comes first: even an unknown record with a wrong body slug is a 401 / 403.
    expect((await put('inconnu', { ...fields, slug: 'autre' })).status).toBe(401);
    expect((await put('inconnu', { ...fields, slug: 'autre' }, 'reader')).status).toBe(403);
    // Then the URL's slug, then the body's (before the record is looked up).
    const badUrl = await put('Pas_Un_Slug', { ...fields, slug: 'autre' }, 'contributor');
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.error.field).toBe('slug');
    const moved = await put('inconnu', { ...fields, slug: 'autre' }, 'contributor');
    expect(moved.status).toBe(400);
    expect(moved.json.error.field).toBe('slug');
    expect(moved.json.error.message).toContain('does not match the URL');
    // An unknown record is a 404, and nothing is created.
    expect((await put('inconnu', { ...fields, ...change }, 'contributor')).status).toBe(404);
    expect((await t.request('GET', `/api/${kind}/inconnu`)).status).toBe(404);

    // The body may repeat the URL's slug or leave it out.
    const same = await put(slug, { ...fields, ...change, slug }, 'contributor');
    expect(same.status, same.text).toBe(200);
    expect(same.json).toMatchObject({ slug: slug, name: change.name });
    const without = await put(slug, { ...fields, ...change }, 'contributor');
    expect(without.status, without.text).toBe(200);
    expect(without.json).toMatchObject({ slug: slug, name: change.name });
    const shown = await t.request('GET', `/api/${kind}/${slug}`);
    expect(shown.json).toMatchObject({ name: change.name });
  });
});
