import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { createUser } from '../../server/auth/users.js';
import { getPageFields, setFieldDefs } from '../../registry/wiki/fields.js';

// A 1×1 PNG: what the source wiki's images/ folder holds for "Coop façade.jpg".
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/mediawiki/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);

/** Runs the real command; resolves with its exit code and output (never rejects). */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, LC_DB: '' } },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

interface RevisionRow {
  number: number;
  created_at: string;
  summary: string;
  author_id: number | null;
  imported_author: string | null;
  imported_kind: string | null;
  minor: number;
  markdown: string;
}
const history = (db: Database, slug: string) =>
  db
    .prepare(
      `SELECT r.number, r.created_at, r.summary, r.author_id, r.imported_author, r.imported_kind, r.minor, r.markdown
       FROM revisions r JOIN pages p ON p.id = r.page_id WHERE p.slug = ? ORDER BY r.number`,
    )
    .all(slug) as RevisionRow[];
const count = (db: Database, sql: string) => db.prepare(sql).pluck().get() as number;

// Each case spawns the real command (a few seconds each on a busy machine).
describe('lieux-communs import-mediawiki (French Movilab-like export)', { timeout: 90_000 }, () => {
  let dir: string;
  let dbPath: string;
  let first: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lc-mw-'));
    dbPath = join(dir, 'wiki.sqlite');
    // An account whose name matches a source author: that author's edits are attributed to it.
    const db = openDatabase(dbPath);
    await createUser(db, {
      email: 'remi@example.org',
      name: 'Rémi',
      password: 'password123',
      role: 'contributor',
    });
    // Place sheets declare three of the infobox's four parameters as fields.
    setFieldDefs(db, 'place', [
      { name: 'nom', label: { fr: 'Nom', en: 'Name' }, type: 'text' },
      { name: 'ville', label: { fr: 'Ville', en: 'City' }, type: 'text' },
      { name: 'code_postal', label: { fr: 'Code postal', en: 'Postcode' }, type: 'text' },
    ]);
    db.close();
    const images = join(dir, 'images');
    mkdirSync(join(images, 'a', 'ab'), { recursive: true });
    mkdirSync(join(images, 'thumb', 'a', 'ab'), { recursive: true });
    writeFileSync(join(images, 'a', 'ab', 'Coop_façade.jpg'), PNG);
    first = await cli(
      'import-mediawiki',
      fixture('movilab.xml'),
      '--templates',
      fixture('templates.yml'),
      '--images',
      images,
      '--db',
      dbPath,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports main-namespace pages with every revision, in order, with dates, authors, summaries and minor flags', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Pages: 3 created, 0 updated, 0 unchanged, 0 failed');
    const db = openDatabase(dbPath);
    try {
      const revs = history(db, 'tiers-lieu');
      expect(revs.map((r) => r.created_at)).toEqual([
        '2015-03-02T09:15:00.000Z',
        '2016-05-10T14:00:00.000Z',
        '2017-01-20T08:30:00.000Z',
      ]);
      expect(revs.map((r) => r.summary)).toEqual([
        'Création de la page',
        "ajout d'une section",
        'tableau',
      ]);
      // Margot has no account: shown by name, marked imported, no login created.
      expect(revs[0]).toMatchObject({
        author_id: null,
        imported_author: 'Margot',
        imported_kind: 'user',
        minor: 0,
      });
      expect(count(db, `SELECT COUNT(*) FROM users WHERE name = 'Margot'`)).toBe(0);
      // An IP edit is anonymous: the address is not kept.
      expect(revs[1]).toMatchObject({
        author_id: null,
        imported_author: null,
        imported_kind: 'ip',
      });
      expect(JSON.stringify(revs)).not.toContain('192.0.2.14');
      // Rémi has an account here: the revision is his.
      const remi = count(db, `SELECT id FROM users WHERE name = 'Rémi'`);
      expect(revs[2]).toMatchObject({ author_id: remi, imported_author: 'Rémi', minor: 1 });
      const page = db
        .prepare(`SELECT created_at, updated_at, revision FROM pages WHERE slug = 'tiers-lieu'`)
        .get();
      expect(page).toEqual({
        created_at: '2015-03-02T09:15:00.000Z',
        updated_at: '2017-01-20T08:30:00.000Z',
        revision: 3,
      });
      expect(revs[2].markdown).toContain('| Hauts-de-France | 120 |');
      expect(revs[2].markdown).toContain(
        '[^1]: Voir [le rapport](<https://movilab.example/rapport>).',
      );
    } finally {
      db.close();
    }
  });

  it('handles a suppressed revision (text, author and summary) without error or invented content', () => {
    const db = openDatabase(dbPath);
    try {
      const revs = history(db, 'guide-gouvernance');
      // 140, 141 (suppressed: same text as before, nothing written), 142.
      expect(revs).toHaveLength(2);
      expect(revs[1].markdown).toContain('> une note en retrait');
      expect(
        count(
          db,
          `SELECT COUNT(*) FROM mediawiki_revisions WHERE source = 'movilab' AND rev_id = 141`,
        ),
      ).toBe(1);
      expect(first.stdout).toContain('1 with suppressed text');
      // Subpage: the title keeps its hierarchy, relative links are resolved.
      expect(
        db.prepare(`SELECT title FROM pages WHERE slug = 'guide-gouvernance'`).pluck().get(),
      ).toBe('Guide/Gouvernance');
      expect(revs[1].markdown).toContain('[[Guide/Gouvernance/Statuts|les statuts]]');
    } finally {
      db.close();
    }
  });

  it('makes redirects, keeps a redirect that slugifies onto its target from touching it, describes categories, leaves other namespaces out', () => {
    const db = openDatabase(dbPath);
    try {
      expect(
        db
          .prepare(
            `SELECT g.slug, p.slug AS target FROM page_redirects g JOIN pages p ON p.id = g.page_id`,
          )
          .all(),
      ).toEqual([{ slug: 'lieu-intermediaire', target: 'tiers-lieu' }]);
      expect(first.stdout).toContain("Tiers lieu: its slug is its target's own");
      expect(history(db, 'tiers-lieu')).toHaveLength(3);
      expect(
        db
          .prepare(`SELECT markdown FROM category_descriptions WHERE category = 'Tiers-lieux'`)
          .pluck()
          .get(),
      ).toBe('Les pages sur les **tiers-lieux**.');
      expect(first.stdout).toContain(
        'Left out (namespaces not imported): Discussion (1), Modèle (1)',
      );
      expect(
        count(
          db,
          `SELECT COUNT(*) FROM pages WHERE title LIKE 'Modèle:%' OR title LIKE 'Discussion:%'`,
        ),
      ).toBe(0);
      expect(
        db
          .prepare(
            `SELECT category FROM page_categories c JOIN pages p ON p.id = c.page_id WHERE p.slug = 'la-coop-des-communs' ORDER BY 1`,
          )
          .pluck()
          .all(),
      ).toEqual(['Hauts-de-France', 'Tiers-lieux']);
    } finally {
      db.close();
    }
  });

  it('turns a mapped infobox into the page kind and its structured fields, and keeps unmapped templates visible and reported', () => {
    const db = openDatabase(dbPath);
    try {
      const row = db
        .prepare(
          `SELECT id, kind, imported_fields, markdown FROM pages WHERE slug = 'la-coop-des-communs'`,
        )
        .get() as {
        id: number;
        kind: string;
        imported_fields: string;
        markdown: string;
      };
      expect(row.kind).toBe('place');
      expect(getPageFields(db, row.id)).toEqual({
        nom: 'La Coop des Communs',
        ville: 'Lille',
        code_postal: '59000',
      });
      // The parameter no field takes is kept with the page and reported.
      expect(JSON.parse(row.imported_fields).fields.site_web).toBe('https://coop.example');
      expect(first.stdout).toContain('Template fields written as page fields: 3, kept aside: 1');
      expect(first.stdout).toContain(
        'La Coop des Communs: site_web: no field "site_web" declared for the kind "place"',
      );
      expect(row.markdown).not.toContain('{{Lieu');
      expect(row.markdown).toContain('`{{Ébauche}}`');
      expect(row.markdown).toContain('![La façade de la Coop](</files/coop-facade.jpg>)');
      expect(first.stdout).toContain('Templates mapped: Lieu (1)');
      expect(first.stdout).toContain('Templates kept as written (unmapped): Ébauche (1)');
      expect(first.stdout).toContain('template {{Ébauche}} kept as written (not mapped)');
      const report = JSON.parse(
        db
          .prepare(`SELECT report FROM mediawiki_imports ORDER BY id LIMIT 1`)
          .pluck()
          .get() as string,
      );
      expect(report.files).toEqual({
        count: 1,
        names: ['Coop façade.jpg'],
        stored: 1,
        missing: [],
      });
      // The file from --images is in the file store under this wiki's name, with its sniffed type.
      expect(
        db
          .prepare(
            `SELECT content_type FROM file_versions v JOIN files f ON f.id = v.file_id WHERE f.name = 'coop-facade.jpg'`,
          )
          .pluck()
          .get(),
      ).toBe('image/png');
    } finally {
      db.close();
    }
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = openDatabase(dbPath);
    const snapshot = () =>
      JSON.stringify([
        history(before, 'tiers-lieu'),
        history(before, 'la-coop-des-communs'),
        count(before, 'SELECT COUNT(*) FROM revisions'),
      ]);
    const was = snapshot();
    const again = await cli(
      'import-mediawiki',
      fixture('movilab.xml'),
      '--templates',
      fixture('templates.yml'),
      '--db',
      dbPath,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Pages: 0 created, 0 updated, 3 unchanged');
    expect(again.stdout).toContain('Revisions: 0 imported, 7 already imported');
    expect(snapshot()).toBe(was);
    before.close();
  });

  it('adds only the new revisions of a newer export (schema 0.10), after an edit made here', async () => {
    const db = openDatabase(dbPath);
    savePage(db, new WikiServices(db), {
      slug: 'tiers-lieu',
      title: 'Tiers-lieu',
      markdown: 'Écrit ici après la migration.',
      summary: 'édition locale',
      authorIds: [],
    });
    db.close();
    const next = await cli('import-mediawiki', fixture('movilab-2020.xml'), '--db', dbPath);
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Pages: 1 created, 1 updated, 0 unchanged');
    expect(next.stdout).toContain('Revisions: 2 imported, 1 already imported');
    const after = openDatabase(dbPath);
    try {
      const revs = history(after, 'tiers-lieu');
      expect(revs.map((r) => r.summary)).toEqual([
        'Création de la page',
        "ajout d'une section",
        'tableau',
        'édition locale',
        'mise à jour 2020',
      ]);
      expect(revs[3].markdown).toBe('Écrit ici après la migration.');
      expect(revs[4].markdown).toContain('ouvert à tous depuis 2020');
      expect(history(after, 'fablab')).toHaveLength(1);
    } finally {
      after.close();
    }
  });

  it('reads a gzip export like a plain one', async () => {
    const gz = join(dir, 'movilab.xml.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('movilab.xml'))));
    const other = join(dir, 'gz.sqlite');
    const r = await cli('import-mediawiki', gz, '--db', other);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Pages: 3 created');
    expect(r.stdout).toContain('Revisions: 6 imported');
  });

  it('stops on malformed XML with the line and column, no stack trace, a non-zero exit code, and whole pages only', async () => {
    const other = join(dir, 'bad.sqlite');
    const r = await cli('import-mediawiki', fixture('movilab-malformed.xml'), '--db', other);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/movilab-malformed\.xml: line 148, column \d+: unexpected close tag/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const db = openDatabase(other);
    try {
      // The page before the error is imported whole; nothing of the broken page is written.
      expect(db.prepare(`SELECT slug FROM pages ORDER BY slug`).pluck().all()).toEqual([
        'tiers-lieu',
      ]);
      expect(count(db, `SELECT COUNT(*) FROM revisions`)).toBe(3);
      expect(db.prepare(`SELECT status FROM mediawiki_imports`).pluck().get()).toBe('failed');
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not a MediaWiki export, a missing file and a bad template map with a plain message', async () => {
    const notMw = join(dir, 'autre.xml');
    writeFileSync(notMw, '<rss version="2.0"><channel/></rss>');
    const a = await cli('import-mediawiki', notMw, '--db', join(dir, 'x.sqlite'));
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('line 1, column');
    expect(a.stderr).toContain('not a MediaWiki export');
    const b = await cli('import-mediawiki', join(dir, 'absent.xml'), '--db', join(dir, 'x.sqlite'));
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('cannot read');
    const map = join(dir, 'map.yml');
    copyFileSync(fixture('templates.yml'), map);
    writeFileSync(map, 'Lieu:\n  genre: lieu\n');
    const c = await cli(
      'import-mediawiki',
      fixture('movilab.xml'),
      '--templates',
      map,
      '--db',
      join(dir, 'x.sqlite'),
    );
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--templates');
    expect(c.stderr).toContain('Lieu');
  });
});
