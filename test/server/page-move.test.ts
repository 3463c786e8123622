import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { testApp } from '../helpers/app.js';
import { exportPagesAfter } from '../helpers/export-pages.js';
import { movePage } from '../../registry/wiki/move.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { loadMigrations, migrate } from '../../server/db/migrate.js';
import { recentChanges } from '../../registry/wiki/lists.js';

type T = Awaited<ReturnType<typeof testApp>>;
type Who = 'facilitator' | 'admin' | 'contributor' | 'reader' | null;
const save = (
  t: T,
  slug: string,
  title: string,
  markdown: string,
  extra: Record<string, unknown> = {},
) =>
  t.request('PUT', `/api/pages/${slug}`, {
    as: 'contributor',
    body: { title, markdown, ...extra },
  });
const move = (t: T, slug: string, body: unknown, as: Who = 'contributor') =>
  t.request('POST', `/api/pages/${slug}/move`, { as: as ?? undefined, body });
const slugsOf = (list: { slug: string }[]) => list.map((p) => p.slug);

/** A home page linking to a page created with a typo in its slug, which links to a garden page. */
async function wiki() {
  const t = await testApp();
  await save(t, 'accueil', 'Accueil', 'Voir [[compost-colectif|le compost]].');
  await save(
    t,
    'compost-colectif',
    'Compost colectif',
    'Le compost du [[Jardin partagé]]. Lombrics et épluchures.',
    {
      categories: ['Écologie'],
    },
  );
  await save(
    t,
    'compost-colectif',
    'Compost colectif',
    'Le compost du [[Jardin partagé]]. Lombrics, épluchures et feuilles.',
  );
  await save(
    t,
    'jardin-partage',
    'Jardin partagé',
    'Nous cultivons ensemble. Voir [[compost-colectif]].',
  );
  return t;
}

