import { describe, expect, it } from 'vitest';
import { collabFixture, until } from '../helpers/collab.js';

/*
 * A resource proposed while someone is creating, by co-editing, the wiki page at the resource's
 * slug: the registry's hook (which gives each new resource a wiki page) must not take that slug
 * from under them. The person keeps the page they are writing; the resource's page goes to the
 * next candidate slug, "commun-<slug>", as when the slug holds a page of another kind.
 */

const fx = collabFixture(['admin', 'contributor', 'reader'], { collabQuietMs: 60_000 });

const TYPED = '# Compost\n\nNotes de l’atelier compost du jeudi.\n';

describe('the registry hook and a page being created by co-editing', { timeout: 60_000 }, () => {
  it('leaves the slug to the person writing it: their text is kept and becomes the page, the resource’s page goes to commun-<slug>', async () => {
    const writer = fx.open('compost', fx.users.contributor.token);
    const watcher = fx.open('compost', fx.users.admin.token);
    await Promise.all([writer.synced, watcher.synced]);
    writer.text.insert(0, TYPED);
    await until(() => watcher.text.toString() === TYPED, 'the typed text reached the server');
    expect((await fx.call('GET', '/api/pages/compost', fx.users.reader.token)).status).toBe(404);

    const created = await fx.call('POST', '/api/resources', fx.users.admin.token, {
      slug: 'compost',
      name: 'Compost partagé',
      kind: 'method',
      summary: 'Composter à plusieurs dans un tiers-lieu.',
      themes: ['numerique'],
    });
    expect(created.status).toBe(201);
    // Nothing reached the room: the text being written is as typed.
    await new Promise((r) => setTimeout(r, 200));
    expect(watcher.text.toString()).toBe(TYPED);
    expect(writer.text.toString()).toBe(TYPED);

    expect(created.json.wikiPage).toBe('commun-compost');
    const resourcePage = await fx.call('GET', '/api/pages/commun-compost', fx.users.reader.token);
    expect(resourcePage.json).toMatchObject({ kind: 'commun', title: 'Compost partagé' });
    expect(resourcePage.json.markdown).toContain('Composter à plusieurs dans un tiers-lieu.');

    // The writer's "Enregistrer maintenant": their page is created at the slug with their text.
    const saved = await fx.call(
      'POST',
      '/api/pages/compost/collab-save',
      fx.users.contributor.token,
      {},
    );
    expect(saved.json).toMatchObject({ saved: true, revision: 1 });
    const page = await fx.call('GET', '/api/pages/compost', fx.users.reader.token);
    expect(page.json).toMatchObject({ title: 'Compost', markdown: TYPED });
    expect(page.json.kind).not.toBe('commun');
  });
});
