import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { openDatabase } from '../../server/db/open.js';
import { startServer } from '../../server/server.js';
import { createApiToken, createUser } from '../../server/auth/users.js';

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

/**
 * Page reads are answered from a cache of whole answers, emptied by any write to the database.
 * These tests read a page (filling the cache), change something the answer shows without a new
 * revision of that page, and expect the very next read to show it.
 */
describe('cached page answers', () => {
  it('follow writes that do not touch the page revision: backlinks, needs-work flag, properties, page creation', async () => {
    const t = await testApp();
    await save(t, 'cible', 'Cible', 'Voir [[Plus tard]].');
    const first = await t.request('GET', '/api/pages/cible');
    expect(first.json).toMatchObject({ revision: 1, backlinkCount: 0, needsWork: null });
    expect((await t.request('GET', '/api/pages/cible')).text).toBe(first.text);

    // Another page starts linking here: the count moves, the page's revision does not.
    await save(t, 'source', 'Source', 'Voir [[Cible]].');
    expect((await t.request('GET', '/api/pages/cible')).json).toMatchObject({
      revision: 1,
      backlinkCount: 1,
    });

    // The linked page appears: the link is no longer shown as missing.
    expect((await t.request('GET', '/api/pages/cible')).json.html).toContain('wikilink missing');
    await save(t, 'plus-tard', 'Plus tard', 'Créée.');
    expect((await t.request('GET', '/api/pages/cible')).json.html).not.toContain(
      'wikilink missing',
    );

    const flagged = await t.request('PUT', '/api/pages/cible/needs-work', {
      as: 'contributor',
      body: { reason: 'à compléter' },
    });
    expect(flagged.status).toBe(200);
    expect((await t.request('GET', '/api/pages/cible')).json.needsWork).toBe('à compléter');

    const props = await t.request('PATCH', '/api/pages/cible/properties', {
      as: 'contributor',
      body: { kind: 'guide', categories: ['Outils'] },
    });
    expect(props.status).toBe(200);
    const after = await t.request('GET', '/api/pages/cible');
    expect(after.json).toMatchObject({ kind: 'guide', categories: ['Outils'], revision: 2 });
    expect(after.json.updatedBy.name).toBe('Test contributor');
  });

  it('are the same answer as an uncached read, for every demo page, and 404 stays 404 after the page is created', async () => {
    const t = await testApp();
    const { seedIfEmpty } = await import('../../server/seed/index.js');
    await seedIfEmpty(t.db);
    const list = await t.request('GET', '/api/pages?limit=100');
    const slugs = (list.json.pages as { slug: string }[]).map((p) => p.slug);
    expect(slugs.length).toBeGreaterThan(10);
    for (const slug of slugs) {
      const cold = await t.request('GET', `/api/pages/${slug}`);
      const warm = await t.request('GET', `/api/pages/${slug}`);
      expect(warm.status).toBe(200);
      expect(warm.text).toBe(cold.text);
      expect(warm.json.slug).toBe(slug);
    }
    expect((await t.request('GET', '/api/pages/pas-encore')).status).toBe(404);
    await save(t, 'pas-encore', 'Pas encore', 'Maintenant oui.');
    expect((await t.request('GET', '/api/pages/pas-encore')).json.title).toBe('Pas encore');
  });

  it('send the page as UTF-8 with its byte length on the real server, fresh after a save', async () => {
    const db = openDatabase(':memory:');
    const server = await startServer(db, { port: 0 });
    try {
      const user = await createUser(db, {
        email: 'e@example.org',
        name: 'Écrivaine',
        password: 'password123',
        role: 'contributor',
      });
      const token = createApiToken(db, user.id, 'test');
      const put = (markdown: string, baseRevision: number) =>
        fetch(`${server.url}/api/pages/ete`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Été à la ferme', markdown, baseRevision }),
        });
      expect((await put('Première version, déjà accentuée : « œuvre ».', 0)).status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const r = await fetch(`${server.url}/api/pages/ete`);
        const bytes = Buffer.from(await r.arrayBuffer());
        expect(r.headers.get('content-type')).toBe('application/json');
        expect(Number(r.headers.get('content-length'))).toBe(bytes.length);
        const page = JSON.parse(bytes.toString('utf8')) as {
          title: string;
          markdown: string;
          revision: number;
        };
        expect(page).toMatchObject({
          title: 'Été à la ferme',
          markdown: 'Première version, déjà accentuée : « œuvre ».',
          revision: 1,
        });
      }
      expect((await put('Deuxième version.', 1)).status).toBe(200);
      const fresh = (await (await fetch(`${server.url}/api/pages/ete`)).json()) as {
        markdown: string;
        revision: number;
      };
      expect(fresh).toMatchObject({ markdown: 'Deuxième version.', revision: 2 });
    } finally {
      await server.close();
      db.close();
    }
  });
});
