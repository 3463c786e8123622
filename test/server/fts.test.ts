import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../server/db/migrate.js';
import { openDatabase } from '../../server/db/open.js';
import { testApp } from '../helpers/app.js';
import { indexText } from '../../registry/text/french.js';
import { placeSearchText, upsertPlace } from '../../registry/places.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;

type App = Awaited<ReturnType<typeof testApp>>;
const names = (res: { json: { items: { slug: string }[] } }) => res.json.items.map((i) => i.slug);

async function registryFixture(app: App) {
  const place = await app.request('POST', '/api/places', {
    as: 'facilitator',
    body: { slug: 'la-grange', name: 'La Grange aux Savoirs', city: 'Roubaix' },
  });
  expect(place.status, place.text).toBe(201);
  const person = await app.request('POST', '/api/people', {
    as: 'facilitator',
    body: {
      slug: 'maelle-durand',
      name: 'Maëlle Durand',
      place: 'la-grange',
      skills: ['comptabilité'],
      bio: 'Trésorière bénévole.',
      contactable: true,
    },
  });
  expect(person.status, person.text).toBe(201);
  return { place: 'la-grange', person: 'maelle-durand' };
}

describe('full-text tables kept by triggers', () => {
  it('follow registry writes: a person is found by the new name of their place, and not by the old one', async () => {
    const app = await testApp();
    const { place, person } = await registryFixture(app);
    expect(names(await app.request('GET', '/api/people?q=grange'))).toEqual([person]);
    expect(names(await app.request('GET', '/api/people?q=comptable'))).toEqual([person]);
    const renamed = await app.request('PUT', `/api/places/${place}`, {
      as: 'facilitator',
      body: { name: 'Le Moulin' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(names(await app.request('GET', '/api/people?q=grange'))).toEqual([]);
    expect(names(await app.request('GET', '/api/people?q=moulin'))).toEqual([person]);
    expect(names(await app.request('GET', '/api/places?q=moulin'))).toEqual([place]);
    app.db.prepare(`DELETE FROM people WHERE slug = ?`).run(person);
    expect(
      app.db
        .prepare(`SELECT count(*) FROM people_fts WHERE people_fts MATCH 'maelle'`)
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('roll back with the write that failed', async () => {
    const app = await testApp();
    expect(() =>
      app.db.transaction(() => {
        app.db
          .prepare(
            `INSERT INTO pages (slug, title, markdown, revision) VALUES ('x', 'Péniche', 'Une péniche amarrée.', 1)`,
          )
          .run();
        app.db
          .prepare(
            `INSERT INTO places (slug, name, search_text) VALUES ('p', 'Péniche', ' penich ')`,
          )
          .run();
        throw new Error('import failed');
      })(),
    ).toThrow('import failed');
    expect((await app.request('GET', '/api/search?q=peniche')).json.total).toBe(0);
    expect((await app.request('GET', '/api/places?q=peniche')).json.total).toBe(0);
    for (const table of ['wiki_fts', 'places_fts']) {
      expect(
        app.db
          .prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH 'penich*'`)
          .pluck()
          .get(),
        table,
      ).toBe(0);
    }
  });

  it('index a deleted page no more, and a restored page again', async () => {
    const app = await testApp();
    const put = await app.request('PUT', '/api/pages/friche', {
      as: 'contributor',
      body: { title: 'Friche', markdown: 'Une friche industrielle.' },
    });
    expect(put.status, put.text).toBe(201);
    const count = () => app.db.prepare(`SELECT count(*) FROM wiki_fts`).pluck().get();
    expect(count()).toBe(1);
    app.db
      .prepare(`UPDATE pages SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE slug = 'friche'`)
      .run();
    expect(count()).toBe(0);
    expect((await app.request('GET', '/api/search?q=industrielle')).json.total).toBe(0);
    app.db.prepare(`UPDATE pages SET deleted_at = NULL WHERE slug = 'friche'`).run();
    expect((await app.request('GET', '/api/search?q=industrielle')).json.total).toBe(1);
  });
});

describe('migration 0016', () => {
  it('fills the full-text tables from an existing database, in the migration', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(
      db,
      all.filter((m) => m.version < 16),
    );
    db.exec(`INSERT INTO pages (id, slug, title, markdown, revision) VALUES (1, 'jardin', 'Jardin partagé', 'Les légumes du quartier.', 1),
      (2, 'vieux', 'Vieille page', 'Supprimée.', 1)`);
    db.exec(`UPDATE pages SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = 2`);
    db.exec(
      `INSERT INTO resources (id, slug, name, kind, summary, search_text) VALUES (1, 'paheko', 'Paheko', 'software', 'Gestion', ' comptabl associ ')`,
    );
    migrate(db, all);
    expect(db.prepare(`SELECT rowid, title, body FROM wiki_fts`).all()).toEqual([
      { rowid: 1, title: indexText('Jardin partagé'), body: indexText('Les légumes du quartier.') },
    ]);
    expect(db.prepare(`SELECT rowid, name, terms FROM resources_fts`).all()).toEqual([
      { rowid: 1, name: 'paheko', terms: ' comptabl associ ' },
    ]);
    db.close();
  });
});

describe('CLI: reindex', () => {
  it('rebuilds every full-text table and says how many rows each has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-reindex-'));
    try {
      const file = join(dir, 'db.sqlite');
      const db = openDatabase(file);
      db.exec(
        `INSERT INTO pages (slug, title, markdown, revision) VALUES ('a', 'Atelier vélo', 'Réparer son vélo.', 1)`,
      );
      // An index out of step with its pages (an analyser changed since, say).
      db.exec(`DELETE FROM wiki_fts`);
      // A registry row whose analysed text was computed by an older analyser, and one up to date.
      upsertPlace(
        db,
        { slug: 'la-grange', name: 'La Grange', city: 'Roubaix' },
        { mode: 'replace' },
      );
      upsertPlace(db, { slug: 'le-moulin', name: 'Le Moulin', city: 'Lille' }, { mode: 'replace' });
      db.exec(`UPDATE places SET search_text = ' ancien ' WHERE slug = 'la-grange'`);
      db.close();
      const { stdout } = await run(process.execPath, [BIN, 'reindex', '--db', file], {
        env: { ...process.env, LC_DB: '' },
      });
      expect(stdout).toMatch(
        /Search tables rebuilt in [\d.]+ s: 1 pages, 0 communs, 2 places, 0 people \(analysed text recomputed for 1 registry rows\)/,
      );
      const after = openDatabase(file);
      expect(
        after.prepare(`SELECT count(*) FROM wiki_fts WHERE wiki_fts MATCH 'velo'`).pluck().get(),
      ).toBe(1);
      expect(
        after.prepare(`SELECT search_text FROM places WHERE slug = 'la-grange'`).pluck().get(),
      ).toBe(placeSearchText({ slug: 'la-grange', name: 'La Grange', city: 'Roubaix' }));
      expect(
        after
          .prepare(`SELECT count(*) FROM places_fts WHERE places_fts MATCH 'terms: ancien'`)
          .pluck()
          .get(),
      ).toBe(0);
      expect(
        after
          .prepare(`SELECT count(*) FROM places_fts WHERE places_fts MATCH 'terms: grang'`)
          .pluck()
          .get(),
      ).toBe(1);
      after.close();
      await expect(run(process.execPath, [BIN, 'reindex', 'extra', '--db', file])).rejects.toThrow(
        /usage: reindex/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
