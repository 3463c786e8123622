import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp } from '../helpers/app.js';
import { createApp } from '../../server/app.js';
import { openDatabase } from '../../server/db/open.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { seedIfEmpty } from '../../server/seed/index.js';
import { DEMO_PAGES } from '../../server/seed/pages.js';
import { DEMO_REGISTRY } from '../../server/seed/registry.js';

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
const long = (s: string) =>
  `${s}\n\n${'Un paragraphe assez long pour ne pas être une ébauche. '.repeat(8)}`;

describe('links between pages', () => {
  it('shows links to missing pages as missing until the page is created', async () => {
    const t = await testApp();
    await save(
      t,
      'accueil',
      'Accueil',
      'Voir [[Ouvrir un fablab]] et [[gouvernance-partagee|la gouvernance]].',
    );
    const before = await t.request('GET', '/api/pages/accueil');
    expect(before.json.html).toContain(
      '<a class="wikilink missing" href="/wiki/ouvrir-un-fablab">Ouvrir un fablab</a>',
    );
    expect(before.json.html).toContain(
      '<a class="wikilink missing" href="/wiki/gouvernance-partagee">la gouvernance</a>',
    );
    await save(t, 'ouvrir-un-fablab', 'Ouvrir un fablab', 'Des machines.');
    const after = await t.request('GET', '/api/pages/accueil');
    expect(after.json.revision).toBe(1);
    expect(after.json.html).toContain(
      '<a class="wikilink" href="/wiki/ouvrir-un-fablab">Ouvrir un fablab</a>',
    );
    expect(after.json.html).toContain(
      '<a class="wikilink missing" href="/wiki/gouvernance-partagee">',
    );
    // An old revision's rendering follows too.
    const rev = await t.request('GET', '/api/pages/accueil/revisions/1');
    expect(rev.json.html).toContain('<a class="wikilink" href="/wiki/ouvrir-un-fablab">');
  });

  it('notices pages written by another process (a CLI import) in cached renderings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-wiki-'));
    const path = join(dir, 'wiki.sqlite');
    const db = openDatabase(path);
    const other = openDatabase(path);
    try {
      const { app, services } = createApp({ db });
      await seedIfEmpty(db);
      const read = async () =>
        ((await (await app.request('/api/pages/accueil')).json()) as { html: string }).html;
      await read();
      // Another process's commits are noticed by page reads within a few milliseconds (the check is
      // throttled so that cached reads do not each query SQLite's data version).
      savePage(other, new WikiServices(), {
        slug: 'accueil',
        title: 'Accueil',
        markdown: 'Voir [[Cible]].',
        authorIds: [],
      });
      await expect
        .poll(read, { interval: 5 })
        .toContain('<a class="wikilink missing" href="/wiki/cible">');
      const cached = services.wiki.cacheSize;
      expect(await read()).toContain('wikilink missing');
      expect(services.wiki.cacheSize).toBe(cached);
      // Another connection creates the target: the cached rendering is re-checked, not re-parsed.
      savePage(other, new WikiServices(), {
        slug: 'cible',
        title: 'Cible',
        markdown: 'Ici.',
        authorIds: [],
      });
      await expect
        .poll(read, { interval: 5 })
        .toContain('<a class="wikilink" href="/wiki/cible">Cible</a>');
      expect(services.wiki.cacheSize).toBe(cached);
    } finally {
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tracks backlinks and their count, and updates them on every save', async () => {
    const t = await testApp();
    await save(t, 'cible', 'Cible', 'Page cible.');
    await save(t, 'a', 'Alpha', 'Voir [[Cible]], deux fois : [[cible|ici]].');
    await save(t, 'b', 'Bêta', 'Aussi [[Cible]].');
    let r = await t.request('GET', '/api/pages/cible/backlinks');
    expect(r.json.pages).toEqual([
      { slug: 'a', title: 'Alpha' },
      { slug: 'b', title: 'Bêta' },
    ]);
    expect((await t.request('GET', '/api/pages/cible')).json.backlinkCount).toBe(2);
    await save(t, 'a', 'Alpha', 'Plus de lien.');
    r = await t.request('GET', '/api/pages/cible/backlinks');
    expect(r.json.pages).toEqual([{ slug: 'b', title: 'Bêta' }]);
    // Backlinks of a page that does not exist yet: who is waiting for it.
    await save(t, 'c', 'Gamma', '[[Future page]]');
    expect((await t.request('GET', '/api/pages/future-page/backlinks')).json.pages).toEqual([
      { slug: 'c', title: 'Gamma' },
    ]);
  });
});

