import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { importBundle } from '../../registry/bundle.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';

/** The header's search over pages, communs, places and people, grouped by kind. */
describe('GET /api/search/all', () => {
  it('finds a place, a person, a commun and pages by kind, and never a hidden person nor an address', async () => {
    const t = await testApp();
    importBundle(t.db, fixtureRegistry().bundle);
    expect((await t.request('POST', '/api/people', { as: 'contributor', body: { slug: 'nadia', name: 'Nadia Beffroi', contactable: true, email: 'nadia@example.org' } })).status).toBe(201);
    expect((await t.request('PUT', '/api/pages/visite-du-nord', { as: 'contributor', body: { title: 'Visite du Nord', markdown: 'Une visite au Lieu du Nord.' } })).status).toBe(201);

    const nord = await t.request('GET', '/api/search/all?q=Nord');
    expect(nord.status).toBe(200);
    expect(nord.json.places.items.map((p: { slug: string }) => p.slug)).toContain('lieu-nord');
    expect(nord.json.pages.items.map((p: { slug: string }) => p.slug)).toEqual(['visite-du-nord']);

    const nadia = await t.request('GET', '/api/search/all?q=nadia');
    expect(nadia.json.people).toEqual({ total: 1, items: [{ slug: 'nadia', name: 'Nadia Beffroi', place: null, region: null }] });
    expect(nadia.text).not.toContain('@example.org');
    expect(nadia.json.pages.total).toBe(0);

    const commun = await t.request('GET', '/api/search/all?q=gestasso');
    expect(commun.json.communs.items[0]).toMatchObject({ slug: 'gestasso', name: 'Gestasso', kind: 'software' });

    // Carole is neither contactable nor public: not found.
    expect((await t.request('GET', '/api/search/all?q=Carole')).json.people.total).toBe(0);
    expect((await t.request('GET', '/api/search/all?q=')).json.places.total).toBe(0);
    const bad = await t.request('GET', '/api/search/all?q=x&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('limit');
    t.services.close?.();
  });
});
