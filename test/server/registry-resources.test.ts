import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const BASE = {
  slug: 'cryptpad',
  name: 'CryptPad',
  kind: 'software',
  summary: 'Suite bureautique collaborative chiffrée.',
  themes: ['numerique'],
  license: 'AGPL-3.0-or-later',
};

describe('resource records', () => {
  it('stores every registry field, and PUT keeps fields left out while null clears them', async () => {
    const t = await testApp();
    const created = await t.request('POST', '/api/resources', {
      as: 'reader',
      body: {
        ...BASE,
        challenge: 'Écrire à plusieurs sans confier ses documents à une plateforme commerciale.',
        documentationUrl: 'https://docs.cryptpad.org',
        sourceUrl: 'https://github.com/cryptpad/cryptpad',
        governance: 'Équipe de développement et communauté de contributeurs.',
        organisation: 'XWiki SAS',
        lockIn: 'Export des documents dans des formats ouverts.',
        compliance: { rgpd: 'Chiffrement de bout en bout.', accessibility: 'Audit partiel.' },
        needs: 'Traductions.',
        developmentSteps: 'Version 6 en préparation.',
        status: 'active',
        lastReviewedAt: '2025-01-15',
        providers: [
          { name: 'Hébergeur associatif', url: 'https://exemple.org', note: 'Instance mutualisée' },
        ],
        sillId: 99,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      challenge: expect.stringContaining('plusieurs'),
      organisation: 'XWiki SAS',
      compliance: { rgpd: 'Chiffrement de bout en bout.', accessibility: 'Audit partiel.' },
      providers: [
        { name: 'Hébergeur associatif', url: 'https://exemple.org', note: 'Instance mutualisée' },
      ],
      qualification: { status: 'proposed' },
      licenseFlag: 'open',
      wikiPage: 'cryptpad',
      sillId: 99,
    });
    const put = await t.request('PUT', '/api/resources/cryptpad', {
      as: 'contributor',
      body: { ...BASE, summary: 'Bureautique chiffrée.', needs: null },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      summary: 'Bureautique chiffrée.',
      lockIn: 'Export des documents dans des formats ouverts.',
      needs: '',
      organisation: 'XWiki SAS',
    });
    expect(put.json.providers).toHaveLength(1);
    const other = await t.request('PUT', '/api/resources/cryptpad', {
      as: 'contributor',
      body: { ...BASE, slug: 'autre' },
    });
    expect(other.json.error.field).toBe('slug');
  });

  it('records usages with their date and referents, shown on the resource page', async () => {
    const t = await testApp();
    await t.request('POST', '/api/resources', { as: 'contributor', body: BASE });
    await t.request('POST', '/api/places', {
      as: 'contributor',
      body: {
        slug: 'la-halle',
        name: 'La Halle',
        city: 'Lille',
        postcode: '59000',
        lat: 50.63,
        lon: 3.06,
      },
    });
    await t.request('POST', '/api/people', {
      as: 'contributor',
      body: { slug: 'sam', name: 'Sam', place: 'la-halle', contactable: true },
    });
    const use = await t.request('POST', '/api/resources/cryptpad/usages', {
      as: 'contributor',
      body: { place: 'la-halle', note: 'Comptes rendus', since: '2023-05' },
    });
    expect(use.status).toBe(201);
    const again = await t.request('POST', '/api/resources/cryptpad/usages', {
      as: 'contributor',
      body: { place: 'la-halle', status: 'stopped' },
    });
    expect(again.json.change).toBe('updated');
    const ref = await t.request('POST', '/api/resources/cryptpad/referents', {
      as: 'contributor',
      body: { person: 'sam', isExpert: true, note: 'Installe des instances' },
    });
    expect(ref.status).toBe(201);
    const page = await t.request('GET', '/api/resources/cryptpad');
    expect(page.json.usages).toEqual([
      {
        place: {
          slug: 'la-halle',
          name: 'La Halle',
          city: 'Lille',
          region: 'Hauts-de-France',
          lat: 50.63,
          lon: 3.06,
        },
        status: 'stopped',
        note: '',
        since: '2023-05',
      },
    ]);
    expect(page.json.referents[0]).toMatchObject({
      person: { slug: 'sam', place: { slug: 'la-halle' } },
      isExpert: true,
      note: 'Installe des instances',
    });
    const place = await t.request('GET', '/api/places/la-halle');
    expect(place.json.region).toBe('Hauts-de-France');
    expect(place.json.uses[0]).toMatchObject({ resource: { slug: 'cryptpad' }, status: 'stopped' });
  });
});
