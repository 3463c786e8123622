import { describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../server/seed/index.js';
import { DEMO_REGISTRY } from '../../server/seed/registry.js';
import { checkLicense } from '../../registry/licenses.js';
import { testApp } from '../helpers/app.js';

describe('demo registry', () => {
  it('seeds real communs with valid licences, places, people, and some qualified resources', async () => {
    const t = await testApp();
    expect(await seedIfEmpty(t.db)).toBe(true);
    for (const r of DEMO_REGISTRY.resources)
      if (r.license) expect(checkLicense(r.license).valid, r.slug).toBe(true);
    const list = await t.request('GET', '/api/resources?limit=100');
    expect(list.json.total).toBe(DEMO_REGISTRY.resources.length);
    const qualified = await t.request('GET', '/api/resources?qualification=qualified');
    expect(qualified.json.items.map((i: { slug: string }) => i.slug).sort()).toEqual([
      'nextcloud',
      'openstreetmap',
      'paheko',
    ]);
    expect((await t.request('GET', '/api/resources/decidim')).json.qualification.status).toBe(
      'under-review',
    );
    const hdf = await t.request('GET', '/api/places?region=Hauts-de-France');
    expect(hdf.json.total).toBe(7);
    const people = await t.request('GET', '/api/people?limit=100');
    expect(people.json.total).toBe(DEMO_REGISTRY.people.filter((p) => p.contactable).length);
    const page = await t.request('GET', '/api/resources/paheko');
    expect(page.json.wikiPage).toBeTruthy();
    expect((await t.request('GET', `/api/pages/${page.json.wikiPage}`)).json.kind).toBe('commun');
    expect(await seedIfEmpty(t.db)).toBe(false);
  });
});
