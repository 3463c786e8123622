import { beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

type App = Awaited<ReturnType<typeof testApp>>;
let app: App;
beforeEach(async () => {
  app = await testApp();
});

/** Text as macOS and some exporters write it: accents decomposed (e + U+0301). */
const nfd = (s: string) => s.normalize('NFD');

/** A bundle written by another implementation: nulls, unknown fields, decomposed accents. */
const foreignBundle = () => ({
  format: 'commons-bundle/1',
  generator: { name: 'autre-outil', version: '2.1' },
  resources: [
    {
      slug: 'paheko',
      name: 'Paheko',
      kind: 'software',
      summary: nfd('Comptabilité et adhésions pour les associations.'),
      themes: ['gestion'],
      keywords: [nfd('trésorerie')],
      description: null,
      developmentStatus: null,
      'x-score': 3,
    },
  ],
  places: [
    {
      slug: 'la-grange',
      name: nfd('La Grange Numérique'),
      city: nfd('Saint-Étienne'),
      lat: null,
      siret: '12345678900011',
    },
  ],
  people: [
    {
      slug: 'camille',
      name: nfd('Hélène Roussel'),
      place: 'la-grange',
      skills: [nfd('comptabilité associative')],
      bio: null,
      contactable: true,
    },
  ],
  usages: [{ resource: 'paheko', place: 'la-grange', status: 'uses', note: null }],
  referents: [{ resource: 'paheko', person: 'camille' }],
});

describe('commons bundles written by other tools', () => {
  it('stores decomposed accents as NFC: searches typed on a keyboard find the records, and a re-import of either form changes nothing', async () => {
    const first = await app.request('POST', '/api/import', { body: foreignBundle(), as: 'admin' });
    expect(first.status, first.text).toBe(200);
    expect(first.json.created).toEqual({
      resources: 1,
      places: 1,
      people: 1,
      usages: 1,
      referents: 1,
    });
    for (const [path, q, slug] of [
      ['/api/resources', 'comptabilité', 'paheko'],
      ['/api/resources', 'trésorerie', 'paheko'],
    ]) {
      const res = await app.request('GET', `${path}?q=${encodeURIComponent(q)}`, { as: 'admin' });
      expect(
        res.json.items.map((r: { slug: string }) => r.slug),
        `${path}?q=${q}`,
      ).toEqual([slug]);
    }
    const exported = (await app.request('GET', '/api/export', { as: 'admin' })).json;
    expect(exported.places[0]).toMatchObject({
      name: 'La Grange Numérique'.normalize('NFC'),
      city: 'Saint-Étienne'.normalize('NFC'),
      siret: '12345678900011',
    });
    expect(exported.people[0].name).toBe('Hélène Roussel'.normalize('NFC'));
    expect(exported.resources[0].keywords).toEqual(['trésorerie'.normalize('NFC')]);
    // The same bundle in NFC is the same content.
    const again = await app.request('POST', '/api/import', {
      body: JSON.parse(JSON.stringify(foreignBundle()).normalize('NFC')),
      as: 'admin',
    });
    expect(again.json.updated).toEqual({
      resources: 0,
      places: 0,
      people: 0,
      usages: 0,
      referents: 0,
    });
  });

  it('reads null as absent for collections and isExpert (Go writes nil slices and pointers as null)', async () => {
    const res = await app.request('POST', '/api/import', {
      body: {
        format: 'commons-bundle/1',
        resources: [
          {
            slug: 'paheko',
            name: 'Paheko',
            kind: 'software',
            summary: 'Compta.',
            themes: ['gestion'],
          },
        ],
        places: null,
        people: [{ slug: 'camille', name: 'Camille', contactable: true }],
        usages: null,
        referents: [{ resource: 'paheko', person: 'camille', isExpert: null, note: null }],
      },
      as: 'admin',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toMatchObject({ resources: 1, people: 1, referents: 1 });
    const exported = (await app.request('GET', '/api/export', { as: 'admin' })).json;
    expect(exported.referents).toEqual([
      expect.objectContaining({ resource: 'paheko', person: 'camille', isExpert: false }),
    ]);
  });

  it('round-trips: our export imported into an empty instance exports the same JSON', async () => {
    expect(
      (await app.request('POST', '/api/import', { body: foreignBundle(), as: 'admin' })).status,
    ).toBe(200);
    const exported = (await app.request('GET', '/api/export', { as: 'admin' })).json;
    const other = await testApp();
    const res = await other.request('POST', '/api/import', { body: exported, as: 'admin' });
    expect(res.status, res.text).toBe(200);
    expect((await other.request('GET', '/api/export', { as: 'admin' })).json).toEqual(exported);
    const again = await other.request('POST', '/api/import', { body: exported, as: 'admin' });
    expect(Object.values(again.json.updated).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.json.created).every((n) => n === 0)).toBe(true);
  });
});

describe('publiccode.yml files from elsewhere', () => {
  const publiccode = (name: string, repo: string) => `publiccodeYmlVersion: "0.4"
name: ${name}
url: "${repo}"
platforms:
  - web
categories:
  - collaboration
developmentStatus: stable
softwareType: "standalone/web"
description:
  zh:
    shortDescription: 协作工具
  en:
    shortDescription: A collaboration tool
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: community
localisation:
  localisationReady: true
  availableLanguages:
    - zh
`;
  const importYaml = async (text: string) => {
    const res = await app.app.request('/api/import', {
      method: 'POST',
      headers: {
        'content-type': 'application/yaml',
        authorization: `Bearer ${await app.tokenFor('admin')}`,
      },
      body: text,
    });
    return { status: res.status, json: await res.json() };
  };

  it('gives software whose name has no Latin letter a slug of its own, instead of one overwriting the other', async () => {
    const first = await importYaml(publiccode('协作', 'https://gitee.com/example/xiezuo.git'));
    expect(first.status).toBe(201);
    const second = await importYaml(publiccode('東京', 'https://gitee.com/example/tokyo'));
    expect(second.status).toBe(201);
    expect(second.json.resource.slug).not.toBe(first.json.resource.slug);
    const names = (await app.request('GET', '/api/export', { as: 'admin' })).json.resources.map(
      (r: { name: string }) => r.name,
    );
    expect(names.sort()).toEqual(['协作', '東京'].sort());
    // Importing the first file again updates its own resource.
    const again = await importYaml(publiccode('协作', 'https://gitee.com/example/xiezuo.git'));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ resource: first.json.resource, change: 'unchanged' });
  });

  it('takes a name YAML reads as a number', async () => {
    const res = await importYaml(publiccode('2048', 'https://github.com/example/2048'));
    expect(res.status).toBe(201);
    expect(res.json.resource).toEqual({ slug: '2048', name: '2048' });
  });
});