describe('moving a page', () => {
  it('is for contributors and above, with clear 4xx answers naming the field', async () => {
    const t = await wiki();
    expect((await move(t, 'compost-colectif', { slug: 'compost-collectif' }, null)).status).toBe(
      401,
    );
    expect(
      (await move(t, 'compost-colectif', { slug: 'compost-collectif' }, 'reader')).status,
    ).toBe(403);
    for (const slug of ['', 'Avec Espaces', 'accentué', '-tiret', 'a'.repeat(121), 12, null]) {
      const bad = await move(t, 'compost-colectif', { slug });
      expect(bad.status, JSON.stringify(slug)).toBe(400);
      expect(bad.json.error.field).toBe('slug');
    }
    expect((await move(t, 'compost-colectif', {})).json.error.field).toBe('slug');
    for (const title of ['', '   ', 'x'.repeat(201), 'deux\nlignes']) {
      const bad = await move(t, 'compost-colectif', { slug: 'compost-collectif', title });
      expect(bad.status, JSON.stringify(title)).toBe(400);
      expect(bad.json.error.field).toBe('title');
    }
    const badReason = await move(t, 'compost-colectif', {
      slug: 'compost-collectif',
      reason: 'x'.repeat(501),
    });
    expect(badReason.json.error.field).toBe('reason');
    expect(
      (await move(t, 'compost-colectif', { slug: 'compost-collectif', redirect: 'oui' })).json.error
        .field,
    ).toBe('redirect');
    // Its own slug with only a title change: that is the properties route.
    const same = await move(t, 'compost-colectif', {
      slug: 'compost-colectif',
      title: 'Compost collectif',
    });
    expect(same.status).toBe(400);
    expect(same.json.error.field).toBe('slug');
    expect((await move(t, 'inconnue', { slug: 'ailleurs' })).status).toBe(404);
    expect((await move(t, 'Pas Un Slug', { slug: 'ailleurs' })).status).toBe(400);
    // Onto a live page.
    const onto = await move(t, 'compost-colectif', { slug: 'jardin-partage' });
    expect(onto.status).toBe(409);
    expect(onto.json.error).toMatchObject({ code: 'conflict', field: 'slug' });
    // Nothing moved by the refused requests.
    expect((await t.request('GET', '/api/pages/compost-colectif')).status).toBe(200);
    expect(
      (await t.request('GET', '/api/recent-changes')).json.changes.every(
        (c: { kind: string }) => c.kind === 'edit',
      ),
    ).toBe(true);
  });

  it('keeps the id, history, categories and backlinks, leaves a redirect, and answers 308 on the old slug', async () => {
    const t = await wiki();
    const ok = await move(t, 'compost-colectif', {
      slug: 'compost-collectif',
      title: 'Compost collectif',
      reason: 'Coquille',
    });
    expect(ok.status).toBe(200);
    expect(ok.json.move).toEqual({
      from: { slug: 'compost-colectif', title: 'Compost colectif' },
      to: { slug: 'compost-collectif', title: 'Compost collectif' },
      redirect: true,
    });
    expect(ok.json.page).toMatchObject({
      slug: 'compost-collectif',
      title: 'Compost collectif',
      revision: 2,
      categories: ['Écologie'],
    });
    // Two pages link to the old slug: they count as backlinks of the moved page.
    expect(ok.json.page.backlinkCount).toBe(2);

    const page = await t.request('GET', '/api/pages/compost-collectif');
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({
      slug: 'compost-collectif',
      title: 'Compost collectif',
      revision: 2,
      backlinkCount: 2,
    });
    // No revision was added; the whole history follows the page.
    const history = await t.request('GET', '/api/pages/compost-collectif/revisions');
    expect(history.json.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);

    const old = await t.request('GET', '/api/pages/compost-colectif');
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe('/api/pages/compost-collectif');
    expect(old.json).toEqual({ redirect: { from: 'compost-colectif', to: 'compost-collectif' } });
    for (const [path, target] of [
      [
        '/api/pages/compost-colectif/revisions?limit=1',
        '/api/pages/compost-collectif/revisions?limit=1',
      ],
      ['/api/pages/compost-colectif/revisions/1', '/api/pages/compost-collectif/revisions/1'],
      [
        '/api/pages/compost-colectif/diff?from=1&to=2',
        '/api/pages/compost-collectif/diff?from=1&to=2',
      ],
      ['/api/pages/compost-colectif/backlinks', '/api/pages/compost-collectif/backlinks'],
    ]) {
      const res = await t.request('GET', path);
      expect(res.status, path).toBe(308);
      expect(res.headers.get('location')).toBe(target);
      expect((await t.request('GET', target)).status).toBe(200);
    }
    const bl = await t.request('GET', '/api/pages/compost-collectif/backlinks');
    expect(slugsOf(bl.json.pages)).toEqual(['accueil', 'jardin-partage']);

    // Links to the old slug render as existing links to it (it redirects); no "page à créer".
    const home = await t.request('GET', '/api/pages/accueil');
    expect(home.json.html).toContain('href="/wiki/compost-colectif"');
    expect(home.json.html).not.toContain('missing');
    expect(slugsOf((await t.request('GET', '/api/wiki/wanted')).json.pages)).not.toContain(
      'compost-colectif',
    );
    expect(slugsOf((await t.request('GET', '/api/wiki/orphans')).json.pages)).not.toContain(
      'compost-collectif',
    );
    const list = slugsOf((await t.request('GET', '/api/pages')).json.pages);
    expect(list).toContain('compost-collectif');
    expect(list).not.toContain('compost-colectif');
    const cat = await t.request('GET', `/api/wiki/categories/${encodeURIComponent('Écologie')}`);
    expect(slugsOf(cat.json.pages)).toEqual(['compost-collectif']);
    // Writes to the old slug find no page (a PUT would create one there, see below).
    expect(
      (
        await t.request('POST', '/api/pages/compost-colectif/revert', {
          as: 'contributor',
          body: { revision: 1 },
        })
      ).status,
    ).toBe(404);
  });

  it('follows the page in the search index', async () => {
    const t = await wiki();
    const hits = async (q: string) =>
      slugsOf((await t.request('GET', `/api/search?q=${q}`)).json.results);
    expect(await hits('lombrics')).toEqual(['compost-colectif']);
    await move(t, 'compost-colectif', { slug: 'compost-collectif', title: 'Compost collectif' });
    expect(await hits('lombrics')).toEqual(['compost-collectif']);
    expect(await hits('collectif')).toEqual(['compost-collectif']);
  });

  it('logs the move in the recent changes and the Atom feed', async () => {
    const t = await wiki();
    await move(t, 'compost-colectif', {
      slug: 'compost-collectif',
      title: 'Compost collectif',
      reason: 'Coquille <b>',
    });
    const recent = await t.request('GET', '/api/recent-changes');
    const first = recent.json.changes[0];
    expect(first).toMatchObject({
      kind: 'move',
      slug: 'compost-collectif',
      title: 'Compost collectif',
      from: { slug: 'compost-colectif', title: 'Compost colectif' },
      to: { slug: 'compost-collectif', title: 'Compost collectif' },
      redirect: true,
      reason: 'Coquille <b>',
      revision: 2,
      author: { name: 'Test contributor' },
    });
    expect(first.cursor).toMatch(/^log-\d+$/);
    // The edits before it show the page where it is now; edits have no move fields.
    expect(
      recent.json.changes
        .slice(1)
        .map((c: { kind: string; slug: string }) => `${c.kind} ${c.slug}`),
    ).toEqual([
      'edit jardin-partage',
      'edit compost-collectif',
      'edit compost-collectif',
      'edit accueil',
    ]);
    expect(recent.json.changes[1].from).toBeUndefined();
    // Paging from the move entry goes on with what is older.
    const older = await t.request('GET', `/api/recent-changes?before=${first.cursor}&limit=1`);
    expect(older.json.changes[0]).toMatchObject({ kind: 'edit', slug: 'jardin-partage' });

    const feed = await t.request('GET', '/feed/recent-changes.atom');
    expect(feed.text).toContain(
      '<summary type="text">Page renommée : Compost colectif (compost-colectif) → Compost collectif (compost-collectif) : Coquille &lt;b&gt;</summary>',
    );
    expect(feed.text).toContain(
      '<link rel="alternate" type="text/html" href="http://localhost/wiki/compost-collectif"/>',
    );
  });

  it('without a redirect, the old slug is free: links to it are missing and it is a page à créer', async () => {
    const t = await wiki();
    const ok = await move(t, 'compost-colectif', { slug: 'compost-collectif', redirect: false });
    expect(ok.status).toBe(200);
    expect(ok.json.move.redirect).toBe(false);
    expect(ok.json.page.title).toBe('Compost colectif');
    expect(ok.json.page.backlinkCount).toBe(0);
    expect((await t.request('GET', '/api/pages/compost-colectif')).status).toBe(404);
    expect((await t.request('GET', '/api/pages/accueil')).json.html).toContain('missing');
    expect(slugsOf((await t.request('GET', '/api/wiki/wanted')).json.pages)).toContain(
      'compost-colectif',
    );
    expect(slugsOf((await t.request('GET', '/api/wiki/orphans')).json.pages)).toContain(
      'compost-collectif',
    );
    const recent = await t.request('GET', '/api/recent-changes');
    expect(recent.json.changes[0]).toMatchObject({ kind: 'move', redirect: false });
    expect((await t.request('GET', '/feed/recent-changes.atom')).text).toContain(
      ', sans redirection',
    );
  });

  it('moves back and forth without a loop, and several times without a chain', async () => {
    const t = await wiki();
    expect((await move(t, 'compost-colectif', { slug: 'compost-collectif' })).status).toBe(200);
    // Back onto its own redirect: allowed, the redirect is replaced by the page.
    const back = await move(t, 'compost-collectif', { slug: 'compost-colectif' });
    expect(back.status).toBe(200);
    expect((await t.request('GET', '/api/pages/compost-colectif')).status).toBe(200);
    const fwd = await t.request('GET', '/api/pages/compost-collectif');
    expect(fwd.status).toBe(308);
    expect(fwd.headers.get('location')).toBe('/api/pages/compost-colectif');
    // A → B → C: both old slugs lead straight to C.
    await move(t, 'compost-colectif', { slug: 'compost-collectif' });
    await move(t, 'compost-collectif', { slug: 'compost-partage' });
    for (const old of ['compost-colectif', 'compost-collectif']) {
      const res = await t.request('GET', `/api/pages/${old}`);
      expect(res.status).toBe(308);
      expect(res.headers.get('location')).toBe('/api/pages/compost-partage');
    }
    expect((await t.request('GET', '/api/pages/compost-partage')).json.backlinkCount).toBe(2);
    expect(
      (await t.request('GET', '/api/recent-changes')).json.changes.filter(
        (c: { kind: string }) => c.kind === 'move',
      ),
    ).toHaveLength(4);
  });

  it('refuses a target held by a deleted page or by a redirect to another page; refuses to move a deleted page', async () => {
    const t = await wiki();
    await save(t, 'vieux-compost', 'Vieux compost', 'Ancien.');
    await t.request('DELETE', '/api/pages/vieux-compost', {
      as: 'facilitator',
      body: { reason: 'Doublon' },
    });
    const ontoDeleted = await move(t, 'compost-colectif', { slug: 'vieux-compost' });
    expect(ontoDeleted.status).toBe(409);
    expect(ontoDeleted.json.error).toMatchObject({ code: 'conflict', field: 'slug' });
    const deleted = await move(t, 'vieux-compost', { slug: 'ailleurs' });
    expect(deleted.status).toBe(409);
    expect(deleted.json.error.code).toBe('page_deleted');

    await move(t, 'jardin-partage', { slug: 'jardin-collectif' });
    const ontoOther = await move(t, 'compost-colectif', { slug: 'jardin-partage' });
    expect(ontoOther.status).toBe(409);
    expect(ontoOther.json.error).toMatchObject({ code: 'conflict', field: 'slug' });
    expect(ontoOther.json.error.message).toContain('redirect');
    expect((await t.request('GET', '/api/pages/jardin-partage')).headers.get('location')).toBe(
      '/api/pages/jardin-collectif',
    );
  });

  it('lets a PUT write a real page at a redirect slug, which replaces the redirect', async () => {
    const t = await wiki();
    await move(t, 'compost-colectif', { slug: 'compost-collectif' });
    const created = await save(
      t,
      'compost-colectif',
      'Compost colectif (homonyme)',
      'Une autre page.',
    );
    expect(created.status).toBe(201);
    expect(created.json.revision).toBe(1);
    expect(created.json.html).toContain('Une autre page.');
    const now = await t.request('GET', '/api/pages/compost-colectif');
    expect(now.status).toBe(200);
    expect(now.json.title).toBe('Compost colectif (homonyme)');
    // Links to that slug now lead to the new page; the moved page lost those backlinks.
    expect(now.json.backlinkCount).toBe(2);
    expect((await t.request('GET', '/api/pages/compost-collectif')).json.backlinkCount).toBe(0);
    expect(
      slugsOf((await t.request('GET', '/api/pages/compost-colectif/backlinks')).json.pages),
    ).toEqual(['accueil', 'jardin-partage']);
  });

  it('a deleted moved page: its old slug redirects to the deletion, links to it are missing', async () => {
    const t = await wiki();
    await move(t, 'compost-colectif', { slug: 'compost-collectif' });
    await t.request('DELETE', '/api/pages/compost-collectif', {
      as: 'facilitator',
      body: { reason: 'Spam' },
    });
    expect((await t.request('GET', '/api/pages/compost-colectif')).status).toBe(308);
    expect((await t.request('GET', '/api/pages/compost-collectif')).json.error.code).toBe(
      'page_deleted',
    );
    expect((await t.request('GET', '/api/pages/accueil')).json.html).toContain('missing');
    expect(slugsOf((await t.request('GET', '/api/wiki/wanted')).json.pages)).toContain(
      'compost-colectif',
    );
    await t.request('POST', '/api/pages/compost-collectif/restore', {
      as: 'facilitator',
      body: {},
    });
    expect((await t.request('GET', '/api/pages/accueil')).json.html).not.toContain('missing');
  });

  it('updates the registry resource whose wiki page moved, and a new resource does not take a redirect slug', async () => {
    const t = await testApp();
    const created = await t.request('POST', '/api/resources', {
      as: 'contributor',
      body: {
        slug: 'cryptpad',
        name: 'CryptPad',
        kind: 'software',
        summary: 'Suite bureautique chiffrée.',
        themes: ['numerique'],
        license: 'AGPL-3.0-or-later',
      },
    });
    expect(created.json.wikiPage).toBe('cryptpad');
    expect(
      (await move(t, 'cryptpad', { slug: 'cryptpad-suite', title: 'CryptPad, la suite' })).status,
    ).toBe(200);
    const resource = await t.request('GET', '/api/resources/cryptpad');
    expect(resource.json.wikiPage).toBe('cryptpad-suite');
    expect((await t.request('GET', `/api/pages/${resource.json.wikiPage}`)).json.kind).toBe(
      'commun',
    );

    await save(t, 'etherpad-doc', 'Etherpad', 'Notes.');
    await move(t, 'etherpad-doc', { slug: 'etherpad-notes' });
    // A resource whose slug is a redirect gets the next candidate slug.
    const other = await t.request('POST', '/api/resources', {
      as: 'contributor',
      body: {
        slug: 'etherpad-doc',
        name: 'Etherpad',
        kind: 'software',
        summary: 'Éditeur collaboratif.',
        themes: ['numerique'],
        license: 'Apache-2.0',
      },
    });
    expect(other.status).toBe(201);
    expect(other.json.wikiPage).toBe('commun-etherpad-doc');
    expect((await t.request('GET', '/api/pages/etherpad-doc')).status).toBe(308);
  });

  it('export-pages names files by the new slug and lists redirects in redirects.json', async () => {
    await exportPagesAfter(
      [
        { slug: 'gardee', title: 'Gardée', markdown: 'Oui' },
        { slug: 'ancien-nom', title: 'Ancien nom', markdown: 'Déplacée' },
      ],
      (db, wiki, userId) =>
        movePage(db, wiki, { slug: 'ancien-nom', to: 'nouveau-nom', userId, reason: '' }),
      ({ out, files, read }) => {
        expect(out).toContain('2 pages exported');
        expect(out).toContain('1 redirects in redirects.json');
        expect(files).toEqual(['gardee.md', 'nouveau-nom.md', 'redirects.json']);
        expect(JSON.parse(read('redirects.json'))).toEqual({ 'ancien-nom': 'nouveau-nom' });
      },
    );
  });

  it('migration 0007 keeps the page log of a 0006 database, its indexes, and allows moves', async () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(
      db,
      all.filter((m) => m.version <= 6),
    );
    db.exec(
      `INSERT INTO users (id, email, name, password_hash, role) VALUES (1, 'a@example.org', 'Admin', 'x', 'admin')`,
    );
    db.exec(
      `INSERT INTO pages (id, slug, title, markdown, revision) VALUES (1, 'brouillon', 'Brouillon', 'x', 1)`,
    );
    db.exec(`INSERT INTO page_log (action, page_id, slug, title, revision, user_id, reason, after_revision_id, created_at)
      VALUES ('delete', 1, 'brouillon', 'Brouillon', 1, 1, 'Test', 0, '2026-01-01T00:00:00.000Z'),
             ('restore', 1, 'brouillon', 'Brouillon', 1, 1, '', 0, '2026-01-02T00:00:00.000Z')`);
    migrate(db, all);
    expect(
      db.prepare(`SELECT id, action, slug, reason, created_at FROM page_log ORDER BY id`).all(),
    ).toEqual([
      {
        id: 1,
        action: 'delete',
        slug: 'brouillon',
        reason: 'Test',
        created_at: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 2,
        action: 'restore',
        slug: 'brouillon',
        reason: '',
        created_at: '2026-01-02T00:00:00.000Z',
      },
    ]);
    const indexes = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'page_log' ORDER BY name`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual(['page_log_created', 'page_log_position', 'page_log_slug']);
    const wiki = new WikiServices(db);
    movePage(db, wiki, { slug: 'brouillon', to: 'brouillon-2', userId: 1, reason: 'Nom' });
    expect(recentChanges(db, 10).map((c) => `${c.kind} ${c.slug}`)).toEqual([
      'move brouillon-2',
      'restore brouillon',
      'delete brouillon',
    ]);
    // A 'move' row needs its new slug, and other rows none.
    expect(() =>
      db.exec(`INSERT INTO page_log (action, slug, title, revision) VALUES ('move', 'a', 'A', 1)`),
    ).toThrow(/CHECK/);
    db.close();
  });
});
