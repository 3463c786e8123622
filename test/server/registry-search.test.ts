import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const BUNDLE = JSON.parse(readFileSync('/work/shared/data/switchyard-dev/bundle.json', 'utf8'));

describe('resource search: filters, facets, near me', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    expect((await t.request('POST', '/api/import', { as: 'admin', body: BUNDLE })).status).toBe(
      200,
    );
  });

  it('pages through every resource with facets that add up', async () => {
    const r = await t.request('GET', '/api/resources?limit=100');
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(78);
    expect(r.json.items).toHaveLength(78);
    const kinds = r.json.facets.kind.reduce((s: number, f: { count: number }) => s + f.count, 0);
    expect(kinds).toBe(78);
    const gestion = r.json.facets.theme.find((f: { value: string }) => f.value === 'gestion');
    expect(gestion.label).toMatch(/^Outils de gestion/);
    const page2 = await t.request('GET', '/api/resources?limit=10&offset=10');
    expect(page2.json.items[0].slug).toBe(r.json.items[10].slug);
    expect((await t.request('GET', '/api/resources?limit=500')).status).toBe(400);
  });

  it('filters by theme and kind, counting each facet without its own filter', async () => {
    const expected = BUNDLE.resources.filter(
      (x: { themes: string[]; kind: string }) =>
        x.themes.includes('gestion') && x.kind === 'software',
    );
    const r = await t.request('GET', '/api/resources?theme=gestion&kind=software&limit=100');
    expect(r.json.total).toBe(expected.length);
    expect(r.json.items.map((i: { slug: string }) => i.slug).sort()).toEqual(
      expected.map((x: { slug: string }) => x.slug).sort(),
    );
    // The kind facet ignores the kind filter: it shows every kind among "gestion" resources.
    const gestionAll = BUNDLE.resources.filter((x: { themes: string[] }) =>
      x.themes.includes('gestion'),
    );
    const kindTotal = r.json.facets.kind.reduce(
      (s: number, f: { count: number }) => s + f.count,
      0,
    );
    expect(kindTotal).toBe(gestionAll.length);
    const multi = await t.request('GET', '/api/resources?theme=gestion,juridique&limit=100');
    const either = BUNDLE.resources.filter(
      (x: { themes: string[] }) => x.themes.includes('gestion') || x.themes.includes('juridique'),
    );
    expect(multi.json.total).toBe(either.length);
  });

  it('filters by licence (case-insensitive), qualification and the region of using places', async () => {
    const agpl = await t.request('GET', '/api/resources?license=agpl-3.0&limit=100');
    // SPDX variants of the licence are one facet value (AGPL-3.0, -only, -or-later).
    expect(agpl.json.total).toBe(
      BUNDLE.resources.filter((x: { license?: string }) =>
        /^AGPL-3\.0(?:-only|-or-later|\+)?$/i.test(x.license ?? ''),
      ).length,
    );
    const proprietary = await t.request('GET', '/api/resources?license=proprietary&limit=100');
    expect(proprietary.json.total).toBe(4);
    expect(
      proprietary.json.items.every((i: { licenseFlag: string }) => i.licenseFlag === 'proprietary'),
    ).toBe(true);
    const proposed = await t.request('GET', '/api/resources?qualification=proposed');
    expect(proposed.json.total).toBe(78);
    const hdfPlaces = new Set(
      BUNDLE.places
        .filter((p: { region?: string }) => p.region === 'Hauts-de-France')
        .map((p: { slug: string }) => p.slug),
    );
    const usedInHdf = new Set(
      BUNDLE.usages
        .filter(
          (u: { place: string; status: string }) => u.status === 'uses' && hdfPlaces.has(u.place),
        )
        .map((u: { resource: string }) => u.resource),
    );
    const hdf = await t.request('GET', '/api/resources?region=Hauts-de-France&limit=100');
    expect(hdf.json.total).toBe(usedInHdf.size);
    expect(hdf.json.facets.region.length).toBeGreaterThan(1);
  });

  it('finds resources by French free text, best match first', async () => {
    const r = await t.request(
      'GET',
      `/api/resources?q=${encodeURIComponent('comptabilité associative')}`,
    );
    expect(r.json.total).toBeGreaterThan(0);
    expect(r.json.items.slice(0, 5).map((i: { slug: string }) => i.slug)).toContain('paheko');
    const byName = await t.request('GET', '/api/resources?q=paheko');
    expect(byName.json.items[0].slug).toBe('paheko');
  });

  it('orders by the nearest using place with near=LAT,LON', async () => {
    // Near Roubaix: resources used by a place there come first, with their distance.
    const r = await t.request('GET', '/api/resources?near=50.69,3.17&limit=100');
    expect(r.status).toBe(200);
    const distances = r.json.items
      .filter((i: { distanceKm?: number }) => i.distanceKm !== undefined)
      .map((i: { distanceKm: number }) => i.distanceKm);
    expect(distances.length).toBeGreaterThan(5);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(distances[0]).toBeLessThan(5);
    // Resources without any using place come after every resource with a distance.
    const firstWithout = r.json.items.findIndex(
      (i: { distanceKm?: number }) => i.distanceKm === undefined,
    );
    expect(firstWithout).toBe(distances.length);
    // From Toulouse, the first resource is one used by L'Escale garonnaise, a few km away.
    const south = await t.request('GET', '/api/resources?near=43.60,1.44&limit=5');
    const usedThere = BUNDLE.usages
      .filter(
        (u: { place: string; status: string }) =>
          u.place === 'l-escale-garonnaise' && u.status === 'uses',
      )
      .map((u: { resource: string }) => u.resource);
    expect(usedThere).toContain(south.json.items[0].slug);
    expect(south.json.items[0].distanceKm).toBeLessThan(5);
  });

  it('leaves archived resources out unless asked', async () => {
    expect(
      (await t.request('DELETE', '/api/resources/gogocarto', { as: 'facilitator' })).status,
    ).toBe(200);
    const list = await t.request('GET', '/api/resources?limit=100');
    expect(list.json.total).toBe(77);
    const archived = await t.request('GET', '/api/resources?status=archived');
    expect(archived.json.items.map((i: { slug: string }) => i.slug)).toEqual(['gogocarto']);
  });
});

