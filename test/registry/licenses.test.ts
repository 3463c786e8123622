import { describe, expect, it } from 'vitest';
import { checkLicense, LICENSES } from '../../registry/licenses.js';
import { testApp } from '../helpers/app.js';

describe('licence checks', () => {
  it('ships the common open SPDX ids and the Creative Commons ids', () => {
    const ids = new Set(LICENSES.map((l) => l.id));
    expect(LICENSES.filter((l) => !l.id.startsWith('CC')).length).toBeGreaterThanOrEqual(100);
    for (const id of [
      'MIT',
      'Apache-2.0',
      'AGPL-3.0-or-later',
      'GPL-3.0-only',
      'EUPL-1.2',
      'CECILL-2.1',
      'etalab-2.0',
      'ODbL-1.0',
      'CC0-1.0',
      'CC-BY-4.0',
      'CC-BY-SA-4.0',
      'CC-BY-NC-SA-4.0',
      'CC-BY-NC-ND-3.0',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('recognises SPDX ids case-insensitively, with OSI / FSF flags', () => {
    expect(checkLicense('agpl-3.0-or-later')).toMatchObject({
      id: 'AGPL-3.0-or-later',
      valid: true,
      flag: 'open',
      osi: true,
      fsfLibre: true,
    });
    expect(checkLicense('CeCILL-B')).toMatchObject({ id: 'CECILL-B', valid: true, flag: 'open' });
    expect(checkLicense('GPL-3.0')).toMatchObject({ valid: true, deprecated: true });
    expect(checkLicense('MIT OR Apache-2.0')).toMatchObject({
      valid: true,
      flag: 'open',
      osi: true,
    });
    expect(checkLicense('GPL-2.0-or-later WITH Classpath-exception-2.0')).toMatchObject({
      valid: true,
      flag: 'open',
    });
  });

  it('marks Creative Commons NC / ND variants as restricted (outside the Open Definition)', () => {
    expect(checkLicense('CC-BY-SA-4.0')).toMatchObject({
      valid: true,
      flag: 'open',
      openDefinition: true,
      restrictions: [],
    });
    expect(checkLicense('CC-BY-NC-SA-3.0')).toMatchObject({
      valid: true,
      flag: 'open',
      openDefinition: false,
      restrictions: ['non-commercial'],
    });
    expect(checkLicense('CC-BY-NC-ND-4.0').restrictions).toEqual([
      'non-commercial',
      'no-derivatives',
    ]);
  });

  it('flags proprietary, and flags (does not reject) unknown ids', () => {
    expect(checkLicense('proprietary')).toMatchObject({ valid: true, flag: 'proprietary' });
    expect(checkLicense('Licence maison v2')).toMatchObject({ valid: false, flag: 'unknown' });
    expect(checkLicense('')).toMatchObject({ valid: false, flag: 'unknown' });
  });

  it('answers /api/licenses/check and shows the flag on resources, never qualifying a proprietary one', async () => {
    const t = await testApp();
    expect((await t.request('GET', '/api/licenses/check?id=mpl-2.0')).json).toMatchObject({
      id: 'MPL-2.0',
      valid: true,
      flag: 'open',
    });
    expect((await t.request('GET', '/api/licenses/check')).json.error.field).toBe('id');
    const base = { kind: 'service', summary: 'Un service en ligne.', themes: ['numerique'] };
    await t.request('POST', '/api/resources', {
      as: 'facilitator',
      body: { ...base, slug: 'service-ferme', name: 'Service fermé', license: 'proprietary' },
    });
    await t.request('POST', '/api/resources', {
      as: 'facilitator',
      body: { ...base, slug: 'service-flou', name: 'Service flou', license: 'Licence maison' },
    });
    expect((await t.request('GET', '/api/resources/service-ferme')).json.licenseFlag).toBe(
      'proprietary',
    );
    expect((await t.request('GET', '/api/resources/service-flou')).json).toMatchObject({
      license: 'Licence maison',
      licenseFlag: 'unknown',
    });
    const criteria = (await t.request('GET', '/api/criteria')).json.criteria as { slug: string }[];
    for (const slug of ['service-ferme', 'service-flou']) {
      for (const c of criteria) {
        const r = await t.request('POST', `/api/resources/${slug}/assessments`, {
          as: 'facilitator',
          body: { criterion: c.slug, level: 3, evidence: 'très bien' },
        });
        expect(r.status).toBe(201);
      }
      expect((await t.request('GET', `/api/resources/${slug}`)).json.qualification.status).toBe(
        'under-review',
      );
    }
  });
});
