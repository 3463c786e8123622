import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { exportPagesAfter } from '../helpers/export-pages.js';
import { deletePage } from '../../registry/wiki/deletion.js';

type T = Awaited<ReturnType<typeof testApp>>;
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
type Who = 'facilitator' | 'admin' | 'contributor' | null;
const del = (t: T, slug: string, reason: unknown = 'Spam publicitaire', as: Who = 'facilitator') =>
  t.request('DELETE', `/api/pages/${slug}`, { as: as ?? undefined, body: { reason } });
const restore = (
  t: T,
  slug: string,
  body: unknown = { reason: 'Supprimée par erreur' },
  as: Who = 'facilitator',
) => t.request('POST', `/api/pages/${slug}/restore`, { as: as ?? undefined, body });
const slugsOf = (list: { slug: string }[]) => list.map((p) => p.slug);

/** A small wiki: a home page linking to a compost page that links to a garden page. */
async function wiki() {
  const t = await testApp();
  await save(t, 'accueil', 'Accueil', 'Voir [[Compost collectif]].');
  await save(
    t,
    'compost-collectif',
    'Compost collectif',
    'Le compost du [[Jardin partagé]] et des [[Poules urbaines]]. Lombrics.',
    {
      categories: ['Écologie'],
    },
  );
  await save(t, 'jardin-partage', 'Jardin partagé', 'Nous cultivons ensemble.', {
    categories: ['Écologie'],
  });
  await save(t, 'atelier-velo', 'Atelier vélo', 'Réparer ensemble. [[Catégorie:Mobilité]]');
  return t;
}