describe('special lists', () => {
  it('lists wanted pages, most wanted first, with the title the links used', async () => {
    const t = await testApp();
    await save(t, 'a', 'Alpha', "[[Statuts d'une SCIC]] [[Charte des bénévoles]]");
    await save(t, 'b', 'Bêta', '[[statuts-d-une-scic|les statuts]] [[a|Alpha]]');
    const r = await t.request('GET', '/api/wiki/wanted');
    expect(r.status).toBe(200);
    expect(r.json.pages).toEqual([
      {
        slug: 'statuts-d-une-scic',
        title: "Statuts d'une SCIC",
        count: 2,
        from: [
          { slug: 'a', title: 'Alpha' },
          { slug: 'b', title: 'Bêta' },
        ],
      },
      {
        slug: 'charte-des-benevoles',
        title: 'Charte des bénévoles',
        count: 1,
        from: [{ slug: 'a', title: 'Alpha' }],
      },
    ]);
    await save(t, 'charte-des-benevoles', 'Charte des bénévoles', 'Texte.');
    const after = await t.request('GET', '/api/wiki/wanted');
    expect(after.json.pages.map((p: { slug: string }) => p.slug)).toEqual(['statuts-d-une-scic']);
  });

  it('lists orphans, never the home page', async () => {
    const t = await testApp();
    await save(t, 'accueil', 'Accueil', 'Voir [[Liée]].');
    await save(t, 'liee', 'Liée', 'Retour à [[Accueil]].');
    await save(t, 'seule', 'Seule', 'Personne ne me cite.');
    const r = await t.request('GET', '/api/wiki/orphans');
    expect(r.json.pages).toEqual([{ slug: 'seule', title: 'Seule' }]);
    await save(t, 'liee', 'Liée', 'Retour à [[Accueil]], et [[Seule]].', { baseRevision: 1 });
    expect((await t.request('GET', '/api/wiki/orphans')).json.pages).toEqual([]);
  });

  it('lists pages to improve: flagged ones with their note, then stubs', async () => {
    const t = await testApp();
    await save(t, 'complete', 'Complète', long('# Complète'));
    await save(t, 'courte', 'Courte', 'Deux lignes seulement.');
    await save(t, 'signalee', 'Signalée', long('# Signalée'));
    await t.request('PUT', '/api/pages/signalee/needs-work', {
      as: 'contributor',
      body: { reason: 'Manque un exemple' },
    });
    const r = await t.request('GET', '/api/wiki/to-improve');
    expect(r.json.pages).toEqual([
      {
        slug: 'signalee',
        title: 'Signalée',
        reason: 'flagged',
        note: 'Manque un exemple',
        textLength: expect.any(Number),
      },
      {
        slug: 'courte',
        title: 'Courte',
        reason: 'stub',
        note: null,
        textLength: 'Deux lignes seulement.'.length,
      },
    ]);
    // Markup does not count as text: a page full of links with little text is still a stub.
    await save(t, 'liens', 'Liens', `[a](https://example.org/${'x'.repeat(400)})`);
    const again = await t.request('GET', '/api/wiki/to-improve');
    expect(again.json.pages.map((p: { slug: string }) => p.slug)).toContain('liens');
  });

  it('lists categories with counts and the pages of one category', async () => {
    const t = await testApp();
    await save(t, 'a', 'Alpha', 'Texte [[Catégorie:Économie]]', { categories: ['Gouvernance'] });
    await save(t, 'b', 'Bêta', 'Texte [[Category:économie]]');
    await save(t, 'c', 'Gamma', 'Texte', { categories: ['Alimentation'] });
    const r = await t.request('GET', '/api/wiki/categories');
    expect(r.json.categories).toEqual([
      { name: 'Alimentation', count: 1 },
      { name: 'Économie', count: 2 },
      { name: 'Gouvernance', count: 1 },
    ]);
    const eco = await t.request('GET', `/api/wiki/categories/${encodeURIComponent('Économie')}`);
    expect(eco.json).toEqual({
      name: 'Économie',
      pages: [
        { slug: 'a', title: 'Alpha' },
        { slug: 'b', title: 'Bêta' },
      ],
      // No category page imported for it (see mediawiki-api.test.ts for one that has one).
      description: null,
      descriptionHtml: null,
    });
    expect((await t.request('GET', '/api/wiki/categories/gouvernance')).json.pages).toEqual([
      { slug: 'a', title: 'Alpha' },
    ]);
    await save(t, 'd', 'Delta', 'Texte', { categories: ['Élus / collectivités & co'] });
    const odd = await t.request(
      'GET',
      `/api/wiki/categories/${encodeURIComponent('Élus / collectivités & co')}`,
    );
    expect(odd.json).toEqual({
      name: 'Élus / collectivités & co',
      pages: [{ slug: 'd', title: 'Delta' }],
      description: null,
      descriptionHtml: null,
    });
    const none = await t.request('GET', '/api/wiki/categories/Inconnue');
    expect(none.status).toBe(404);
  });

  it('gives every list something to show on the demo content', async () => {
    const t = await testApp();
    expect(await seedIfEmpty(t.db)).toBe(true);
    const pages = await t.request('GET', '/api/pages?limit=100');
    // Demo pages plus one page of kind "commun" per demo registry resource.
    expect(pages.json.total).toBe(DEMO_PAGES.length + DEMO_REGISTRY.resources.length);
    expect(pages.json.total).toBeGreaterThanOrEqual(12);
    const wanted = await t.request('GET', '/api/wiki/wanted');
    expect(wanted.json.pages.length).toBeGreaterThanOrEqual(2);
    const toImprove = await t.request('GET', '/api/wiki/to-improve');
    expect(toImprove.json.pages.map((p: { reason: string }) => p.reason)).toEqual(
      expect.arrayContaining(['flagged', 'stub']),
    );
    expect((await t.request('GET', '/api/wiki/orphans')).json.pages.length).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/wiki/categories')).json.categories.length).toBeGreaterThan(
      4,
    );
    const home = await t.request('GET', '/api/pages/accueil');
    expect(home.json.html).toContain('class="wikilink"');
    expect(home.json.html).not.toContain('wikilink missing');
    expect(home.json.html).toContain('<table>');
    for (const p of DEMO_PAGES) {
      const r = await t.request('GET', `/api/pages/${p.slug}`);
      expect(r.status, p.slug).toBe(200);
    }
  });
});

