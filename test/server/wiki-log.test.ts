import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

type T = Awaited<ReturnType<typeof testApp>>;
type Who = 'reader' | 'contributor' | 'facilitator' | 'admin' | undefined;
const save = (t: T, slug: string, title: string, markdown: string) =>
  t.request('PUT', `/api/pages/${slug}`, { as: 'contributor', body: { title, markdown } });
const del = (t: T, slug: string, reason: string, as: Who = 'facilitator') =>
  t.request('DELETE', `/api/pages/${slug}`, { as, body: { reason } });
const restore = (t: T, slug: string, body: unknown = {}, as: Who = 'facilitator') =>
  t.request('POST', `/api/pages/${slug}/restore`, { as, body });
const log = (t: T, query = '', as?: Who) => t.request('GET', `/api/wiki/log${query}`, { as });
const deleted = (t: T, query = '', as: Who = 'facilitator') =>
  t.request('GET', `/api/wiki/deleted${query}`, { as });
const actionsOf = (entries: { action: string; slug: string }[]) =>
  entries.map((e) => `${e.action} ${e.slug}`);

/**
 * Three pages, then: compost deleted (revision 2), compost restored, vélo deleted by the admin,
 * jardin deleted, compost deleted again. Entries newest first: delete compost, delete jardin,
 * delete vélo, restore compost, delete compost.
 */
async function wikiWithLog() {
  const t = await testApp();
  await save(t, 'compost-collectif', 'Compost collectif', 'Des lombrics.');
  await save(t, 'compost-collectif', 'Compost collectif', 'Des lombrics au jardin.');
  await save(t, 'atelier-velo', 'Atelier vélo', 'Réparer ensemble.');
  await save(t, 'jardin-partage', 'Jardin partagé', 'Nous cultivons ensemble.');
  expect((await del(t, 'compost-collectif', 'Doublon de Compostage')).status).toBe(200);
  expect((await restore(t, 'compost-collectif', { reason: 'Finalement utile' })).status).toBe(200);
  expect((await del(t, 'atelier-velo', 'Spam publicitaire', 'admin')).status).toBe(200);
  expect((await del(t, 'jardin-partage', 'Page de test')).status).toBe(200);
  expect((await del(t, 'compost-collectif', 'Vraiment un doublon')).status).toBe(200);
  return t;
}

