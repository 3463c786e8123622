import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { exportBundle, importBundle } from '../../registry/bundle.js';
import { RegistryError } from '../../registry/errors.js';
import { loadRegistrySnapshot } from '../../registry/snapshot.js';

const BUNDLE = '/work/shared/data/switchyard-dev/bundle.json';
const load = () => JSON.parse(readFileSync(BUNDLE, 'utf8'));
const count = (db: ReturnType<typeof openDatabase>, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('commons bundle import', () => {
  it('imports the development bundle with every record', () => {
    const db = openDatabase(':memory:');
    const res = importBundle(db, load());
    expect(res.created).toEqual({
      resources: 78,
      places: 26,
      people: 46,
      usages: 91,
      referents: 70,
    });
    expect(count(db, 'resources')).toBe(78);
    expect(count(db, 'places')).toBe(26);
    expect(count(db, 'people')).toBe(46);
    expect(count(db, 'usages')).toBe(91);
    expect(count(db, 'referents')).toBe(70);
    const paheko = db
      .prepare(`SELECT license, license_flag FROM resources WHERE slug = 'paheko'`)
      .get();
    expect(paheko).toEqual({ license: 'AGPL-3.0', license_flag: 'open' });
  });

  it('is idempotent: a second import changes nothing', () => {
    const db = openDatabase(':memory:');
    importBundle(db, load());
    const before = db.prepare(`SELECT slug, updated_at FROM resources ORDER BY slug`).all();
    const again = importBundle(db, load());
    expect(again.created).toEqual({ resources: 0, places: 0, people: 0, usages: 0, referents: 0 });
    expect(again.updated).toEqual({ resources: 0, places: 0, people: 0, usages: 0, referents: 0 });
    expect(again.unchanged).toEqual({
      resources: 78,
      places: 26,
      people: 46,
      usages: 91,
      referents: 70,
    });
    expect(db.prepare(`SELECT slug, updated_at FROM resources ORDER BY slug`).all()).toEqual(
      before,
    );
  });

  it('rejects a bundle with a dangling slug, writes nothing, and names the record and the field', () => {
    const db = openDatabase(':memory:');
    const bundle = load();
    bundle.usages[5].place = 'nowhere-at-all';
    let error: RegistryError | undefined;
    try {
      importBundle(db, bundle);
    } catch (err) {
      error = err as RegistryError;
    }
    expect(error).toBeInstanceOf(RegistryError);
    expect(error!.code).toBe('bundle_invalid');
    expect(error!.details.record).toMatch(/^usages\[5\]/);
    expect(error!.details.field).toBe('place');
    expect(error!.message).toContain('nowhere-at-all');
    for (const t of ['resources', 'places', 'people', 'usages', 'referents'])
      expect(count(db, t)).toBe(0);
  });

  it('names the record and field of a wrong type, and keeps unknown fields', () => {
    const db = openDatabase(':memory:');
    const bad = load();
    bad.resources[3].themes = ['not-a-theme'];
    expect(() => importBundle(db, bad)).toThrow(/resources\[3\] \(slug [a-z0-9-]+\): themes\.0/);
    const good = load();
    good.resources[0].sillId = 1234;
    good.places[0].opening = 'lundi';
    importBundle(db, good);
    const out = exportBundle(db);
    expect(out.resources.find((r) => r.slug === good.resources[0].slug)).toMatchObject({
      sillId: 1234,
    });
    expect(out.places.find((p) => p.slug === good.places[0].slug)).toMatchObject({
      opening: 'lundi',
    });
  });

  it('keeps the last of a usage listed twice, so that a re-import changes nothing', () => {
    const db = openDatabase(':memory:');
    const bundle = load();
    bundle.usages.push({ ...bundle.usages[0], status: 'stopped', note: 'Abandonné' });
    importBundle(db, bundle);
    const again = importBundle(db, bundle);
    expect(again.updated.usages).toBe(0);
    expect(
      db
        .prepare(
          `SELECT u.status FROM usages u JOIN resources r ON r.id = u.resource_id JOIN places p ON p.id = u.place_id WHERE r.slug = @r AND p.slug = @p`,
        )
        .get({ r: bundle.usages[0].resource, p: bundle.usages[0].place }),
    ).toEqual({ status: 'stopped' });
  });

  it('exports what it imported, and a re-import of the export changes nothing', () => {
    const db = openDatabase(':memory:');
    importBundle(db, load());
    const out = exportBundle(db);
    expect(out.resources).toHaveLength(78);
    // Hidden people (contactable false, no public profile) never leave the instance.
    expect(out.people).toHaveLength(41);
    const again = importBundle(db, JSON.parse(JSON.stringify(out)));
    expect(again.created).toEqual({ resources: 0, places: 0, people: 0, usages: 0, referents: 0 });
    expect(again.updated).toEqual({ resources: 0, places: 0, people: 0, usages: 0, referents: 0 });
  });

  it('gives the switchyard a snapshot with status and qualification, without hidden people', () => {
    const db = openDatabase(':memory:');
    importBundle(db, load());
    const snap = loadRegistrySnapshot(db);
    expect(snap.resources).toHaveLength(78);
    expect(snap.resources[0]).toMatchObject({ status: 'active', qualification: 'proposed' });
    expect(snap.places).toHaveLength(26);
    expect(snap.people).toHaveLength(41);
    expect(snap.people.every((p) => p.contactable)).toBe(true);
    expect(snap.usages).toHaveLength(91);
    const hidden = new Set(
      load()
        .people.filter((p: { contactable: boolean }) => !p.contactable)
        .map((p: { slug: string }) => p.slug),
    );
    expect(snap.referents.some((r) => hidden.has(r.person))).toBe(false);
  });
});

describe('bundle import hardening', () => {
  it('ignores __proto__ keys in records', () => {
    const db = openDatabase(':memory:');
    const bundle = JSON.parse(
      '{"format":"commons-bundle/1","resources":[{"slug":"x","name":"X","kind":"guide","summary":"Un guide.","themes":["documentation"],"__proto__":{"polluted":true}}]}',
    );
    importBundle(db, bundle);
    const out = exportBundle(db);
    expect(out.resources[0]).toMatchObject({ slug: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out.resources[0])).not.toContain('polluted');
  });
});
