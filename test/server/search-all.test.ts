import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { importBundle } from '../../registry/bundle.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';

/** The header's search over pages, communs, places and people, grouped by kind. */
describe('GET /api/search/all', () => {
  it('finds a place, a person, a commun and pages by kind, and never a hidden person nor an address', async () => {
    const t = await testApp();
    importBundle(t.db, fixtureRegistry().bundle);
    expect(
      (
        await t.request('POST', '/api/people', {
          as: 'contributor',
          body: {
            slug: 'nadia',
            name: 'Nadia Beffroi',
            contactable: true,
            email: 'nadia@example.org',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('PUT', '/api/pages/visite-du-nord', {
          as: 'contributor',
          body: { title: 'Visite du Nord', markdown: 'Une visite au Lieu du Nord.' },
        })
      ).status,
    ).toBe(201);

    const nord = await t.request('GET', '/api/search/all?q=Nord');
    expect(nord.status).toBe(200);
    expect(nord.json.places.items.map((p: { slug: string }) => p.slug)).toContain('lieu-nord');
    expect(nord.json.pages.items.map((p: { slug: string }) => p.slug)).toEqual(['visite-du-nord']);

    const nadia = await t.request('GET', '/api/search/all?q=nadia');
    expect(nadia.json.people).toEqual({
      total: 1,
      items: [{ slug: 'nadia', name: 'Nadia Beffroi', place: null, region: null }],
    });
    expect(nadia.text).not.toContain('@example.org');
    expect(nadia.json.pages.total).toBe(0);

    const commun = await t.request('GET', '/api/search/all?q=gestasso');
    expect(commun.json.communs.items[0]).toMatchObject({
      slug: 'gestasso',
      name: 'Gestasso',
      kind: 'software',
    });

    // Carole is neither contactable nor public: not found.
    expect((await t.request('GET', '/api/search/all?q=Carole')).json.people.total).toBe(0);
    expect((await t.request('GET', '/api/search/all?q=')).json.places.total).toBe(0);
    const bad = await t.request('GET', '/api/search/all?q=x&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('limit');
    t.services.close?.();
  });

  it('finds events by title, type or place, with their place and date, upcoming first', async () => {
    const t = await testApp();
    importBundle(t.db, fixtureRegistry().bundle);
    const day = 24 * 3600 * 1000;
    const base = Math.floor(Date.now() / 1000) * 1000;
    const at = (days: number, hours = 2) => ({
      startsAt: new Date(base + days * day).toISOString().slice(0, 19) + 'Z',
      endsAt: new Date(base + days * day + hours * 3600 * 1000).toISOString().slice(0, 19) + 'Z',
    });
    const add = async (
      title: string,
      slots: { startsAt: string; endsAt: string }[],
      type = 'atelier',
    ) => {
      const r = await t.request('POST', '/api/events', {
        as: 'contributor',
        body: { title, type, place: 'lieu-nord', slots },
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      return r.json.id as number;
    };
    const later = await add('Atelier réparation de vélos', [at(30)]);
    const soon = await add('Atelier compost collectif', [at(-3), at(5)]);
    const past = await add('Atelier couture', [at(-40)]);
    await add('Visite guidée du jardin', [at(10)], 'visite');

    const ateliers = await t.request('GET', '/api/search/all?q=atelier');
    expect(ateliers.status).toBe(200);
    expect(ateliers.json.events.total).toBe(3);
    // Upcoming by their next slot (the compost's past slot does not count), then the past one.
    expect(ateliers.json.events.items.map((e: { id: number }) => e.id)).toEqual([
      soon,
      later,
      past,
    ]);
    expect(ateliers.json.events.items[0]).toMatchObject({
      title: 'Atelier compost collectif',
      type: 'atelier',
      place: { slug: 'lieu-nord' },
      startsAt: at(5).startsAt,
      upcoming: true,
    });
    expect(ateliers.json.events.items[2]).toMatchObject({
      upcoming: false,
      startsAt: at(-40).startsAt,
    });

    // By the place's name, and by a French plural of a word of the title.
    const nord = await t.request('GET', '/api/search/all?q=nord');
    expect(nord.json.events.total).toBe(4);
    expect(
      (await t.request('GET', '/api/search/all?q=jardins')).json.events.items.map(
        (e: { title: string }) => e.title,
      ),
    ).toEqual(['Visite guidée du jardin']);
    expect(
      (await t.request('GET', '/api/search/all?q=v%C3%A9los&limit=1')).json.events,
    ).toMatchObject({ total: 1, items: [{ id: later }] });
    expect((await t.request('GET', '/api/search/all?q=')).json.events).toEqual({
      total: 0,
      items: [],
    });
    expect((await t.request('GET', '/api/search/all?q=xylophone')).json.events.total).toBe(0);
    t.services.close?.();
  });
});
