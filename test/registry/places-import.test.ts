import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { importCgetPlaces, placeOfCgetRow } from '../../registry/cget.js';
import { parseCsv, parseCsvRecords } from '../../registry/csv.js';
import { normalizeRegion, regionOfPostcode } from '../../registry/geo.js';

const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';

describe('CSV parser', () => {
  it('handles quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","il dit ""oui"""\r\n2,"deux\nlignes",\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'il dit "oui"'],
      ['2', 'deux\nlignes', ''],
    ]);
  });

  it('maps rows to header names and keeps UTF-8 text', () => {
    expect(parseCsvRecords('NOM,VILLE\nLa Fabrique,Besançon\n\nÉcole,Saint-Étienne')).toEqual([
      { NOM: 'La Fabrique', VILLE: 'Besançon' },
      { NOM: 'École', VILLE: 'Saint-Étienne' },
    ]);
  });
});

describe('regions', () => {
  it('spells regions officially and derives them from postcodes', () => {
    expect(normalizeRegion('Nouvelle Aquitaine')).toBe('Nouvelle-Aquitaine');
    expect(normalizeRegion('Auvergne et Rhône-Alpes')).toBe('Auvergne-Rhône-Alpes');
    expect(normalizeRegion('Bourgogne et Franche-Comté')).toBe('Bourgogne-Franche-Comté');
    expect(regionOfPostcode('59100')).toBe('Hauts-de-France');
    expect(regionOfPostcode('97418')).toBe('La Réunion');
    expect(regionOfPostcode('20000')).toBe('Corse');
  });
});

describe('national base of tiers-lieux (CGET 2019)', () => {
  it('imports all 1,512 places with coordinates, regions and families, idempotently', () => {
    const db = openDatabase(':memory:');
    const text = readFileSync(CGET, 'utf8');
    const steps: number[] = [];
    const first = importCgetPlaces(db, text, (done) => steps.push(done));
    expect(first).toMatchObject({ rows: 1512, created: 1512, skipped: 0 });
    expect(steps.at(-1)).toBe(1512);
    const stats = db
      .prepare(
        `SELECT COUNT(*) AS n, COUNT(lat) AS withLat, COUNT(lon) AS withLon, COUNT(region) AS withRegion, COUNT(DISTINCT slug) AS slugs FROM places`,
      )
      .get();
    expect(stats).toEqual({ n: 1512, withLat: 1512, withLon: 1512, withRegion: 1512, slugs: 1512 });
    const regions = Object.fromEntries(
      (
        db.prepare(`SELECT region, COUNT(*) AS n FROM places GROUP BY region`).all() as {
          region: string;
          n: number;
        }[]
      ).map((r) => [r.region, r.n]),
    );
    expect(regions['Île-de-France']).toBe(344);
    // Seven rows have no region: Audierne (29) and six overseas places get theirs from the postcode.
    expect(regions['Bretagne']).toBe(89);
    expect(regions['Hauts-de-France']).toBe(76);
    expect(regions['Nouvelle-Aquitaine']).toBe(225);
    expect(regions['La Réunion']).toBe(3);
    const families = Object.fromEntries(
      (
        db.prepare(`SELECT family, COUNT(*) AS n FROM place_families GROUP BY family`).all() as {
          family: string;
          n: number;
        }[]
      ).map((r) => [r.family, r.n]),
    );
    expect(families).toEqual({ coworking: 1118, fablab: 345, autre: 49 });
    const lille = db
      .prepare(`SELECT slug, city, lat, lon, region FROM places WHERE source_ref = 'cget-2019:3'`)
      .get();
    expect(lille).toEqual({
      slug: 'co-factory-3',
      city: 'Lille',
      lat: 50.65505,
      lon: 3.08581,
      region: 'Hauts-de-France',
    });

    const again = importCgetPlaces(db, text);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1512 });
  });

  it('keeps a row whose optional values are unusable', () => {
    const p = placeOfCgetRow({
      ID: '9',
      NOM_TL: 'Le Lieu',
      CP: '0',
      GEOCOD: '1 rue X 62000 Arras',
      LAT: 'abc',
      LONG: '',
      WEB: 'pas un site',
      TYPO: '',
      NOMREG: '',
    });
    expect(p?.input).toMatchObject({
      slug: 'le-lieu-9',
      postcode: '62000',
      region: 'Hauts-de-France',
      families: ['autre'],
    });
    expect(p?.input.lat).toBeUndefined();
    expect(p?.input.website).toBeUndefined();
  });
});