describe('deleting a page', () => {
  it('is for facilitators and admins: 401 anonymous, 403 contributor, 400 without a reason, 404 unknown, 409 twice', async () => {
    const t = await wiki();
    expect((await del(t, 'atelier-velo', 'x', null)).status).toBe(401);
    const contributor = await del(t, 'atelier-velo', 'x', 'contributor');
    expect(contributor.status).toBe(403);
    expect(contributor.json.error.code).toBe('forbidden');
    for (const reason of ['', '   ', 'x'.repeat(501), 12, 'deux\nlignes']) {
      const bad = await del(t, 'atelier-velo', reason);
      expect(bad.status, JSON.stringify(reason)).toBe(400);
      expect(bad.json.error.field).toBe('reason');
    }
    const noBody = await t.request('DELETE', '/api/pages/atelier-velo', { as: 'facilitator' });
    expect(noBody.status).toBe(400);
    expect(noBody.json.error.field).toBe('reason');
    expect((await del(t, 'inconnue')).status).toBe(404);
    expect((await del(t, 'Pas Un Slug')).status).toBe(400);
    // Nothing was deleted by the refused requests.
    expect((await t.request('GET', '/api/pages/atelier-velo')).status).toBe(200);

    const ok = await del(t, 'atelier-velo', '  Doublon de la page réparation  ');
    expect(ok.status).toBe(200);
    expect(ok.json.deletion).toMatchObject({
      slug: 'atelier-velo',
      title: 'Atelier vélo',
      revision: 1,
      reason: 'Doublon de la page réparation',
      deletedBy: { name: 'Test facilitator' },
    });
    const again = await del(t, 'atelier-velo', 'encore', 'admin');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('page_deleted');
    // An admin may delete too.
    expect((await del(t, 'jardin-partage', 'Test', 'admin')).status).toBe(200);
  });

  it('answers 404 page_deleted with when, by whom and why; the history is for facilitators only', async () => {
    const t = await wiki();
    await save(t, 'jardin-partage', 'Jardin partagé', 'Nous cultivons ensemble le mardi.', {
      baseRevision: 1,
    });
    await del(t, 'jardin-partage', 'Page créée par erreur');
    for (const as of [undefined, 'reader', 'contributor', 'facilitator'] as const) {
      const res = await t.request('GET', '/api/pages/jardin-partage', { as });
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('page_deleted');
      expect(res.json.error.message).toContain('Page créée par erreur');
      expect(res.json.error.deletion).toMatchObject({
        slug: 'jardin-partage',
        title: 'Jardin partagé',
        revision: 2,
        reason: 'Page créée par erreur',
      });
      expect(res.json.error.deletion.deletedBy.name).toBe('Test facilitator');
      expect(Date.parse(res.json.error.deletion.deletedAt)).not.toBeNaN();
    }
    // An unknown page is still plain not_found.
    expect((await t.request('GET', '/api/pages/jamais-ecrite')).json.error.code).toBe('not_found');

    for (const as of [undefined, 'reader', 'contributor'] as const) {
      for (const path of ['revisions', 'revisions/1', 'diff?from=1&to=2']) {
        const res = await t.request('GET', `/api/pages/jardin-partage/${path}`, { as });
        expect(res.status, `${as} ${path}`).toBe(404);
        expect(res.json.error.code).toBe('page_deleted');
      }
    }
    for (const as of ['facilitator', 'admin'] as const) {
      const history = await t.request('GET', '/api/pages/jardin-partage/revisions', { as });
      expect(history.status).toBe(200);
      expect(history.json.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
      const old = await t.request('GET', '/api/pages/jardin-partage/revisions/1', { as });
      expect(old.json.markdown).toBe('Nous cultivons ensemble.');
      const diff = await t.request('GET', '/api/pages/jardin-partage/diff?from=1&to=2', { as });
      expect(diff.status).toBe(200);
      expect(diff.json.to).toBe(2);
    }
  });

  it('leaves the page index, categories, orphans, to-improve, backlinks and wanted counts; links render as missing', async () => {
    const t = await wiki();
    await t.request('PUT', '/api/pages/compost-collectif/needs-work', {
      as: 'contributor',
      body: { reason: 'Sources' },
    });
    const before = {
      index: await t.request('GET', '/api/pages'),
      cats: await t.request('GET', '/api/wiki/categories'),
      wanted: await t.request('GET', '/api/wiki/wanted'),
      backlinks: await t.request('GET', '/api/pages/jardin-partage/backlinks'),
      jardin: await t.request('GET', '/api/pages/jardin-partage'),
    };
    expect(before.index.json.total).toBe(4);
    expect(before.cats.json.categories).toContainEqual({ name: 'Écologie', count: 2 });
    expect(slugsOf(before.wanted.json.pages)).toEqual(['poules-urbaines']);
    expect(slugsOf(before.backlinks.json.pages)).toEqual(['compost-collectif']);
    expect(before.jardin.json.backlinkCount).toBe(1);

    expect((await del(t, 'compost-collectif')).status).toBe(200);

    const index = await t.request('GET', '/api/pages');
    expect(index.json.total).toBe(3);
    expect(slugsOf(index.json.pages)).not.toContain('compost-collectif');
    expect((await t.request('GET', '/api/wiki/categories')).json.categories).toContainEqual({
      name: 'Écologie',
      count: 1,
    });
    expect(
      slugsOf((await t.request('GET', '/api/wiki/categories/%C3%89cologie')).json.pages),
    ).toEqual(['jardin-partage']);
    // A deleted page no longer wants anything: poules-urbaines was wanted by it alone. The deleted
    // page itself is now a red link from the home page, so it is wanted (it can be restored).
    const wanted = (await t.request('GET', '/api/wiki/wanted')).json.pages;
    expect(slugsOf(wanted)).toEqual(['compost-collectif']);
    expect(wanted[0].from).toEqual([{ slug: 'accueil', title: 'Accueil' }]);
    // Its links stop counting: the garden has no backlink any more and becomes an orphan.
    expect((await t.request('GET', '/api/pages/jardin-partage/backlinks')).json.pages).toEqual([]);
    expect((await t.request('GET', '/api/pages/jardin-partage')).json.backlinkCount).toBe(0);
    const orphans = slugsOf((await t.request('GET', '/api/wiki/orphans')).json.pages);
    expect(orphans).toContain('jardin-partage');
    expect(orphans).not.toContain('compost-collectif');
    expect(slugsOf((await t.request('GET', '/api/wiki/to-improve')).json.pages)).not.toContain(
      'compost-collectif',
    );
    // The home page (cached rendering) shows the link as missing, also in the preview.
    expect((await t.request('GET', '/api/pages/accueil')).json.html).toContain(
      '<a class="wikilink missing" href="/wiki/compost-collectif">',
    );
    const preview = await t.request('POST', '/api/wiki/preview', {
      as: 'contributor',
      body: { markdown: '[[Compost collectif]]' },
    });
    expect(preview.json.html).toContain('wikilink missing');
  });

  it('removes the page from search results; a restoration indexes it again', async () => {
    const t = await wiki();
    const hits = async () =>
      slugsOf((await t.request('GET', '/api/search?q=lombrics')).json.results);
    expect(await hits()).toEqual(['compost-collectif']);
    await del(t, 'compost-collectif');
    expect(await hits()).toEqual([]);
    expect(slugsOf((await t.request('GET', '/api/search?q=compost')).json.results)).not.toContain(
      'compost-collectif',
    );
    await restore(t, 'compost-collectif');
    expect(await hits()).toEqual(['compost-collectif']);
  });

  it('refuses edits and recreation of a deleted page with 409 page_deleted until a facilitator restores it', async () => {
    const t = await wiki();
    await del(t, 'jardin-partage', 'Vandalisme');
    for (const as of ['contributor', 'facilitator'] as const) {
      const put = await t.request('PUT', '/api/pages/jardin-partage', {
        as,
        body: { title: 'Jardin', markdown: 'Recréée', baseRevision: 0 },
      });
      expect(put.status).toBe(409);
      expect(put.json.error.code).toBe('page_deleted');
      expect(put.json.error.message).toMatch(/restore/);
      expect(put.json.error.deletion.reason).toBe('Vandalisme');
    }
    const noBase = await save(t, 'jardin-partage', 'Jardin', 'Recréée');
    expect(noBase.status).toBe(409);
    expect(
      (
        await t.request('POST', '/api/pages/jardin-partage/revert', {
          as: 'contributor',
          body: { revision: 1 },
        })
      ).json.error.code,
    ).toBe('page_deleted');
    const props = await t.request('PATCH', '/api/pages/jardin-partage/properties', {
      as: 'contributor',
      body: { title: 'X' },
    });
    expect(props.status).toBe(409);
    const flag = await t.request('PUT', '/api/pages/jardin-partage/needs-work', {
      as: 'contributor',
      body: { reason: 'x' },
    });
    expect(flag.status).toBe(409);
    expect(flag.json.error.code).toBe('page_deleted');
    // Nothing was written.
    const history = await t.request('GET', '/api/pages/jardin-partage/revisions', {
      as: 'facilitator',
    });
    expect(history.json.revisions).toHaveLength(1);
  });

  it('restores a page with its whole history, links and categories; only facilitators; a stale baseRevision still 409s', async () => {
    const t = await wiki();
    await save(
      t,
      'compost-collectif',
      'Compost collectif',
      'Le compost du [[Jardin partagé]]. Lombrics et feuilles.',
      { baseRevision: 1 },
    );
    await del(t, 'compost-collectif');
    expect((await restore(t, 'compost-collectif', {}, null)).status).toBe(401);
    expect((await restore(t, 'compost-collectif', {}, 'contributor')).status).toBe(403);
    expect((await restore(t, 'inconnue')).status).toBe(404);
    expect(
      (await restore(t, 'compost-collectif', { reason: 'x'.repeat(501) })).json.error.field,
    ).toBe('reason');

    // No body at all is fine: the reason is optional.
    const back = await t.request('POST', '/api/pages/compost-collectif/restore', { as: 'admin' });
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({
      slug: 'compost-collectif',
      revision: 2,
      categories: ['Écologie'],
    });
    const again = await restore(t, 'compost-collectif');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('not_deleted');

    const page = await t.request('GET', '/api/pages/compost-collectif');
    expect(page.status).toBe(200);
    expect(page.json.markdown).toContain('Lombrics et feuilles.');
    expect(
      (await t.request('GET', '/api/pages/compost-collectif/revisions')).json.revisions,
    ).toHaveLength(2);
    expect((await t.request('GET', '/api/pages')).json.total).toBe(4);
    expect(
      slugsOf((await t.request('GET', '/api/pages/jardin-partage/backlinks')).json.pages),
    ).toEqual(['compost-collectif']);
    expect((await t.request('GET', '/api/wiki/categories')).json.categories).toContainEqual({
      name: 'Écologie',
      count: 2,
    });
    expect(slugsOf((await t.request('GET', '/api/wiki/wanted')).json.pages)).toEqual([]);
    expect((await t.request('GET', '/api/pages/accueil')).json.html).toContain(
      '<a class="wikilink" href="/wiki/compost-collectif">',
    );

    // Editing goes on from the restored revision; an editor that started before is still told.
    const stale = await save(t, 'compost-collectif', 'Compost collectif', 'Ancienne base', {
      baseRevision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'conflict', currentRevision: 2 });
    const next = await save(t, 'compost-collectif', 'Compost collectif', 'Suite.', {
      baseRevision: 2,
    });
    expect(next.status).toBe(200);
    expect(next.json.revision).toBe(3);
  });

  it('shows deletions and restorations in the recent changes and the Atom feed, and hides the revisions of deleted pages', async () => {
    const t = await wiki();
    await del(t, 'jardin-partage', 'Spam <script>');
    await save(t, 'atelier-velo', 'Atelier vélo', 'Réparer ensemble, le jeudi.', {
      baseRevision: 1,
    });
    let changes = (await t.request('GET', '/api/recent-changes')).json.changes;
    expect(changes.map((c: { kind: string; slug: string }) => `${c.kind} ${c.slug}`)).toEqual([
      'edit atelier-velo',
      'delete jardin-partage',
      'edit atelier-velo',
      'edit compost-collectif',
      'edit accueil',
    ]);
    expect(changes[1]).toMatchObject({
      kind: 'delete',
      title: 'Jardin partagé',
      reason: 'Spam <script>',
      revision: 1,
      author: { name: 'Test facilitator' },
      cursor: expect.stringMatching(/^log-\d+$/),
    });
    expect(changes[0]).toMatchObject({ kind: 'edit', reason: null, cursor: String(changes[0].id) });

    await restore(t, 'jardin-partage', { reason: 'Erreur' });
    changes = (await t.request('GET', '/api/recent-changes')).json.changes;
    expect(changes.map((c: { kind: string; slug: string }) => `${c.kind} ${c.slug}`)).toEqual([
      'restore jardin-partage',
      'edit atelier-velo',
      'delete jardin-partage',
      'edit atelier-velo',
      'edit jardin-partage',
      'edit compost-collectif',
      'edit accueil',
    ]);
    expect(changes[0]).toMatchObject({ reason: 'Erreur', author: { name: 'Test facilitator' } });

    // Paging with `next` walks the same list, whatever kind of entry a page ends on.
    const walked: string[] = [];
    let before: string | null = null;
    do {
      const q: string = before ? `&before=${encodeURIComponent(before)}` : '';
      const res = await t.request('GET', `/api/recent-changes?limit=2${q}`);
      expect(res.status).toBe(200);
      walked.push(
        ...res.json.changes.map((c: { kind: string; slug: string }) => `${c.kind} ${c.slug}`),
      );
      before = res.json.next;
    } while (before);
    expect(walked).toEqual(
      changes.map((c: { kind: string; slug: string }) => `${c.kind} ${c.slug}`),
    );
    expect((await t.request('GET', '/api/recent-changes?before=log-x')).status).toBe(400);

    const feed = await t.request('GET', '/feed/recent-changes.atom');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<summary type="text">Page restaurée : Erreur</summary>');
    expect(feed.text).toContain(
      '<summary type="text">Page supprimée : Spam &lt;script&gt;</summary>',
    );
    expect(feed.text).toMatch(/<id>http:\/\/localhost\/wiki\/jardin-partage\?log=\d+<\/id>/);
    expect(feed.text.match(/<entry>/g)).toHaveLength(7);
  });

  it('does not let a new registry resource write over a deleted page at its slug', async () => {
    const t = await testApp();
    await save(t, 'cryptpad', 'CryptPad', 'Une ancienne page.');
    await del(t, 'cryptpad');
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
    expect(created.status).toBe(201);
    expect(created.json.wikiPage).toBe('commun-cryptpad');
    expect((await t.request('GET', '/api/pages/cryptpad')).json.error.code).toBe('page_deleted');
  });

  it('keeps a deleted page out of export-pages', async () => {
    await exportPagesAfter(
      [
        { slug: 'gardee', title: 'Gardée', markdown: 'Oui' },
        { slug: 'supprimee', title: 'Supprimée', markdown: 'Non' },
      ],
      (db, wiki, userId) => deletePage(db, wiki, { slug: 'supprimee', userId, reason: 'Spam' }),
      ({ out, files }) => {
        expect(out).toContain('1 pages exported');
        expect(out).toContain('1 deleted pages left out');
        expect(files).toEqual(['gardee.md']);
      },
    );
  });
});
