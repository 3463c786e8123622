import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resourceFromPubliccode } from '../../registry/publiccode.js';
import { RegistryError } from '../../registry/errors.js';
import { testApp } from '../helpers/app.js';

const YML = readFileSync(new URL('../fixtures/publiccode.yml', import.meta.url), 'utf8');

describe('publiccode.yml import', () => {
  it('maps the fields to a software resource, French description first', () => {
    const r = resourceFromPubliccode(YML);
    expect(r).toMatchObject({
      slug: 'agenda-partage',
      name: 'Agenda Partagé',
      kind: 'software',
      summary:
        'Agenda partagé pour les tiers-lieux : réservation des salles, événements publics et inscriptions.',
      features: [
        'réservation des salles',
        'agenda public intégrable au site',
        'inscriptions aux ateliers',
      ],
      license: 'AGPL-3.0-or-later',
      url: 'https://agenda-partage.example.org',
      sourceUrl: 'https://git.example.org/collectif/agenda-partage.git',
      documentationUrl: 'https://doc.agenda-partage.example.org',
      developmentStatus: 'stable',
      maintenance: 'community',
      organisation: 'Collectif des lieux partagés',
      languages: ['fr', 'en'],
    });
    expect(r.description).toContain('réservation de ses salles');
    expect(r.themes).toEqual(['animation', 'gestion']);
    expect(r.keywords).toContain('some-unknown-category');
    expect(JSON.stringify(r)).not.toContain('contact@example.org');
  });

  it('falls back to English, clips long summaries and names the missing field', () => {
    const en = resourceFromPubliccode(
      `name: Tool\nurl: https://example.org/tool\ndescription:\n  en:\n    shortDescription: "${'word '.repeat(80)}"\nlegal:\n  license: MIT\n`,
    );
    expect(en.summary.length).toBeLessThanOrEqual(200);
    expect(en.themes).toEqual(['numerique']);
    const err = (() => {
      try {
        resourceFromPubliccode('description:\n  fr:\n    shortDescription: x\n');
      } catch (e) {
        return e as RegistryError;
      }
    })();
    expect(err).toBeInstanceOf(RegistryError);
    expect(err!.details).toMatchObject({ record: 'publiccode.yml', field: 'name' });
    expect(() => resourceFromPubliccode('name: [unclosed')).toThrow(
      /publiccode\.yml: file: not valid YAML/,
    );
  });

  it('imports through POST /api/import?format=publiccode, idempotently', async () => {
    const t = await testApp();
    // The test helper always sends JSON content types: the format goes in the query string.
    const post = (as: 'admin' | 'contributor') =>
      t.request('POST', '/api/import?format=publiccode', { as, body: YML });
    expect((await post('contributor')).status).toBe(403);
    const first = await post('admin');
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      resource: { slug: 'agenda-partage', name: 'Agenda Partagé' },
      change: 'created',
    });
    expect((await post('admin')).json.change).toBe('unchanged');
    const page = await t.request('GET', '/api/resources/agenda-partage');
    expect(page.json).toMatchObject({
      licenseFlag: 'open',
      qualification: { status: 'proposed' },
      wikiPage: 'agenda-partage',
    });
    expect((await t.request('GET', '/api/pages/agenda-partage')).json.kind).toBe('commun');
  });
});