describe('GET /api/wiki/log', () => {
  it('lists deletions and restorations newest first, with who, why, title and revision', async () => {
    const t = await wikiWithLog();
    const res = await log(t);
    expect(res.status).toBe(200);
    expect(res.json.next).toBeNull();
    expect(actionsOf(res.json.entries)).toEqual([
      'delete compost-collectif',
      'delete jardin-partage',
      'delete atelier-velo',
      'restore compost-collectif',
      'delete compost-collectif',
    ]);
    const [latest, , velo, restored] = res.json.entries;
    expect(latest).toMatchObject({
      action: 'delete',
      slug: 'compost-collectif',
      title: 'Compost collectif',
      revision: 2,
      user: { name: 'Test facilitator' },
      reason: 'Vraiment un doublon',
      details: {},
    });
    expect(typeof latest.id).toBe('number');
    expect(latest.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Object.keys(latest).sort()).toEqual(
      [
        'action',
        'createdAt',
        'details',
        'id',
        'reason',
        'revision',
        'slug',
        'title',
        'user',
      ].sort(),
    );
    expect(velo.user.name).toBe('Test admin');
    expect(restored).toMatchObject({ action: 'restore', reason: 'Finalement utile' });
    // Ids decrease: they are the paging key.
    const ids = res.json.entries.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('is public like the recent changes, and private with the wiki', async () => {
    const t = await wikiWithLog();
    expect((await log(t)).status).toBe(200);
    expect((await log(t, '', 'reader')).json.entries).toHaveLength(5);
    const priv = await testApp({ publicRead: false });
    expect((await priv.request('GET', '/api/wiki/log')).status).toBe(401);
    expect((await priv.request('GET', '/api/wiki/log', { as: 'reader' })).status).toBe(200);
  });

  it('filters by action (comma-separated or repeated) and by page', async () => {
    const t = await wikiWithLog();
    expect(actionsOf((await log(t, '?action=restore')).json.entries)).toEqual([
      'restore compost-collectif',
    ]);
    expect((await log(t, '?action=delete')).json.entries).toHaveLength(4);
    expect((await log(t, '?action=delete,restore')).json.entries).toHaveLength(5);
    expect((await log(t, '?action=delete&action=restore')).json.entries).toHaveLength(5);
    // An action nothing has logged (yet): an empty list, not an error.
    expect((await log(t, '?action=move')).json).toEqual({ entries: [], next: null });
    expect(actionsOf((await log(t, '?slug=compost-collectif')).json.entries)).toEqual([
      'delete compost-collectif',
      'restore compost-collectif',
      'delete compost-collectif',
    ]);
    expect(actionsOf((await log(t, '?slug=compost-collectif&action=delete')).json.entries)).toEqual(
      ['delete compost-collectif', 'delete compost-collectif'],
    );
    expect((await log(t, '?slug=page-jamais-vue')).json.entries).toEqual([]);
  });

  it('pages by id with next, filters included', async () => {
    const t = await wikiWithLog();
    const all = (await log(t)).json.entries.map((e: { id: number }) => e.id);
    const first = await log(t, '?limit=2');
    expect(first.json.entries.map((e: { id: number }) => e.id)).toEqual(all.slice(0, 2));
    expect(first.json.next).toBe(all[1]);
    const second = await log(t, `?limit=2&before=${first.json.next}`);
    expect(second.json.entries.map((e: { id: number }) => e.id)).toEqual(all.slice(2, 4));
    const third = await log(t, `?limit=2&before=${second.json.next}`);
    expect(third.json.entries.map((e: { id: number }) => e.id)).toEqual(all.slice(4));
    expect(third.json.next).toBeNull();
    // Exactly `limit` entries left: no next page announced.
    expect((await log(t, '?limit=5')).json.next).toBeNull();

    const p1 = await log(t, '?slug=compost-collectif&limit=1');
    expect(p1.json.entries).toHaveLength(1);
    const p2 = await log(t, `?slug=compost-collectif&limit=1&before=${p1.json.next}`);
    expect(p2.json.entries[0].action).toBe('restore');
    const p3 = await log(t, `?slug=compost-collectif&limit=1&before=${p2.json.next}`);
    expect(p3.json.entries[0].action).toBe('delete');
    expect(p3.json.next).toBeNull();
  });

  it('lists moves with their new slug and title in details, and filters them by action', async () => {
    const t = await wikiWithLog();
    await save(t, 'compostage', 'Compostage', 'Composter ensemble.');
    const moved = await t.request('POST', '/api/pages/compostage/move', {
      as: 'contributor',
      body: {
        slug: 'compostage-collectif',
        title: 'Compostage collectif',
        reason: 'Titre plus précis',
      },
    });
    expect(moved.status).toBe(200);
    const [latest, next] = (await log(t)).json.entries;
    expect(latest).toMatchObject({
      action: 'move',
      slug: 'compostage',
      reason: 'Titre plus précis',
    });
    expect(latest.details).toMatchObject({
      newSlug: 'compostage-collectif',
      newTitle: 'Compostage collectif',
    });
    expect(next.action).toBe('delete');
    expect(actionsOf((await log(t, '?action=move')).json.entries)).toEqual(['move compostage']);
  });

  it('answers 400 naming the field for bad parameters', async () => {
    const t = await wikiWithLog();
    const cases: [string, string][] = [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=abc', 'limit'],
      ['?before=0', 'before'],
      ['?before=-3', 'before'],
      ['?before=x', 'before'],
      ['?slug=Pas%20un%20slug', 'slug'],
      ['?slug=', 'slug'],
      ['?action=DELETE', 'action'],
      ['?action=delete;drop', 'action'],
      [`?action=${Array.from({ length: 21 }, (_, i) => `a${i}`).join(',')}`, 'action'],
    ];
    for (const [query, field] of cases) {
      const res = await log(t, query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.field, query).toBe(field);
    }
  });
});

describe('GET /api/wiki/deleted', () => {
  it('is for facilitators and admins: 401 anonymous, 403 reader and contributor', async () => {
    const t = await wikiWithLog();
    expect((await t.request('GET', '/api/wiki/deleted')).status).toBe(401);
    expect((await deleted(t, '', 'reader')).status).toBe(403);
    const contributor = await deleted(t, '', 'contributor');
    expect(contributor.status).toBe(403);
    expect(contributor.json.error.code).toBe('forbidden');
    expect((await deleted(t, '', 'facilitator')).status).toBe(200);
    expect((await deleted(t, '', 'admin')).status).toBe(200);
  });

  it('lists the pages deleted now, newest deletion first, with when, by whom, why and their revisions', async () => {
    const t = await wikiWithLog();
    const res = await deleted(t);
    expect(res.json.total).toBe(3);
    expect(res.json.pages.map((p: { slug: string }) => p.slug)).toEqual([
      'compost-collectif',
      'jardin-partage',
      'atelier-velo',
    ]);
    const [compost, , velo] = res.json.pages;
    expect(compost).toMatchObject({
      slug: 'compost-collectif',
      title: 'Compost collectif',
      revision: 2,
      revisionCount: 2,
      deletedBy: { name: 'Test facilitator' },
      reason: 'Vraiment un doublon',
    });
    expect(compost.deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(velo).toMatchObject({
      revisionCount: 1,
      deletedBy: { name: 'Test admin' },
      reason: 'Spam publicitaire',
    });

    // A restored page leaves the list; the list follows.
    expect((await restore(t, 'jardin-partage')).status).toBe(200);
    const after = await deleted(t);
    expect(after.json.total).toBe(2);
    expect(after.json.pages.map((p: { slug: string }) => p.slug)).toEqual([
      'compost-collectif',
      'atelier-velo',
    ]);
  });

  it('pages with limit and offset, and answers 400 naming the field', async () => {
    const t = await wikiWithLog();
    const p1 = await deleted(t, '?limit=2');
    expect(p1.json.total).toBe(3);
    expect(p1.json.pages.map((p: { slug: string }) => p.slug)).toEqual([
      'compost-collectif',
      'jardin-partage',
    ]);
    const p2 = await deleted(t, '?limit=2&offset=2');
    expect(p2.json.pages.map((p: { slug: string }) => p.slug)).toEqual(['atelier-velo']);
    expect((await deleted(t, '?offset=10')).json).toEqual({ total: 3, pages: [] });
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=x', 'limit'],
      ['?offset=-1', 'offset'],
    ]) {
      const res = await deleted(t, query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.field, query).toBe(field);
    }
  });

  it('is empty on a wiki where nothing was deleted', async () => {
    const t = await testApp();
    await save(t, 'accueil', 'Accueil', 'Bienvenue.');
    expect((await deleted(t)).json).toEqual({ total: 0, pages: [] });
    expect((await log(t)).json).toEqual({ entries: [], next: null });
  });
});
