import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { licenseGroup } from '../../registry/licenses.js';

/** The licence facet of the commons registry groups SPDX's variants of one licence. */
describe('licence facet', () => {
  it('lists AGPL-3.0, AGPL-3.0-only and AGPL-3.0-or-later as one value, and filters by it', async () => {
    const t = await testApp();
    const licences = {
      'outil-a': 'AGPL-3.0',
      'outil-b': 'AGPL-3.0-only',
      'outil-c': 'agpl-3.0-or-later',
      'outil-d': 'MIT',
      'outil-e': 'GPL-3.0+',
    };
    for (const [slug, license] of Object.entries(licences)) {
      const r = await t.request('POST', '/api/resources', {
        as: 'contributor',
        body: {
          slug,
          name: slug,
          kind: 'software',
          summary: 'Un outil.',
          themes: ['numerique'],
          license,
        },
      });
      expect(r.status).toBe(201);
    }
    const all = await t.request('GET', '/api/resources');
    expect(all.json.facets.license).toEqual([
      { value: 'AGPL-3.0', count: 3 },
      { value: 'GPL-3.0', count: 1 },
      { value: 'MIT', count: 1 },
    ]);
    // Each resource keeps its own licence id; the filter takes the group, whichever variant is asked.
    const agpl = await t.request('GET', '/api/resources?license=AGPL-3.0-or-later');
    expect(agpl.json.items.map((i: { slug: string }) => i.slug).sort()).toEqual([
      'outil-a',
      'outil-b',
      'outil-c',
    ]);
    expect(agpl.json.items.find((i: { slug: string }) => i.slug === 'outil-b').license).toBe(
      'AGPL-3.0-only',
    );
    expect(
      (await t.request('GET', '/api/resources?license=mit')).json.items.map(
        (i: { slug: string }) => i.slug,
      ),
    ).toEqual(['outil-d']);
    t.services.close?.();
  });

  it('groups only variants of a known licence', () => {
    expect(licenseGroup('LGPL-2.1-or-later')).toBe('LGPL-2.1');
    expect(licenseGroup('CC-BY-SA-4.0')).toBe('CC-BY-SA-4.0');
    expect(licenseGroup('Ma-Licence-only')).toBe('Ma-Licence-only');
    expect(licenseGroup('proprietary')).toBe('proprietary');
  });
});
