import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const put = (title: string, markdown: string) => ({ title, markdown });

describe('PATCH /api/pages/:slug/properties', () => {
  it('changes title, kind, categories and référent in one revision, keeping the markdown', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: { ...put('Page', 'Texte [[Autre]].\n'), categories: ['Ancienne'] },
    });
    const me = (await t.request('GET', '/api/auth/me', { as: 'contributor' })).json;
    const meId = me.user?.id ?? me.id;
    const r = await t.request('PATCH', '/api/pages/p/properties', {
      as: 'contributor',
      body: {
        title: 'Nouveau titre',
        kind: 'guide',
        categories: ['Jardinage', 'Écologie'],
        referentId: meId,
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      title: 'Nouveau titre',
      kind: 'guide',
      revision: 2,
      markdown: 'Texte [[Autre]].\n',
    });
    expect(r.json.categories).toEqual(['Jardinage', 'Écologie'].sort());
    expect(r.json.referent).toMatchObject({ id: meId });
    const history = (await t.request('GET', '/api/pages/p/revisions')).json.revisions;
    expect(history[0]).toMatchObject({
      number: 2,
      title: 'Nouveau titre',
      summary: 'Propriétés : titre, type, catégories, référent·e',
    });
    // The links of the markdown are kept.
    expect(
      (await t.request('GET', '/api/wiki/wanted')).json.pages.map((p: { slug: string }) => p.slug),
    ).toContain('autre');

    // Only the given fields change; a custom summary is kept; the référent can be cleared.
    const r2 = await t.request('PATCH', '/api/pages/p/properties', {
      as: 'contributor',
      body: { referentId: null, summary: 'Plus de référent' },
    });
    expect(r2.json).toMatchObject({
      title: 'Nouveau titre',
      kind: 'guide',
      referent: null,
      revision: 3,
    });
    expect((await t.request('GET', '/api/pages/p/revisions')).json.revisions[0].summary).toBe(
      'Plus de référent',
    );

    // Nothing changed: no revision.
    const same = await t.request('PATCH', '/api/pages/p/properties', {
      as: 'contributor',
      body: { kind: 'guide' },
    });
    expect(same.status).toBe(200);
    expect(same.json.revision).toBe(3);
  });

  it('names the bad field, refuses readers and anonymous users, and answers 404 for a missing page', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/p', { as: 'contributor', body: put('Page', 'x') });
    const bad = async (body: unknown) =>
      (await t.request('PATCH', '/api/pages/p/properties', { as: 'contributor', body })).json.error;
    expect(await bad({ title: '  ' })).toMatchObject({ field: 'title' });
    expect(await bad({ title: 'a\nb' })).toMatchObject({ field: 'title' });
    expect(await bad({ categories: 'x' })).toMatchObject({ field: 'categories' });
    expect(await bad({ referentId: 'moi' })).toMatchObject({ field: 'referentId' });
    expect(await bad({ referentId: 9999 })).toMatchObject({ field: 'referentId' });
    expect(await bad({})).toMatchObject({ code: 'validation_failed', field: 'title' });
    expect(
      (await t.request('PATCH', '/api/pages/p/properties', { body: { title: 'T' } })).status,
    ).toBe(401);
    expect(
      (await t.request('PATCH', '/api/pages/p/properties', { as: 'reader', body: { title: 'T' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await t.request('PATCH', '/api/pages/absente/properties', {
          as: 'contributor',
          body: { title: 'T' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('PATCH', '/api/pages/Bad_Slug/properties', {
          as: 'contributor',
          body: { title: 'T' },
        })
      ).json.error.field,
    ).toBe('slug');
    expect((await t.request('GET', '/api/pages/p')).json).toMatchObject({
      title: 'Page',
      revision: 1,
    });
  });
});