describe('places and people directories', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
    await t.request('POST', '/api/import', { as: 'admin', body: BUNDLE });
  });

  it('filters places by region, family, text and bounding box, with facets and map points', async () => {
    const hdf = await t.request('GET', '/api/places?region=Hauts-de-France&limit=100');
    const expected = BUNDLE.places.filter(
      (p: { region?: string }) => p.region === 'Hauts-de-France',
    );
    expect(hdf.json.total).toBe(expected.length);
    expect(hdf.json.facets.region.reduce((s: number, f: { count: number }) => s + f.count, 0)).toBe(
      26,
    );
    const fablabs = await t.request('GET', '/api/places?family=fablab&limit=100');
    expect(
      fablabs.json.items.every((p: { families: string[] }) => p.families.includes('fablab')),
    ).toBe(true);
    const lille = await t.request('GET', '/api/places?bbox=2.9,50.5,3.3,50.8&limit=100');
    expect(
      lille.json.items.every(
        (p: { lat: number; lon: number }) =>
          p.lat >= 50.5 && p.lat <= 50.8 && p.lon >= 2.9 && p.lon <= 3.3,
      ),
    ).toBe(true);
    expect(lille.json.total).toBeGreaterThan(0);
    const byCity = await t.request('GET', '/api/places?q=roubaix');
    expect(byCity.json.items.some((p: { city: string }) => p.city === 'Roubaix')).toBe(true);
    const geo = await t.request('GET', '/api/map/places?region=Hauts-de-France');
    expect(geo.json.points).toHaveLength(expected.length);
    expect(geo.json.points[0]).toHaveLength(4);
    expect((await t.request('GET', '/api/places?bbox=1,2,3')).json.error.field).toBe('bbox');
  });

  it('shows a place with the resources it uses and its people', async () => {
    const r = await t.request('GET', `/api/places/${BUNDLE.places[0].slug}`);
    expect(r.json.uses.length).toBe(
      BUNDLE.usages.filter((u: { place: string }) => u.place === BUNDLE.places[0].slug).length,
    );
    expect(r.json.people.length).toBeGreaterThan(0);
  });

  it('filters people by theme and region, and shows what they can help with', async () => {
    const r = await t.request('GET', '/api/people?theme=gestion&limit=100');
    expect(r.json.items.every((p: { themes: string[] }) => p.themes.includes('gestion'))).toBe(
      true,
    );
    expect(r.json.facets.theme.length).toBeGreaterThan(3);
    const claire = await t.request('GET', '/api/people/claire-dumont');
    expect(
      claire.json.referentOf.map((x: { resource: { slug: string } }) => x.resource.slug),
    ).toContain('paheko');
  });
});
