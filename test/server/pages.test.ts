import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const page = (title: string, markdown: string, extra: Record<string, unknown> = {}) => ({
  title,
  markdown,
  ...extra,
});

describe('/api/pages', () => {
  it('creates (201), reads and updates (200) a page with user refs and no e-mails', async () => {
    const t = await testApp();
    const created = await t.request('PUT', '/api/pages/gouvernance', {
      as: 'contributor',
      body: page('Gouvernance', '# Gouvernance\n\nTexte.'),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      slug: 'gouvernance',
      title: 'Gouvernance',
      kind: 'practice',
      revision: 1,
      categories: [],
      needsWork: null,
      referent: null,
      backlinkCount: 0,
      updatedBy: { id: expect.any(Number), name: 'Test contributor' },
    });
    expect(created.json.html).toContain('<h1 id="h-gouvernance">Gouvernance</h1>');
    const got = await t.request('GET', '/api/pages/gouvernance');
    expect(got.status).toBe(200);
    expect(got.json.markdown).toBe('# Gouvernance\n\nTexte.');
    expect(got.text).not.toContain('@example.org');
    const updated = await t.request('PUT', '/api/pages/gouvernance', {
      as: 'facilitator',
      body: page('Gouvernance partagée', 'Nouveau texte.', {
        baseRevision: 1,
        kind: 'guide',
        summary: 'titre',
      }),
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({
      revision: 2,
      title: 'Gouvernance partagée',
      kind: 'guide',
      updatedBy: { name: 'Test facilitator' },
    });
  });

  it('answers a read with exactly the JSON a save answers, whatever the characters', async () => {
    const t = await testApp();
    await t.tokenFor('facilitator');
    const fac = t.db.prepare(`SELECT id FROM users WHERE role = 'facilitator'`).get() as {
      id: number;
    };
    const markdown =
      'Guillemets "doubles" et \\ barre, séparateurs \u2028 \u2029, emoji 🎉, </script>, [[Autre page]]\n\ttab';
    const put = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('Titre "cité" \\ é', markdown, {
        referentId: fac.id,
        categories: ['Économie "x"'],
      }),
    });
    await t.request('PUT', '/api/pages/q', { as: 'contributor', body: page('Q', '[[p]]') });
    const get = await t.request('GET', '/api/pages/p');
    expect(get.headers.get('content-type')).toMatch(/^application\/json/);
    expect(get.json).toEqual({ ...put.json, backlinkCount: 1 });
    expect(get.json.markdown).toBe(markdown);
    // Twice: the second answer comes from the cached encodings.
    expect((await t.request('GET', '/api/pages/p')).text).toBe(get.text);
  });

  it('sets and clears a referent, refusing unknown users with 400 naming referentId', async () => {
    const t = await testApp();
    await t.tokenFor('facilitator');
    const fac = t.db.prepare(`SELECT id FROM users WHERE role = 'facilitator'`).get() as {
      id: number;
    };
    const bad = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'x', { referentId: 9999 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('referentId');
    const ok = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'x', { referentId: fac.id }),
    });
    expect(ok.json.referent).toEqual({ id: fac.id, name: 'Test facilitator' });
    // Omitted: kept. null: cleared.
    const kept = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'y'),
    });
    expect(kept.json.referent).toEqual({ id: fac.id, name: 'Test facilitator' });
    const cleared = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'y', { referentId: null }),
    });
    expect(cleared.json.referent).toBeNull();
  });

  it('answers 404 for unknown slugs and 400 for invalid ones', async () => {
    const t = await testApp();
    const missing = await t.request('GET', '/api/pages/nulle-part');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    for (const slug of ['Majuscules', 'fin-', 'a_b', 'x'.repeat(121), '%C3%A9t%C3%A9']) {
      const r = await t.request('GET', `/api/pages/${slug}`);
      expect(r.status, slug).toBe(400);
      expect(r.json.error.field).toBe('slug');
    }
    const put = await t.request('PUT', '/api/pages/Bad_Slug', {
      as: 'contributor',
      body: page('x', 'y'),
    });
    expect(put.status).toBe(400);
    expect(put.json.error.field).toBe('slug');
    expect((await t.request('GET', '/api/pages/nulle-part/revisions')).status).toBe(404);
    expect((await t.request('GET', '/api/pages/nulle-part/diff')).status).toBe(404);
  });

  it('refuses malformed JSON and invalid fields with 400', async () => {
    const t = await testApp();
    const broken = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: '{"title": "x", "markdown": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toMatch(/invalid_json|bad_request/);
    const noTitle = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: { title: '  ', markdown: 'x' },
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.json.error.field).toBe('title');
    const twoLines = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: { title: 'a\nb', markdown: 'x' },
    });
    expect(twoLines.status).toBe(400);
    expect(twoLines.json.error.field).toBe('title');
    const badMd = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: { title: 'x', markdown: 42 },
    });
    expect(badMd.status).toBe(400);
    expect(badMd.json.error.field).toBe('markdown');
    const badBase = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: { title: 'x', markdown: 'y', baseRevision: 'z' },
    });
    expect(badBase.json.error.field).toBe('baseRevision');
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM pages').get()).toEqual({ n: 0 });
  });

  it('checks roles: anonymous 401, reader 403, contributor allowed', async () => {
    const t = await testApp();
    const anon = await t.request('PUT', '/api/pages/p', { body: page('P', 'x') });
    expect(anon.status).toBe(401);
    expect(anon.json.error.code).toBe('unauthenticated');
    const reader = await t.request('PUT', '/api/pages/p', { as: 'reader', body: page('P', 'x') });
    expect(reader.status).toBe(403);
    expect(reader.json.error.code).toBe('forbidden');
    await t.request('PUT', '/api/pages/p', { as: 'contributor', body: page('P', 'x') });
    expect(
      (await t.request('POST', '/api/pages/p/revert', { as: 'reader', body: { revision: 1 } }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('PUT', '/api/pages/p/needs-work', { body: { reason: 'x' } })).status,
    ).toBe(401);
    expect((await t.request('DELETE', '/api/pages/p/needs-work', { as: 'reader' })).status).toBe(
      403,
    );
    // Anonymous reads are fine on a public wiki.
    expect((await t.request('GET', '/api/pages/p')).status).toBe(200);
  });

  it('refuses a stale edit with 409, the current revision and the current page', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'v1', { baseRevision: 0 }),
    });
    await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'v2', { baseRevision: 1 }),
    });
    const stale = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'mine', { baseRevision: 1 }),
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({
      code: 'conflict',
      field: 'baseRevision',
      currentRevision: 2,
    });
    expect(stale.json.error.current).toMatchObject({ slug: 'p', revision: 2, markdown: 'v2' });
    expect(stale.json.error.current.html).toContain('v2');
    const recreate = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'again', { baseRevision: 0 }),
    });
    expect(recreate.status).toBe(409);
    expect(recreate.json.error.currentRevision).toBe(2);
    expect((await t.request('GET', '/api/pages/p')).json.markdown).toBe('v2');
  });

  it('writes no revision for a save that changes nothing', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/p', { as: 'contributor', body: page('P', 'same') });
    const again = await t.request('PUT', '/api/pages/p', {
      as: 'contributor',
      body: page('P', 'same', { baseRevision: 1 }),
    });
    expect(again.status).toBe(200);
    expect(again.json.revision).toBe(1);
    expect((await t.request('GET', '/api/pages/p/revisions')).json.revisions).toHaveLength(1);
  });

  it('lets a page link to itself without counting it as its own backlink', async () => {
    const t = await testApp();
    const r = await t.request('PUT', '/api/pages/boucle', {
      as: 'contributor',
      body: page('Boucle', 'Voir [[Boucle]] et [[boucle|encore]].'),
    });
    expect(r.status).toBe(201);
    expect(r.json.html).toContain('<a class="wikilink" href="/wiki/boucle">Boucle</a>');
    expect(r.json.backlinkCount).toBe(0);
    expect((await t.request('GET', '/api/pages/boucle/backlinks')).json.pages).toEqual([]);
    const orphans = await t.request('GET', '/api/wiki/orphans');
    expect(orphans.json.pages).toEqual([{ slug: 'boucle', title: 'Boucle' }]);
    expect((await t.request('GET', '/api/wiki/wanted')).json.pages).toEqual([]);
  });

  it('saves and reads a 1 MB page', async () => {
    const t = await testApp();
    const para =
      'Les tiers-lieux du réseau partagent leurs pratiques de gouvernance et de financement. ';
    let markdown = '';
    for (let i = 0; markdown.length < 1024 * 1024; i++)
      markdown += `## Section ${i}\n\n${para.repeat(12)}\n\n`;
    const put = await t.request('PUT', '/api/pages/grande', {
      as: 'contributor',
      body: page('Grande page', markdown),
    });
    expect(put.status).toBe(201);
    const get = await t.request('GET', '/api/pages/grande');
    expect(get.status).toBe(200);
    expect(get.json.markdown.length).toBe(markdown.length);
    expect(get.json.html).toContain('<h2 id="h-section-0">');
  });

  it('answers 413 with the JSON error for a body over the configured limit', async () => {
    const t = await testApp({ bodyLimit: 64 * 1024 });
    const r = await t.request('PUT', '/api/pages/trop', {
      as: 'contributor',
      body: page('Trop', 'x'.repeat(100 * 1024)),
    });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('payload_too_large');
    expect((await t.request('GET', '/api/pages/trop')).status).toBe(404);
  });

  it('keeps a private wiki closed to anonymous readers (401), open to readers', async () => {
    const t = await testApp({ publicRead: false });
    await t.request('PUT', '/api/pages/p', { as: 'contributor', body: page('P', 'secret') });
    for (const path of [
      '/api/pages',
      '/api/pages/p',
      '/api/pages/p/revisions',
      '/api/pages/p/revisions/1',
      '/api/pages/p/diff',
      '/api/pages/p/backlinks',
      '/api/wiki/wanted',
      '/api/wiki/orphans',
      '/api/wiki/to-improve',
      '/api/wiki/categories',
      '/api/recent-changes',
      '/feed/recent-changes.atom',
    ]) {
      const r = await t.request('GET', path);
      expect(r.status, path).toBe(401);
      expect(r.text).not.toContain('secret');
    }
    const reader = await t.request('GET', '/api/pages/p', { as: 'reader' });
    expect(reader.status).toBe(200);
    expect(reader.json.markdown).toBe('secret');
    expect((await t.request('GET', '/feed/recent-changes.atom', { as: 'reader' })).status).toBe(
      200,
    );
  });

  it('lists pages in French title order with paging', async () => {
    const t = await testApp();
    for (const [slug, title] of [
      ['zebre', 'Zèbre'],
      ['evaluer', 'Évaluer son utilité sociale'],
      ['accueil', 'Accueil'],
      ['fablab', 'Fablab'],
    ]) {
      await t.request('PUT', `/api/pages/${slug}`, { as: 'contributor', body: page(title, 'x') });
    }
    const all = await t.request('GET', '/api/pages');
    expect(all.json.total).toBe(4);
    expect(all.json.pages.map((p: { slug: string }) => p.slug)).toEqual([
      'accueil',
      'evaluer',
      'fablab',
      'zebre',
    ]);
    expect(all.json.pages[0]).toEqual({
      slug: 'accueil',
      title: 'Accueil',
      kind: 'practice',
      revision: 1,
      updatedAt: expect.any(String),
    });
    const second = await t.request('GET', '/api/pages?limit=2&offset=2');
    expect(second.json.pages.map((p: { slug: string }) => p.slug)).toEqual(['fablab', 'zebre']);
    const bad = await t.request('GET', '/api/pages?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('limit');
  });

  it('flags and unflags a page "à améliorer"', async () => {
    const t = await testApp();
    await t.request('PUT', '/api/pages/p', { as: 'contributor', body: page('P', 'x') });
    const flagged = await t.request('PUT', '/api/pages/p/needs-work', {
      as: 'contributor',
      body: { reason: 'Ajouter des exemples' },
    });
    expect(flagged.status).toBe(200);
    expect(flagged.json.needsWork).toBe('Ajouter des exemples');
    expect(flagged.json.revision).toBe(1);
    const empty = await t.request('PUT', '/api/pages/p/needs-work', {
      as: 'contributor',
      body: { reason: '' },
    });
    expect(empty.status).toBe(400);
    expect(empty.json.error.field).toBe('reason');
    expect(
      (
        await t.request('PUT', '/api/pages/absente/needs-work', {
          as: 'contributor',
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(404);
    const cleared = await t.request('DELETE', '/api/pages/p/needs-work', { as: 'contributor' });
    expect(cleared.json.needsWork).toBeNull();
  });
});