describe('recent changes', () => {
  it('lists the latest revisions newest first, with paging', async () => {
    const t = await testApp();
    await save(t, 'a', 'Alpha', 'un');
    await save(t, 'b', 'Bêta', 'deux');
    await save(t, 'a', 'Alpha', 'un, modifié', { summary: 'précision' });
    const r = await t.request('GET', '/api/recent-changes');
    expect(r.status).toBe(200);
    expect(r.json.changes).toHaveLength(3);
    expect(r.json.changes[0]).toMatchObject({
      slug: 'a',
      title: 'Alpha',
      revision: 2,
      summary: 'précision',
      author: { name: 'Test contributor' },
      sizeDelta: Buffer.byteLength('un, modifié') - Buffer.byteLength('un'),
      isNew: false,
      createdAt: expect.any(String),
    });
    expect(r.json.changes[1]).toMatchObject({ slug: 'b', revision: 1, isNew: true, sizeDelta: 4 });
    const firstPage = await t.request('GET', '/api/recent-changes?limit=2');
    expect(firstPage.json.changes).toHaveLength(2);
    const next = await t.request(
      'GET',
      `/api/recent-changes?limit=2&before=${firstPage.json.next}`,
    );
    expect(
      next.json.changes.map((c: { slug: string; revision: number }) => `${c.slug}@${c.revision}`),
    ).toEqual(['a@1']);
    expect((await t.request('GET', '/api/recent-changes?limit=9999')).status).toBe(400);
    expect((await t.request('GET', '/api/recent-changes?before=hier')).status).toBe(400);
  });

  it('publishes a valid Atom feed with escaped titles and summaries', async () => {
    const t = await testApp();
    await save(t, 'a', 'Alpha', 'un');
    await save(t, 'a', 'Alpha & <Oméga>', 'deux', { summary: 'Résumé "cité" & <balisé>\u0001' });
    const r = await t.request('GET', '/feed/recent-changes.atom');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = r.text;
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    // Minimal parse: feed-level required elements, then each entry's.
    const head = xml.slice(0, xml.indexOf('<entry>'));
    expect(head).toMatch(/<id>[^<]+<\/id>/);
    expect(head).toMatch(/<title>[^<]+<\/title>/);
    expect(head).toMatch(/<updated>\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/updated>/);
    const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]);
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      for (const el of ['id', 'title', 'updated', 'summary'])
        expect(e, el).toMatch(new RegExp(`<${el}[^>]*>[^<]+</${el}>`));
      expect(e).toMatch(/<link rel="alternate" type="text\/html" href="http:\/\/[^"]+"\/>/);
      expect(e).toMatch(/<author><name>[^<]+<\/name><\/author>/);
    }
    expect(entries[0]).toContain('<title>Alpha &amp; &lt;Oméga&gt;</title>');
    expect(entries[0]).toContain('Résumé &quot;cité&quot; &amp; &lt;balisé&gt;');
    expect(entries[0]).not.toContain('\u0001');
    expect(entries[0]).toContain('/wiki/a/diff?from=1&amp;to=2');
    // Nothing unescaped: every & starts an entity.
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    // Balanced tags.
    const open = (xml.match(/<(?!\/|\?)[a-z]+[^>]*[^/]>/g) ?? []).length;
    const close = (xml.match(/<\/[a-z]+>/g) ?? []).length;
    expect(open).toBe(close);
  });
});
